import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import { CaseFileService } from '@gongkai/core/archive';
import {
  ConsultationService,
  FeeService,
  JointConsultationService,
  ReplyService,
} from '@gongkai/core/handling';
import { FeeQuoteQueryDto } from './handling.dto';
import { VersionDto } from '@gongkai/core/platform';
import { DocumentFormatDto } from '@gongkai/core/letters';
import { LetterService, sendDocument } from '@gongkai/core/letters';
import { RequestAccessService } from '@gongkai/core/request-record';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';

/** The case file of a request: its letters, the draft reply, consultations, fee quote and the archive. */
@ApiTags('handling')
@ApiBearerAuth()
@Controller('api/console/requests/:id')
export class CaseFileController {
  constructor(
    private readonly access: RequestAccessService,
    private readonly letters: LetterService,
    private readonly reply: ReplyService,
    private readonly consultations: ConsultationService,
    private readonly fees: FeeService,
    private readonly caseFiles: CaseFileService,
    private readonly joint: JointConsultationService,
  ) {}

  @Get('letters')
  @Access('request.read')
  @ApiOperation({ summary: 'Every letter issued for the request (number, kind, hashes)' })
  async list(@StaffCaller() c: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    await this.access.forStaff(c, id, 'request.read');
    return { letters: await this.letters.list(id, false) };
  }

  @Get('letters/:letterId')
  @Access('request.read')
  @ApiOperation({ summary: 'The stored letter as HTML (A4 print view)' })
  async html(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Param('letterId', uuidPipe('letterId')) letterId: string,
    @Res() res: Response,
  ) {
    await this.access.forStaff(c, id, 'request.read');
    await this.letters.send(res, id, letterId, 'html', false, { actor: c.principal.login, ip: c.ip });
  }

  @Get('letters/:letterId/docx')
  @Access('request.read')
  @ApiOperation({ summary: 'The stored letter as DOCX' })
  async docx(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Param('letterId', uuidPipe('letterId')) letterId: string,
    @Res() res: Response,
  ) {
    await this.access.forStaff(c, id, 'request.read');
    await this.letters.send(res, id, letterId, 'docx', false, { actor: c.principal.login, ip: c.ip });
  }

  @Get('documents/application_form')
  @Access('request.read')
  @ApiOperation({
    summary: 'The application form (申请登记表) as registered: HTML print view, or DOCX with ?format=docx',
  })
  async applicationForm(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Query() q: DocumentFormatDto,
    @Res() res: Response,
  ) {
    const { request } = await this.access.forStaff(c, id, 'request.read');
    const { html, docx } = await this.letters.applicationForm(request);
    const format = q.format ?? 'html';
    sendDocument(
      res,
      { name: `政府信息公开申请登记表-${request.number}`, ascii: `application-form-${request.id}` },
      format,
      format === 'html' ? html : docx,
    );
  }

  @Get('draft-letter')
  @Access('request.read')
  @ApiOperation({
    summary: 'The drafted reply as the letter would read (unnumbered), for review and sign-off',
  })
  async draftLetter(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Res() res: Response,
  ) {
    const { request } = await this.access.forStaff(c, id, 'request.read');
    const html = await this.reply.preview(request);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; sandbox allow-modals",
    );
    res.end(html);
  }

  @Get('consultations')
  @Access('request.read')
  @ApiOperation({ summary: 'Third-party and inter-agency consultations with their answer dates' })
  async listConsultations(@StaffCaller() c: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    await this.access.forStaff(c, id, 'request.read');
    return { consultations: await this.consultations.list(id) };
  }

  @Get('joint-consultations')
  @Access('request.read')
  @ApiOperation({
    summary:
      '会商 on the request: topic, meeting date, participants with their opinions, conclusion and minutes',
  })
  async listJoint(@StaffCaller() c: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    await this.access.forStaff(c, id, 'request.read');
    return { jointConsultations: await this.joint.list(id) };
  }

  @Get('fee-quote')
  @Access('request.read')
  @ApiOperation({
    summary: 'Fee calculator (109号): per request (this month’s ordinal) or per volume (pages)',
  })
  quote(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Query() q: FeeQuoteQueryDto,
  ) {
    return this.fees.quote(c, id, q.basis, q.pages);
  }

  @Post('archive')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({
    summary: 'Seal the case file: manifest of SHA-256 hashes, archive number, retention class',
  })
  archive(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: VersionDto,
  ) {
    return this.caseFiles.archive(c, id, b.version);
  }

  @Get('archive')
  @Access('request.read')
  @ApiOperation({ summary: 'The sealed case file and its manifest' })
  caseFile(@StaffCaller() c: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    return this.caseFiles.caseFile(c, id);
  }

  @Get('archive/verify')
  @Access('request.read')
  @ApiOperation({ summary: 'Recompute every hash of the case file against the records as they are now' })
  verify(@StaffCaller() c: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    return this.caseFiles.verify(c, id);
  }
}
