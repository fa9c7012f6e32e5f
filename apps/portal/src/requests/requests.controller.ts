import { Body, Controller, Get, Headers, Param, Post, Res, UploadedFile } from '@nestjs/common';
import { RateLimit } from '@gongkai/core/platform';
import { PORTAL_LIMITS } from '../portal-limits';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CitizenCaller, uuidPipe } from '@gongkai/core/platform';
import { ApplicationDto, IntakeService } from '@gongkai/core/requests/intake';
import {
  AttachmentService,
  AttachmentUpload,
  UploadDto,
  uploadedFile,
  sendAttachment,
} from '@gongkai/core/attachments';
import { RequestAccessService } from '@gongkai/core/request-record';
import { RequestQueryService } from '@gongkai/core/requests/queries';
import type { UploadedFileLike } from '@gongkai/core/attachments';
import type { Caller, CitizenPrincipal } from '@gongkai/core/platform';

/** The citizen's own requests: apply online, follow them, download their files. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('api/portal')
export class RequestsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly queries: RequestQueryService,
    private readonly attachments: AttachmentService,
    private readonly access: RequestAccessService,
  ) {}

  @RateLimit([PORTAL_LIMITS.applyIp, 'ip'], [PORTAL_LIMITS.applyAccount, 'principal'])
  @Post('requests')
  @Access('citizen')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retried submission never creates a second request',
  })
  @ApiOperation({ summary: 'Apply online; received today (the day the system confirms submission)' })
  async apply(
    @CitizenCaller() caller: Caller<CitizenPrincipal>,
    @Body() body: ApplicationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { result, replayed } = await this.intake.applyOnline(caller, body, key);
    if (replayed) {
      res.setHeader('Idempotent-Replayed', 'true');
    }
    return result;
  }

  @Get('requests')
  @Access('citizen')
  list(@CitizenCaller() caller: Caller<CitizenPrincipal>) {
    return this.queries.listForCitizen(caller);
  }

  @Get('requests/:id')
  @Access('citizen')
  detail(@CitizenCaller() caller: Caller<CitizenPrincipal>, @Param('id', uuidPipe()) id: string) {
    return this.queries.detailForCitizen(caller, id);
  }

  @RateLimit([PORTAL_LIMITS.uploadAccount, 'principal'])
  @Post('attachments')
  @Access('citizen')
  @AttachmentUpload()
  @ApiOperation({ summary: 'Upload a file for an application (PDF, JPEG, PNG, OFD, DOCX; at most 10 MB)' })
  upload(
    @CitizenCaller() caller: Caller<CitizenPrincipal>,
    @UploadedFile() file: UploadedFileLike | undefined,
    @Body() body: UploadDto,
  ) {
    return this.attachments.upload(caller, uploadedFile(file), body.purpose);
  }

  @Get('requests/:id/attachments/:attachmentId')
  @Access('citizen')
  async download(
    @CitizenCaller() caller: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Param('attachmentId', uuidPipe('attachmentId')) attachmentId: string,
    @Res() res: Response,
  ) {
    await this.access.forCitizen(caller, id);
    const file = await this.attachments.content(id, attachmentId);
    sendAttachment(res, file.view, file.bytes);
  }
}
