import { SystemAlertEntity } from './alerts/system-alert.entity';
import {
  CalendarChangeEntity,
  CalendarDayEntity,
  CalendarRegionEntity,
  CalendarYearEntity,
} from './calendar/calendar.entities';
import { ClockOverrideEntity } from './clock/clock-override.entity';
import { RequestEntity, RequestEventEntity } from './requests/request.entities';

/** Every entity of the system, for the one data source of apps and migration CLI. */
export const CORE_ENTITIES = [
  ClockOverrideEntity,
  CalendarRegionEntity,
  CalendarYearEntity,
  CalendarDayEntity,
  CalendarChangeEntity,
  RequestEntity,
  RequestEventEntity,
  SystemAlertEntity,
];
