import { Body, Controller, Get, Param, Post, Res, UploadedFile } from '@nestjs/common';
import { RateLimit } from '@gongkai/core/platform';
import { CONSOLE_LIMITS } from '../console-limits';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Access,
  AuditService,
  StaffCaller,
  canAt,
  forbidden,
  hasPermission,
  uuidPipe,
} from '@gongkai/core/platform';
import { DomainError } from '@gongkai/domain';
import type { Permission } from '@gongkai/domain';
import {
  AttachmentService,
  AttachmentUpload,
  UploadDto,
  uploadedFile,
  sendAttachment,
} from '@gongkai/core/attachments';
import { RequestAccessService } from '@gongkai/core/request-record';
import type { UploadedFileLike } from '@gongkai/core/attachments';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';

/** The files a registrar attaches to an application (the others are proofs of handling moves). */
const REGISTRATION_PURPOSES: readonly string[] = ['application', 'identity', 'power_of_attorney'];

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('api/console')
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentService,
    private readonly access: RequestAccessService,
    private readonly audit: AuditService,
  ) {}

  @RateLimit([CONSOLE_LIMITS.uploadAccount, 'principal'])
  @Post('attachments')
  @Access('staff')
  @AttachmentUpload()
  @ApiOperation({
    summary: 'Upload a scanned application, ID or power of attorney (PDF, JPEG, PNG, OFD, DOCX)',
  })
  upload(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @UploadedFile() file: UploadedFileLike | undefined,
    @Body() body: UploadDto,
  ) {
    // Whoever may make a move may attach its proof: registrars the application's files, handlers
    // the proofs of correction, payment, consultation answers and service.
    const needs: Permission = REGISTRATION_PURPOSES.includes(body.purpose)
      ? 'request.register'
      : 'request.handle';
    if (!hasPermission(caller.principal, needs)) {
      throw forbidden(needs);
    }
    return this.attachments.upload(caller, uploadedFile(file), body.purpose);
  }

  @Get('requests/:id/attachments/:attachmentId')
  @Access('request.read')
  @ApiOperation({ summary: 'Download a file of a request you may read' })
  async download(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Param('attachmentId', uuidPipe('attachmentId')) attachmentId: string,
    @Res() res: Response,
  ) {
    const { agency, handlingAgency } = await this.access.forStaff(caller, id);
    const file = await this.attachments.content(id, attachmentId);
    // An identity document is personal data: only those who may reveal personal data get it.
    const reveal = [agency.path, handlingAgency.path].some((p) =>
      canAt(caller.principal, 'personal_data.reveal', p),
    );
    if (file.view.purpose === 'identity' && !reveal) {
      throw new DomainError('ATTACHMENT.NOT_FOUND', 'not_found', '附件不存在或无权查看。', { attachmentId });
    }
    await this.audit.record(null, {
      actor: caller.principal.login,
      ip: caller.ip,
      action: 'attachment.downloaded',
      objectType: 'attachment',
      objectId: attachmentId,
      result: 'success',
      details: { requestId: id, purpose: file.view.purpose },
    });
    sendAttachment(res, file.view, file.bytes);
  }
}
