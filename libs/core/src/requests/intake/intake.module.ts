import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../../attachments';
import { CalendarModule } from '../../calendar';
import { LettersModule } from '../../letters';
import { AuditModule, ClockModule, CryptoModule } from '../../platform';
import { ApplicationDraftService } from './application-draft.service';
import { IdempotencyRepository } from './idempotency.repository';
import { IntakeService } from './intake.service';

/** Online applications and the registration of paper ones: numbering, receipt, acknowledgement. */
@Module({
  imports: [CalendarModule, CryptoModule, AttachmentsModule, AuditModule, ClockModule, LettersModule],
  providers: [IntakeService, IdempotencyRepository, ApplicationDraftService],
  exports: [IntakeService, ApplicationDraftService],
})
export class IntakeModule {}
