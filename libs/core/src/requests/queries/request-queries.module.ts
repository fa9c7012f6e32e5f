import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../../attachments';
import { CalendarModule } from '../../calendar';
import { AuditModule, ClockModule, CryptoModule } from '../../platform';
import { RequestsModule } from '..';
import { RequestQueryService } from './request-query.service';

/** Worklists, supervision counts, request details and the audited reveal of personal data. */
@Module({
  imports: [RequestsModule, CalendarModule, AttachmentsModule, CryptoModule, AuditModule, ClockModule],
  providers: [RequestQueryService],
  exports: [RequestQueryService],
})
export class RequestQueriesModule {}
