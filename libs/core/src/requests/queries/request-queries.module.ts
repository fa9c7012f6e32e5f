import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../../attachments';
import { CalendarModule } from '../../calendar';
import { AuditModule, ClockModule, CryptoModule } from '../../platform';
import { RequestRecordModule } from '../../request-record';
import { RequestQueryService } from './request-query.service';
import { RequestReadRepository } from './request-read.repository';
import { WorklistService } from './worklist.service';

/** Worklists, supervision counts, request details and the audited reveal of personal data. */
@Module({
  imports: [RequestRecordModule, CalendarModule, AttachmentsModule, CryptoModule, AuditModule, ClockModule],
  providers: [RequestQueryService, RequestReadRepository, WorklistService],
  exports: [RequestQueryService, WorklistService, RequestReadRepository],
})
export class RequestQueriesModule {}
