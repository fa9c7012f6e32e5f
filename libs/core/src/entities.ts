import { ClockOverrideEntity } from './clock/clock-override.entity';

/** Every entity of the system, for the one data source of apps and migration CLI. */
export const CORE_ENTITIES = [ClockOverrideEntity];
