export {
  CalendarChangeEntity,
  CalendarDayEntity,
  CalendarRegionEntity,
  CalendarYearEntity,
} from './calendar.entities';
export { CalendarModule } from './calendar.module';
export {
  CALENDAR_CHANNEL,
  CalendarService,
  NATIONAL,
  loadCalendars,
  unknownRegion,
} from './calendar.service';
