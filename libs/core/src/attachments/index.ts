export { sendAttachment } from './attachment-download';
export { AttachmentEntity } from './attachment.entity';
export type { AttachmentPurpose } from './attachment.entity';
export { AttachmentService, MAX_PENDING_UPLOADS, ORPHAN_UPLOAD_MS } from './attachment.service';
export { AttachmentUpload, UPLOAD_LIMITS, UploadDto, uploadedFile } from './upload.dto';
export type { UploadedFileLike } from './upload.dto';
export { AttachmentsModule } from './attachments.module';
