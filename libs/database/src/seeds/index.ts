import { nationalCalendarSeed } from './calendar-national.seed';
import { DemoAccount, Seed } from './seed';

/** Every seed, in the order it must run. */
export const SEEDS: Seed[] = [nationalCalendarSeed];

/** The accounts the demo seeds create (shown by the launcher). */
export const DEMO_ACCOUNTS: DemoAccount[] = [];
