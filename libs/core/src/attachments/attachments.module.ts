import { Module } from '@nestjs/common';
import { AuditModule, ClockModule, CryptoModule, StorageModule } from '../platform';
import { AttachmentService } from './attachment.service';

/** Uploaded files, checked by content, linked to a request by their uploader. */
@Module({
  imports: [AuditModule, ClockModule, StorageModule, CryptoModule],
  providers: [AttachmentService],
  exports: [AttachmentService],
})
export class AttachmentsModule {}
