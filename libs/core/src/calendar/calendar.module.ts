import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RequestClockService } from '../requests/request-clock.service';
import { CalendarAdminService } from './calendar-admin.service';
import { CalendarService } from './calendar.service';

/** Working calendars, their publication, and the request clocks computed on them. */
@Module({
  imports: [AuditModule],
  providers: [CalendarService, CalendarAdminService, RequestClockService],
  exports: [CalendarService, CalendarAdminService, RequestClockService],
})
export class CalendarModule {}
