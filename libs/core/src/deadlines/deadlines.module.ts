import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar';
import { AuditModule } from '../platform';
import { RequestClockService } from './request-clock.service';

/** Each request's statutory clocks, computed from its events on the working calendar. */
@Module({
  imports: [CalendarModule, AuditModule],
  providers: [RequestClockService],
  exports: [RequestClockService],
})
export class DeadlinesModule {}
