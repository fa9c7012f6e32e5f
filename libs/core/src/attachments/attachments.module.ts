import { Module } from '@nestjs/common';
import { AuditModule, ClockModule } from '../platform';
import { AttachmentService } from './attachment.service';

/** Uploaded files, checked by content, linked to a request by their uploader. */
@Module({ imports: [AuditModule, ClockModule], providers: [AttachmentService], exports: [AttachmentService] })
export class AttachmentsModule {}
