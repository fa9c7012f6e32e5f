import { Module } from '@nestjs/common';
import { CaseFileService } from '../archive/case-file.service';
import { CalendarModule } from '../calendar/calendar.module';
import { NOTIFICATION_PROVIDERS } from '../notifications/notification-providers';
import { NotificationQueryService } from '../notifications/notification-query.service';
import { NotificationService } from '../notifications/notification.service';
import { OutboxService } from '../notifications/outbox.service';
import { RequestsModule } from '../requests/requests.module';
import { ConclusionService } from './conclusion.service';
import { ConsultationService } from './consultation.service';
import { CorrectionService } from './correction.service';
import { FeeService } from './fee.service';
import { ReplyService } from './reply.service';
import { ServiceRecordService } from './service-record.service';
import { SweepService } from './sweep.service';
import { TimeLimitService } from './time-limit.service';

const SERVICES = [
  NotificationService,
  NotificationQueryService,
  OutboxService,
  CorrectionService,
  ConsultationService,
  TimeLimitService,
  FeeService,
  ConclusionService,
  ReplyService,
  ServiceRecordService,
  CaseFileService,
  SweepService,
];

/** Handling to archive: the actions after assignment, letters, the outbox and the sweeps. */
@Module({
  imports: [RequestsModule, CalendarModule],
  providers: [...SERVICES, ...NOTIFICATION_PROVIDERS],
  exports: [...SERVICES, RequestsModule, CalendarModule],
})
export class HandlingModule {}
