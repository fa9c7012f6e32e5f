import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  DISPOSITION_INFO,
  DomainError,
  INTAKE_CHANNEL_LABELS,
  REPLY_CODES,
  TRANSITIONS,
} from '@gongkai/domain';
import type { Permission } from '@gongkai/domain';
import { CaseFileService } from '@gongkai/core/archive';
import { RequestClockService } from '@gongkai/core/deadlines';
import { CorrectionService, ReplyService, ServiceRecordService } from '@gongkai/core/handling';
import { DocumentFormatDto, LetterService } from '@gongkai/core/letters';
import {
  Access,
  Clock,
  StaffCaller,
  VersionDto,
  createValidationPipe,
  hasPermission,
  uuidPipe,
} from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { RequestAccessService } from '@gongkai/core/request-record';
import { AssignmentService } from '@gongkai/core/requests/moves';
import { RequestQueryService } from '@gongkai/core/requests/queries';
import { NO_ERRORS, Pages, formErrors, problemsOf, text } from '@gongkai/web';
import { CorrectionNoticeDto, DraftReplyDto, OpinionDto, RequiredOpinionDto } from '../handling/handling.dto';
import { ReturnDto } from '../requests/requests.dto';
import { actorWords, eventWords } from './event-words';
import type { FormErrors } from '@gongkai/web';

/** The moves the case page offers, in the order a request goes through them. */
const MOVES = [
  'claim',
  'return',
  'issue-correction-notice',
  'draft-reply',
  'approve-review',
  'return-review',
  'sign-off',
  'record-service',
  'archive',
] as const;
type Move = (typeof MOVES)[number];

const OUTCOMES = REPLY_CODES.map((value) => ({ value, label: DISPOSITION_INFO[value].label }));

/**
 * 案件页: one request with its clock and "why this date", the application (personal data masked),
 * items, files, timeline and letters, and a panel of the moves this person may make in this state.
 */
