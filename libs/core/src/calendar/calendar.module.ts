import { Module } from '@nestjs/common';
import { DatabaseListenerModule } from '../platform';
import { CalendarService } from './calendar.service';

/** The working calendars (national and regional), cached and refreshed on publication. */
@Module({ imports: [DatabaseListenerModule], providers: [CalendarService], exports: [CalendarService] })
export class CalendarModule {}
