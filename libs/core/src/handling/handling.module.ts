import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments';
import { CalendarModule } from '../calendar';
import { DeadlinesModule } from '../deadlines';
import { LettersModule } from '../letters';
import { NotificationsModule } from '../notifications';
import { AuditModule, ClockModule, CryptoModule } from '../platform';
import { RequestRecordModule } from '../request-record';
import { RequestMovesModule } from '../requests/moves';
import { RequestQueriesModule } from '../requests/queries';
import { ConclusionService } from './conclusion/conclusion.service';
import { ConsultationService } from './consultation/consultation.service';
import { CorrectionService } from './correction/correction.service';
import { JointConsultationService } from './consultation/joint-consultation.service';
import { FeeService } from './fees/fee.service';
import { ReplyService } from './reply/reply.service';
import { ServiceRecordService } from './service/service-record.service';
import { SweepService } from './sweeps/sweep.service';
import { SupervisionService } from './supervision/supervision.service';
import { TimeLimitService } from './time-limits/time-limit.service';

const SERVICES = [
  CorrectionService,
  ConsultationService,
  TimeLimitService,
  FeeService,
  ConclusionService,
  ReplyService,
  ServiceRecordService,
  SweepService,
  SupervisionService,
  JointConsultationService,
];

/** Handling after assignment, grouped by action: correction, consultation, time limits, fees, reply, service, sweeps. */
@Module({
  imports: [
    RequestRecordModule,
    RequestMovesModule,
    RequestQueriesModule,
    DeadlinesModule,
    LettersModule,
    NotificationsModule,
    AttachmentsModule,
    CalendarModule,
    AuditModule,
    ClockModule,
    CryptoModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class HandlingModule {}
