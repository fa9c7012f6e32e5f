import { Module } from '@nestjs/common';
import { AuditModule } from '../platform';
import { RequestAccessService } from './request-access.service';

/** The request record: who may see which request (everything else builds on it). */
@Module({ imports: [AuditModule], providers: [RequestAccessService], exports: [RequestAccessService] })
export class RequestRecordModule {}
