import { Controller, Get, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { deadlineWords } from '@gongkai/domain';
import type { FieldError } from '@gongkai/domain';
import { AttachmentService, UPLOAD_LIMITS, uploadedFile } from '@gongkai/core/attachments';
import type { UploadedFileLike } from '@gongkai/core/attachments';
import { RequestClockService } from '@gongkai/core/deadlines';
import { ConclusionService, CorrectionService } from '@gongkai/core/handling';
import { DocumentFormatDto, LetterService } from '@gongkai/core/letters';
import { Access, CitizenCaller, Clock, RateLimiter, readCookie, uuidPipe } from '@gongkai/core/platform';
import type { Caller, CitizenPrincipal } from '@gongkai/core/platform';
import { RequestAccessService } from '@gongkai/core/request-record';
import { RequestQueryService, RequestReadRepository } from '@gongkai/core/requests/queries';
import { NO_ERRORS, Pages, formErrors, problemsOf, text, ticked } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';
import { QUERY_CODE_COOKIE, RECEIPT_DATE_RULE } from './apply/receipt';
import { PORTAL_LIMITS } from '../portal-limits';
import { citizenStatus } from './request-words';

const MAX_CORRECTION_FILES = 5;

/** 我的申请: the list, one request (status, "why this date", history, letters), 补正, 撤回, the receipt. */
@ApiExcludeController()
@Controller('requests')
export class MyRequestsPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: RequestQueryService,
    private readonly reads: RequestReadRepository,
    private readonly access: RequestAccessService,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly correction: CorrectionService,
    private readonly conclusion: ConclusionService,
    private readonly attachments: AttachmentService,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('citizen')
  async list(@CitizenCaller() c: Caller<CitizenPrincipal>, @Req() req: Request, @Res() res: Response) {
    const rows = (await this.queries.listForCitizen(c)).map((r) => ({
      ...r,
      words: citizenStatus(r.status),
      left: deadlineWords(r),
    }));
    return this.pages.render(
      req,
      res,
      'requests/list',
      { rows, welcome: req.query.welcome === '1', passwordChanged: req.query.password === 'changed' },
      { title: '我的申请', active: '/requests' },
    );
  }

  @Get(':id')
  @Access('citizen')
  async detail(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const d = await this.queries.detailForCitizen(c, id);
    const today = this.clock.today();
    const { clock, status, request } = await this.clocks.clockOf(id, today);
    return this.pages.render(
      req,
      res,
      'requests/detail',
      {
        d,
        r: { ...d, clock, deadline: status, concludedOn: request.concludedOn, agency: d.agency },
        status: citizenStatus(d.status),
        canCorrect: d.status === 'awaiting_correction',
        canWithdraw: !['replied', 'served', 'archived', 'terminated'].includes(d.status),
        done: typeof req.query.done === 'string' ? req.query.done : null,
      },
      { title: `申请 ${d.number}`, active: '/requests' },
    );
  }

  @Get(':id/receipt')
  @Access('citizen')
  async receipt(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const d = await this.queries.detailForCitizen(c, id);
    const [cookieId, code] = (readCookie(req, QUERY_CODE_COOKIE) ?? '').split(':');
    if (code) {
      res.clearCookie(QUERY_CODE_COOKIE, { path: `/requests/${id}/receipt` });
    }
    const acknowledgement = d.letters.find((l) => l.kind === 'acknowledgement');
    return this.pages.render(
      req,
      res,
      'requests/receipt',
      { d, code: cookieId === id ? code : null, acknowledgement, rule: RECEIPT_DATE_RULE },
      { title: '申请已提交', active: '/requests' },
    );
  }

  @Get(':id/letters/:letterId')
  @Access('citizen')
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

  @Get(':id/correct')
  @Access('citizen')
  async correctForm(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.renderCorrect(c, id, req, res, NO_ERRORS, {});
  }

  @Post(':id/correct')
  @Access('citizen')
  @UseInterceptors(
    FilesInterceptor('files', MAX_CORRECTION_FILES, {
      limits: { ...UPLOAD_LIMITS, files: MAX_CORRECTION_FILES, fields: 120 },
    }),
  )
  async correct(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request & { files?: UploadedFileLike[] },
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const { defects, items } = await this.correctionContext(c, id);
    const answers = defects.map((_, i) => text(req.body, `answer_${i}`, 2000));
    const revised = items.map((item) => ({
      position: item.position,
      description: text(req.body, `item_${item.position}`, 2000) || item.description,
    }));
    const values = { answers, revised: Object.fromEntries(revised.map((r) => [r.position, r.description])) };
    const problems: FieldError[] = answers.flatMap((a, i) =>
      a ? [] : [{ field: `answer_${i}`, code: 'required', message: `请针对第 ${i + 1} 项补正要求作出说明` }],
    );
    const attachmentIds: string[] = [];
    for (const file of req.files ?? []) {
      try {
        await this.limiter.hit(PORTAL_LIMITS.uploadAccount, c.principal.citizenId);
        attachmentIds.push((await this.attachments.upload(c, uploadedFile(file), 'correction')).id);
      } catch (e) {
        const p = problemsOf(e);
        if (!p) {
          throw e;
        }
        problems.push(...p.map((x) => ({ ...x, field: 'files' })));
      }
    }
    if (problems.length > 0) {
      res.status(400);
      return this.renderCorrect(c, id, req, res, formErrors(problems), values);
    }
    const changed = revised.filter(
      (r) => r.description !== items.find((i) => i.position === r.position)?.description,
    );
    try {
      await this.correction.submit(c, id, {
        text: defects.map((d, i) => `${i + 1}. ${d}\n答：${answers[i]}`).join('\n'),
        items: changed.length > 0 ? revised : undefined,
        attachmentIds,
        version: Number(text(req.body, 'version', 12)) || undefined,
      });
    } catch (e) {
      const p = problemsOf(e);
      if (!p) {
        throw e;
      }
      res.status(400);
      return this.renderCorrect(c, id, req, res, formErrors(p), values);
    }
    res.redirect(303, `/requests/${id}?done=corrected`);
  }

  @Get(':id/withdraw')
  @Access('citizen')
  async withdrawConfirm(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const d = await this.queries.detailForCitizen(c, id);
    return this.pages.render(
      req,
      res,
      'requests/withdraw',
      { d, errors: NO_ERRORS, reason: '' },
      { title: `撤回申请 ${d.number}` },
    );
  }

  @Post(':id/withdraw')
  @Access('citizen')
  async withdraw(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const reason = text(req.body, 'reason', 1000);
    if (!ticked(req.body, 'confirm')) {
      const d = await this.queries.detailForCitizen(c, id);
      res.status(400);
      return this.pages.render(
        req,
        res,
        'requests/withdraw',
        {
          d,
          reason,
          errors: formErrors([{ field: 'confirm', code: 'required', message: '请勾选确认撤回' }]),
        },
        { title: `撤回申请 ${d.number}` },
      );
    }
    await this.conclusion.withdraw(c, id, {
      reason: reason || undefined,
      version: Number(text(req.body, 'version', 12)) || undefined,
    });
    res.redirect(303, `/requests/${id}?done=withdrawn`);
  }

  /** What the correction notice asked for, the items as they stand, and the period. */
  private async correctionContext(c: Caller<CitizenPrincipal>, id: string) {
    const request = await this.access.forCitizen(c, id);
    const events = await this.reads.events(id);
    const notice = [...events].reverse().find((e) => e.type === 'correction_notice_served');
    const defects = Array.isArray(notice?.data.defects) ? (notice.data.defects as string[]) : [];
    const items = await this.reads.items(id);
    return {
      request,
      defects,
      periodDue: typeof notice?.data.periodDue === 'string' ? notice.data.periodDue : null,
      items,
    };
  }

  private async renderCorrect(
    c: Caller<CitizenPrincipal>,
    id: string,
    req: Request,
    res: Response,
    errors: FormErrors,
    values: { answers?: string[]; revised?: Record<number, string> },
  ) {
    const { request, defects, periodDue, items } = await this.correctionContext(c, id);
    if (request.status !== 'awaiting_correction') {
      return res.redirect(303, `/requests/${id}`);
    }
    return this.pages.render(
      req,
      res,
      'requests/correct',
      {
        number: request.number,
        id,
        version: request.version,
        periodDue,
        errors,
        defects: defects.map((d, i) => ({
          text: d,
          index: i,
          number: i + 1,
          answer: values.answers?.[i] ?? '',
        })),
        items: items.map((i) => ({ ...i, value: values.revised?.[i.position] ?? i.description })),
        maxFiles: MAX_CORRECTION_FILES,
      },
      { title: `补正申请 ${request.number}`, active: '/requests' },
    );
  }
}
