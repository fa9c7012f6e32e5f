import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../../attachments';
import { CalendarModule } from '../../calendar';
import { AuditModule, ClockModule, CryptoModule } from '../../platform';
import { RequestRecordModule } from '../../request-record';
import { RequestHintsService } from './request-hints.service';
import { RequestQueryService } from './request-query.service';
import { RequestReadRepository } from './request-read.repository';
import { WorklistService } from './worklist.service';

/** Worklists, supervision counts, request details and the audited reveal of personal data. */
@Module({
  imports: [RequestRecordModule, CalendarModule, AttachmentsModule, CryptoModule, AuditModule, ClockModule],
  providers: [RequestQueryService, RequestReadRepository, WorklistService, RequestHintsService],
  exports: [RequestQueryService, WorklistService, RequestReadRepository, RequestHintsService],
})
export class RequestQueriesModule {}
