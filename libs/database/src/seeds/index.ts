import { nationalCalendarSeed } from './calendar-national.seed';
import { demoDistrictSeed } from './demo-district.seed';
import { Seed } from './seed';

/** Every seed, in the order it must run. */
export const SEEDS: Seed[] = [nationalCalendarSeed, demoDistrictSeed];
