import { Module } from '@nestjs/common';
import { DeadlinesModule } from '..';
import { AuditModule, ClockModule } from '../../platform';
import { CalendarModule } from '../../calendar';
import { CalendarAdminService } from './calendar-admin.service';

/** Publishing and correcting calendar years, which moves the deadlines of open requests. */
@Module({
  imports: [CalendarModule, DeadlinesModule, AuditModule, ClockModule],
  providers: [CalendarAdminService],
  exports: [CalendarAdminService],
})
export class CalendarPublishingModule {}
