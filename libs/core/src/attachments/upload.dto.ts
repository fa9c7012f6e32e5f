import { UseInterceptors, applyDecorators } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ATTACHMENT_PURPOSES } from './attachment.entity';
import type { AttachmentPurpose } from './attachment.entity';

export class UploadDto {
  @ApiProperty({ enum: ATTACHMENT_PURPOSES })
  @IsIn(ATTACHMENT_PURPOSES)
  purpose!: AttachmentPurpose;
}

/** Multer limits: one file per upload, within the size limit (bigger answers 413, changes nothing). */
export const UPLOAD_LIMITS = { files: 1, fields: 5, fileSize: 10 * 1024 * 1024 };

/** The part of multer's file object we use (multer ships without types here). */
export interface UploadedFileLike {
  originalname: string;
  buffer: Buffer;
}

/** Multer reads the multipart file name as latin-1; browsers send UTF-8. */
export function uploadedFile(
  file: UploadedFileLike | undefined,
): { originalName: string; bytes: Buffer } | undefined {
  return (
    file && { originalName: Buffer.from(file.originalname, 'latin1').toString('utf8'), bytes: file.buffer }
  );
}

/** A multipart upload endpoint: one `file` part within UPLOAD_LIMITS, documented as such. */
export const AttachmentUpload = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    UseInterceptors(FileInterceptor('file', { limits: UPLOAD_LIMITS })),
  );