@ApiExcludeController()
@Controller('requests')
export class CasePagesController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: RequestQueryService,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly access: RequestAccessService,
    private readonly assignment: AssignmentService,
    private readonly correction: CorrectionService,
    private readonly reply: ReplyService,
    private readonly service: ServiceRecordService,
    private readonly caseFiles: CaseFileService,
    private readonly clock: Clock,
  ) {}

  private readonly pipe = createValidationPipe();

  @Get(':id')
  @Access('request.read')
  show(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.renderCase(c, id, req, res, {});
  }

  @Get(':id/letters/:letterId')
  @Access('request.read')
  async letter(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Param('letterId', uuidPipe('letterId')) letterId: string,
    @Query() q: DocumentFormatDto,
    @Res() res: Response,
  ) {
    await this.access.forStaff(c, id);
    await this.letters.send(res, id, letterId, q.format ?? 'html', false);
  }

  @Post(':id/act/:move')
  @Access('staff')
  async act(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Param('move') move: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    if (!(MOVES as readonly string[]).includes(move)) {
      throw new DomainError('REQUEST.INVALID_TRANSITION', 'rule_violation', '不支持的操作。', { move });
    }
    const body = req.body as Record<string, unknown>;
    const version = Number(text(body, 'version', 12)) || undefined;
    try {
      await this.run(c, id, move as Move, body, version);
      res.redirect(303, `/requests/${id}?done=${move}`);
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'internal' || e.kind === 'unavailable') {
        throw e;
      }
      res.status(
        e.kind === 'conflict' ? 409 : e.kind === 'invalid_input' ? 400 : e.kind === 'not_found' ? 404 : 422,
      );
      const conflict = e.kind === 'conflict' && e.code !== 'REPORT.YEAR_LOCKED';
      return this.renderCase(c, id, req, res, {
        failed: move,
        message: conflict
          ? '其他人刚刚修改了这件申请，请查看最新内容后重新操作（您填写的内容仍保留在表单中）。'
          : e.message,
        errors: formErrors(problemsOf(e) ?? []),
        values: body,
      });
    }
  }

  /** The move's input as its API takes it, checked by the same DTO (so a page and the API agree). */
  private async input<T extends object>(dto: new () => T, plain: Record<string, unknown>): Promise<T> {
    return (await this.pipe.transform(plain, { type: 'body', metatype: dto, data: '' })) as T;
  }

  private async run(
    c: Caller<StaffPrincipal>,
    id: string,
    move: Move,
    body: Record<string, unknown>,
    version?: number,
  ) {
    const v = version === undefined ? {} : { version };
    switch (move) {
      case 'claim':
        return this.assignment.claim(c, id, (await this.input(VersionDto, v)).version);
      case 'return': {
        const b = await this.input(ReturnDto, { ...v, reason: text(body, 'reason', 500) });
        return this.assignment.return(c, id, b.reason, b.version);
      }
      case 'issue-correction-notice': {
        const period = text(body, 'periodWorkingDays', 3);
        return this.correction.issueNotice(
          c,
          id,
          await this.input(CorrectionNoticeDto, {
            ...v,
            defects: text(body, 'defects', 10_000)
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean),
            ...(period ? { periodWorkingDays: Number(period) } : {}),
          }),
        );
      }
      case 'draft-reply': {
        const count = Math.min(Number(text(body, 'itemCount', 3)) || 0, 50);
        const optional = (name: string) => text(body, name, 2000) || undefined;
        return this.reply.draft(
          c,
          id,
          await this.input(DraftReplyDto, {
            ...v,
            items: Array.from({ length: count }, (_, i) => ({
              position: i + 1,
              outcome: text(body, `outcome_${i + 1}`, 60),
              reasons: optional(`reasons_${i + 1}`),
              provision: optional(`provision_${i + 1}`),
            })),
          }),
        );
      }
      case 'approve-review':
        return this.reply.approveReview(
          c,
          id,
          await this.input(OpinionDto, { ...v, opinion: text(body, 'opinion', 2000) || undefined }),
        );
      case 'return-review':
        return this.reply.returnReview(
          c,
          id,
          await this.input(RequiredOpinionDto, { ...v, opinion: text(body, 'opinion', 2000) }),
        );
      case 'sign-off':
        return this.reply.signOff(c, id, (await this.input(VersionDto, v)).version);
      case 'record-service':
        return this.service.record(c, id, { channel: 'online', servedOn: this.clock.today(), ...v });
      case 'archive':
        return this.caseFiles.archive(c, id, (await this.input(VersionDto, v)).version);
    }
  }

  private async renderCase(
    c: Caller<StaffPrincipal>,
    id: string,
    req: Request,
    res: Response,
    state: { failed?: string; message?: string; errors?: FormErrors; values?: Record<string, unknown> },
  ) {
    const d = await this.queries.detailForStaff(c, id);
    const { clock, status } = await this.clocks.clockOf(id, this.clock.today());
    const letters = await this.letters.list(id, false);
    const may = (move: Move) => {
      const rule = TRANSITIONS[move] as { from: readonly string[]; by: Permission | 'applicant' };
      return rule.from.includes(d.status) && rule.by !== 'applicant' && hasPermission(c.principal, rule.by);
    };
    // A refused form stays on the page with what was typed, even when the move is no longer open.
    const moves = Object.fromEntries(MOVES.map((m) => [m.replace(/-/g, '_'), may(m) || m === state.failed]));
    const values = state.values ?? {};
    return this.pages.render(
      req,
      res,
      'requests/case',
      {
        d,
        events: d.events.map((e) => ({ ...e, label: eventWords(e.type), who: actorWords(e.actor) })),
        clock,
        deadline: status,
        letters,
        moves,
        anyMove: Object.values(moves).some(Boolean),
        // The reviewer and the signer read the drafted reply before deciding.
        reviewing: d.status === 'in_review' || d.status === 'awaiting_signoff',
        outcomes: OUTCOMES,
        items: d.items.map((i) => ({
          ...i,
          outcome: values[`outcome_${i.position}`] ?? 'disclose.full',
          reasons: values[`reasons_${i.position}`] ?? '',
          provision: values[`provision_${i.position}`] ?? '',
        })),
        values,
        failed: state.failed ?? null,
        message: state.message ?? null,
        errors: state.errors ?? NO_ERRORS,
        done: typeof req.query.done === 'string' ? req.query.done : null,
        labels: Object.fromEntries(
          MOVES.flatMap((m) => {
            const label = (TRANSITIONS[m] as { label: string }).label;
            return [
              [m, label],
              [m.replace(/-/g, '_'), label],
            ];
          }),
        ),
        channel: INTAKE_CHANNEL_LABELS[d.channel],
      },
      { title: `申请 ${d.number}` },
    );
  }
}
