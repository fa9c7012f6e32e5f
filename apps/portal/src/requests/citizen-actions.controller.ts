import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CitizenCaller, Clock, uuidPipe } from '@gongkai/core/platform';
import { ConclusionService, CorrectionDto, CorrectionService, WithdrawDto } from '@gongkai/core/handling';
import { DocumentFormatDto, LetterService } from '@gongkai/core/letters';
import { NotificationQueryService } from '@gongkai/core/notifications';
import { RequestAccessService } from '@gongkai/core/request-record';
import { RequestClockService } from '@gongkai/core/deadlines';
import type { Caller, CitizenPrincipal } from '@gongkai/core/platform';

/**
 * What a citizen does after applying: answer a correction notice, withdraw, read and download the
 * letters addressed to them, see why their deadline is what it is, and read their notifications.
 */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('api/portal')
export class CitizenActionsController {
  constructor(
    private readonly access: RequestAccessService,
    private readonly correction: CorrectionService,
    private readonly conclusion: ConclusionService,
    private readonly letters: LetterService,
    private readonly clocks: RequestClockService,
    private readonly clock: Clock,
    private readonly notifications: NotificationQueryService,
  ) {}

  @Post('requests/:id/submit-correction')
  @HttpCode(200)
  @Access('citizen')
  @ApiOperation({ summary: 'Submit the correction asked for; the reply period restarts today (Art. 30)' })
  submitCorrection(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: CorrectionDto,
  ) {
    return this.correction.submit(c, id, b);
  }

  @Post('requests/:id/withdraw')
  @HttpCode(200)
  @Access('citizen')
  @ApiOperation({ summary: 'Withdraw the application; it is concluded as other.other' })
  withdraw(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: WithdrawDto,
  ) {
    return this.conclusion.withdraw(c, id, b);
  }

  @Get('requests/:id/letters')
  @Access('citizen')
  @ApiOperation({ summary: 'The letters addressed to me for this request' })
  async list(@CitizenCaller() c: Caller<CitizenPrincipal>, @Param('id', uuidPipe()) id: string) {
    await this.access.forCitizen(c, id);
    const letters = await this.letters.list(id, true);
    return {
      letters: letters.map((l) => ({
        id: l.id,
        kind: l.kind,
        title: l.title,
        number: l.number,
        issuedOn: l.issuedOn,
        htmlSha256: l.htmlSha256,
        docxSha256: l.docxSha256,
      })),
    };
  }

  @Get('requests/:id/letters/:letterId')
  @Access('citizen')
  @ApiOperation({ summary: 'Download one of my letters (HTML print view, or DOCX)' })
  async letter(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Param('letterId', uuidPipe('letterId')) letterId: string,
    @Query() q: DocumentFormatDto,
    @Res() res: Response,
  ) {
    await this.access.forCitizen(c, id);
    await this.letters.send(res, id, letterId, q.format ?? 'html', true);
  }

  @Get('requests/:id/deadline')
  @Access('citizen')
  @ApiOperation({ summary: '"Why this date": my reply deadline, segment by segment with its legal basis' })
  async deadline(@CitizenCaller() c: Caller<CitizenPrincipal>, @Param('id', uuidPipe()) id: string) {
    await this.access.forCitizen(c, id);
    const today = this.clock.today();
    const { request, clock, status } = await this.clocks.clockOf(id, today);
    return {
      requestId: request.id,
      number: request.number,
      today,
      overdue: status.overdue,
      workingDaysLeft: status.workingDaysLeft,
      deadlineWords: status.words,
      concludedOn: request.concludedOn,
      receivedOn: clock.receivedOn,
      reply: clock.reply,
      correctionPeriod: clock.correctionPeriod,
      feePayment: clock.feePayment,
      extension: clock.extension,
    };
  }

  @Get('notifications')
  @Access('citizen')
  @ApiQuery({ name: 'unread', required: false })
  @ApiOperation({ summary: 'My notifications, newest first' })
  notificationsList(@CitizenCaller() c: Caller<CitizenPrincipal>, @Query('unread') unread?: string) {
    return this.notifications.list('citizen', c.principal.citizenId, unread === 'true');
  }

  @Post('notifications/:notificationId/read')
  @HttpCode(200)
  @Access('citizen')
  @ApiOperation({ summary: 'Mark one as read' })
  read(@CitizenCaller() c: Caller<CitizenPrincipal>, @Param('notificationId', ParseIntPipe) n: number) {
    return this.notifications.markRead('citizen', c.principal.citizenId, String(n));
  }
}
