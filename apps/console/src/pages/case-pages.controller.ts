import { Controller, Get, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  DISPOSITION_INFO,
  DomainError,
  INTAKE_CHANNEL_LABELS,
  REPLY_CODES,
  TRANSITIONS,
  reviewersOfCurrentDraft,
} from '@gongkai/domain';
import type { FieldError, ReplyCode } from '@gongkai/domain';
import { CaseFileService, RETENTION_LABELS } from '@gongkai/core/archive';
import { AttachmentService, UPLOAD_LIMITS, uploadedFile } from '@gongkai/core/attachments';
import type { UploadedFileLike } from '@gongkai/core/attachments';
import { RequestClockService } from '@gongkai/core/deadlines';
import {
  ConclusionService,
  ConsultationService,
  CorrectionService,
  FeeService,
  JOINT_PARTICIPANT_LABELS,
  JointConsultationService,
  ReplyService,
  ServiceRecordService,
  TimeLimitService,
} from '@gongkai/core/handling';
import { DocumentFormatDto, LetterService } from '@gongkai/core/letters';
import {
  Access,
  Clock,
  StaffCaller,
  createValidationPipe,
  hasPermission,
  uuidPipe,
} from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { CaseLibraryService, DisclosureService, RemedyCaseService } from '@gongkai/core/reports';
import { RequestAccessService } from '@gongkai/core/request-record';
import { AssignmentService } from '@gongkai/core/requests/moves';
import {
  RequestHintsService,
  REVEALABLE_FIELDS,
  RequestQueryService,
  RequestReadRepository,
} from '@gongkai/core/requests/queries';
import type { RevealableField } from '@gongkai/core/requests/queries';
import { NO_ERRORS, Pages, formErrors, problemsOf, text, ticked } from '@gongkai/web';

import type { FormErrors } from '@gongkai/web';
import { DraftReplyDto } from '../handling/handling.dto';
import { RevealDto } from '../requests/requests.dto';
import { CASE_MOVES, REMEDY_RESULT_LABELS, moveLabel, moveRule } from './case-moves';
import type { CaseMoveServices, MoveContext, Option, PageMove } from './case-moves';
import { actorWords, eventWords } from './event-words';
import { timeLeftWords } from './console-web';
import {
  REVIEW_REASON_WORDS,
  draftField,
  draftReplyInput,
  legalBases,
  outcomeGroups,
} from './draft-reply-form';

/** A manifest entry's label in the desk's words (an event is sealed as "date type"). */
function sealedLabel(e: { type: string; label: string }): string {
  return e.type === 'event'
    ? e.label.replace(/ ([a-z_0-9]+)$/, (_m, t: string) => ` ${eventWords(t)}`)
    : e.label;
}

interface CaseState {
  failed?: string;
  message?: string;
  errors?: FormErrors;
  values?: Record<string, unknown>;
  revealed?: { label: string; value: string };
}

const REVEAL_LABELS: Record<RevealableField, string> = {
  'applicant.idNumber': '申请人证件号码',
  phone: '联系电话',
  address: '通信地址',
  'agent.idNumber': '代理人证件号码',
  'agent.phone': '代理人电话',
};

/** The field a refused proof belongs to on the page: the one file input of the form. */
const PROOF_FIELDS = new Set(['file', 'attachmentIds', 'proofAttachmentIds']);
const PENDING_UPLOAD = '00000000-0000-4000-8000-000000000000';

/**
 * 案件页: one request with its clock and "why this date", the application (personal data masked, shown
 * in full only with a reason), items, files, timeline, consultations, remedies and letters, and a
 * panel of the moves this person may make in this state, each a form with field errors.
 */
@ApiExcludeController()
@Controller('requests')
export class CasePagesController {
  private readonly services: CaseMoveServices;

  constructor(
    private readonly pages: Pages,
    private readonly queries: RequestQueryService,
    private readonly reads: RequestReadRepository,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly access: RequestAccessService,
    private readonly attachments: AttachmentService,
    private readonly clock: Clock,
    assignment: AssignmentService,
    correction: CorrectionService,
    private readonly consultation: ConsultationService,
    timeLimits: TimeLimitService,
    private readonly fees: FeeService,
    conclusion: ConclusionService,
    private readonly reply: ReplyService,
    service: ServiceRecordService,
    private readonly caseFiles: CaseFileService,
    private readonly remedies: RemedyCaseService,
    private readonly hints: RequestHintsService,
    private readonly disclosure: DisclosureService,
    private readonly joint: JointConsultationService,
    private readonly library: CaseLibraryService,
  ) {
    this.services = {
      joint,
      assignment,
      correction,
      consultation,
      timeLimits,
      fees,
      conclusion,
      reply,
      service,
      caseFiles,
      remedies,
    };
  }

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
    await this.letters.send(res, id, letterId, q.format ?? 'html', false, {
      actor: c.principal.login,
      ip: c.ip,
    });
  }

  /** 案卷: the sealed manifest, and every hash recomputed against the records as they are now. */
  @Get(':id/archive')
  @Access('request.read')
  async archive(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const file = await this.caseFiles.caseFile(c, id);
    const check = await this.caseFiles.verify(c, id);
    const d = await this.queries.detailForStaff(c, id);
    return this.pages.render(
      req,
      res,
      'requests/archive',
      {
        d,
        file,
        check,
        retention: RETENTION_LABELS[file.retentionClass],
        manifest: file.manifest.map((e) => ({ ...e, label: sealedLabel(e) })),
        erased: check.erasure?.entries.map(sealedLabel) ?? [],
        problems: check.mismatches.map((m) => ({
          ...m,
          label: sealedLabel(m),
          words: m.problem === 'changed' ? '已被改动' : '已缺失',
        })),
      },
      { title: `案卷 ${file.archiveNumber}` },
    );
  }

  /** Shows one masked value in full; the reason goes to the audit log with who and when. */
  @Post(':id/reveal')
  @Access('personal_data.reveal')
  async reveal(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const body = req.body as Record<string, unknown>;
    try {
      const input = await this.input(RevealDto, {
        field: text(body, 'field', 40),
        reason: text(body, 'reason', 200),
      });
      const shown = (await this.queries.reveal(c, id, input.field, input.reason)) as { value: string };
      return this.renderCase(c, id, req, res, {
        revealed: { label: REVEAL_LABELS[input.field], value: shown.value },
      });
    } catch (e) {
      return this.refused(c, id, req, res, 'reveal', e, body);
    }
  }

  @Post(':id/act/:move')
  @Access('staff')
  @UseInterceptors(FileInterceptor('proof', { limits: { ...UPLOAD_LIMITS, files: 1, fields: 400 } }))
  async act(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Param('move') slug: string,
    @Req() req: Request & { file?: UploadedFileLike },
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const body = req.body as Record<string, unknown>;
    try {
      if (slug === 'draft-reply') {
        const input = await this.input(DraftReplyDto, draftReplyInput(body));
        if (ticked(body, 'preview')) {
          const { request } = await this.access.forStaff(c, id, 'request.handle');
          const { draft, html } = await this.reply.previewDraft(c, request, input);
          return this.sendPreview(res, draft.code, draft.reviewReasons, html);
        }
        await this.reply.draft(c, id, input);
        return res.redirect(303, `/requests/${id}?done=${slug}`);
      }
      const move = CASE_MOVES.find((m) => m.slug === slug);
      if (!move) {
        throw new DomainError('REQUEST.INVALID_TRANSITION', 'rule_violation', '不支持的操作。', {
          move: slug,
        });
      }
      const plain = move.input(body);
      const file = move.proof && req.file && req.file.buffer.length > 0 ? req.file : null;
      if (move.proof && file) {
        // The file is stored only once the rest of the form is right; it stands in for itself until then.
        plain[move.proof.field] = [PENDING_UPLOAD];
      }
      const input = (await this.input(move.dto, plain)) as Record<string, unknown>;
      if (move.proof && file) {
        const stored = await this.attachments.upload(c, uploadedFile(file), move.proof.purpose);
        input[move.proof.field] = [stored.id];
      }
      await move.run(this.services, c, id, input);
      res.redirect(303, `/requests/${id}?done=${slug}`);
    } catch (e) {
      return this.refused(c, id, req, res, slug, e, body);
    }
  }

  /** A refused move: the case page again, its form open with what was typed and the errors beside it. */
  private refused(
    c: Caller<StaffPrincipal>,
    id: string,
    req: Request,
    res: Response,
    slug: string,
    e: unknown,
    body: Record<string, unknown>,
  ) {
    if (!(e instanceof DomainError) || e.kind === 'internal' || e.kind === 'unavailable') {
      throw e;
    }
    res.status(
      e.kind === 'conflict' ? 409 : e.kind === 'invalid_input' ? 400 : e.kind === 'not_found' ? 404 : 422,
    );
    const conflict = e.kind === 'conflict' && e.code !== 'REPORT.YEAR_LOCKED';
    const problems: FieldError[] = problemsOf(e) ?? [];
    return this.renderCase(c, id, req, res, {
      failed: slug,
      message: conflict
        ? '其他人刚刚修改了这件申请，请查看最新内容后重新操作（您填写的内容仍保留在表单中）。'
        : e.message,
      errors:
        slug === 'draft-reply'
          ? formErrors(problems, draftField, 'draft')
          : formErrors(problems, (f) => (PROOF_FIELDS.has(f) ? 'proof' : f), slug),
      values: body,
    });
  }

  /** The move's input as its API takes it, checked by the same DTO (so a page and the API agree). */
  private async input<T extends object>(dto: new () => T, plain: Record<string, unknown>): Promise<T> {
    return (await this.pipe.transform(plain, { type: 'body', metatype: dto, data: '' })) as T;
  }

  /** The unsaved reply as the letter would read, headed by what the rules make of it. */
  private sendPreview(res: Response, code: ReplyCode, reasons: string[], html: string) {
    const review = reasons.length
      ? `需要法制审核（${reasons.map((r) => REVIEW_REASON_WORDS[r] ?? r).join('、')}）`
      : '不需要法制审核，保存后直接送签发';
    const banner =
      `<div role="note" style="border:3px solid #1d4ed8;padding:12px 16px;margin:0 0 16px;font:16px/1.6 sans-serif">` +
      `<strong>答复预览（尚未保存）</strong><br>处理结果：${escapeHtml(DISPOSITION_INFO[code].label)}<br>${escapeHtml(review)}<br>` +
      `关闭本页，回到案件页修改或保存答复。</div>`;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; sandbox allow-modals",
    );
    res.end(html.replace(/<body([^>]*)>/, (m) => `${m}${banner}`));
  }

  private async renderCase(
    c: Caller<StaffPrincipal>,
    id: string,
    req: Request,
    res: Response,
    state: CaseState,
  ) {
    const d = await this.queries.detailForStaff(c, id);
    const today = this.clock.today();
    const open = !['replied', 'served', 'archived', 'terminated', 'withdrawn'].includes(d.status);
    const [{ clock, status }, letters, consultations, remedyCases, hints, joints] = await Promise.all([
      this.clocks.clockOf(id, today),
      this.letters.list(id, false),
      this.consultation.list(id),
      this.remedies.list(c, id),
      open && (hasPermission(c.principal, 'request.handle') || hasPermission(c.principal, 'request.approve'))
        ? Promise.all([this.hints.hints(id), this.disclosure.matchesFor(id)]).then(([h, published]) => ({
            ...h,
            published,
          }))
        : Promise.resolve(null),
      this.joint.list(id),
    ]);
    const openJoints = joints.filter((j) => !j.concludedOn);
    const eventTypes = d.events.map((e) => e.type);
    const notified = new Set(
      d.events.filter((e) => e.type === 'third_party_notified').map((e) => String(e.data.consultationId)),
    );
    const agency = await this.reads.agency(d.agency.id);
    const ctx: MoveContext = {
      today,
      status: d.status,
      deliveryChannel: d.deliveryChannel,
      eventTypes,
      openConsultations: consultations
        .filter((x) => !x.closedOn)
        .map((x) => ({ value: x.id, label: `${x.partyName}（${x.openedOn} 发出）` })),
      unnotifiedObjections: consultations
        .filter(
          (x) => x.party === 'third_party' && x.answer === 'objection' && x.closedOn && !notified.has(x.id),
        )
        .map((x) => ({ value: x.id, label: x.partyName })),
      agencies: [],
      handlers: [],
      hasRemedyRecord: remedyCases.length > 0,
      feeQuote: null,
      ownDraft: [...d.events].reverse().find((e) => e.type === 'reply_drafted')?.actor === c.principal.login,
      reviewedDraft: reviewersOfCurrentDraft(d.events).includes(c.principal.login),
      openJoint: openJoints.map((j) => ({ value: j.id, label: `${j.topic}（${j.meetingOn}）` })),
      jointParticipants: openJoints.flatMap((j) =>
        j.participants.map((p, i) => ({
          value: `${j.id}/${i}`,
          label: `${p.name}${p.opinion ? '（已登记意见）' : ''}${openJoints.length > 1 ? ` · ${j.topic}` : ''}`,
        })),
      ),
    };
    const may = (m: PageMove) => {
      const rule = moveRule(m);
      return (
        rule.from.includes(d.status) &&
        rule.by !== 'applicant' &&
        hasPermission(c.principal, rule.by) &&
        (m.offered?.(ctx) ?? true)
      );
    };
    // A refused form stays on the page with what was typed, even when the move is no longer open.
    const offered = CASE_MOVES.filter((m) => may(m) || m.slug === state.failed);
    if (offered.some((m) => ['assign', 'transfer', 'request-assistance'].includes(m.slug))) {
      const [agencies, handlers] = await Promise.all([
        this.agenciesUnder(agency.path),
        this.reads.handlersUnder(agency.path),
      ]);
      ctx.agencies = agencies;
      ctx.handlers = handlers.map((h) => ({ value: h.id, label: `${h.name}（${h.agencyName}）` }));
    }
    if (offered.some((m) => m.slug === 'issue-fee-notice')) {
      const q = await this.fees.quote(c, id, 'per_request');
      ctx.feeQuote =
        q.amountYuan > 0
          ? `按件计收：这是申请人本月向本机关提出的第 ${q.quantity} 件申请，应收 ${q.amountYuan} 元。`
          : `按件计收：这是申请人本月向本机关提出的第 ${q.quantity} 件申请，不收费。`;
    }
    const values = state.values ?? {};
    const errors = state.errors ?? NO_ERRORS;
    const forms = offered.map((m) => {
      const failed = m.slug === state.failed;
      return {
        slug: m.slug,
        label: moveLabel(m),
        intro: m.intro,
        note: m.note?.(ctx) ?? null,
        submit: m.submit,
        secondary: m.secondary ?? false,
        open: failed || !m.secondary,
        proof: m.proof ?? null,
        proofError: failed ? errors.fields.proof : undefined,
        fields: m.fields(ctx).map((f) => ({
          ...f,
          value: failed ? (values[f.name] ?? '') : (f.start ?? ''),
          error: failed ? errors.fields[f.name] : undefined,
        })),
      };
    });
    const draftRule = TRANSITIONS['draft-reply'];
    const drafting =
      ((draftRule.from as readonly string[]).includes(d.status) &&
        hasPermission(c.principal, draftRule.by)) ||
      state.failed === 'draft-reply';
    const draftValues = state.failed === 'draft-reply' ? values : {};
    const canReveal = hasPermission(c.principal, 'personal_data.reveal');
    return this.pages.render(
      req,
      res,
      'requests/case',
      {
        d,
        hints,
        events: d.events.map((e) => ({ ...e, label: eventWords(e.type), who: actorWords(e.actor) })),
        clock,
        deadline: status,
        timeLeft: timeLeftWords(d.status, status.words),
        letters,
        joints: joints.map((j) => ({
          ...j,
          overdue: !j.concludedOn && j.concludeBy < today,
          participants: j.participants.map((p) => ({ ...p, kindLabel: JOINT_PARTICIPANT_LABELS[p.kind] })),
          minutes: letters.find((l) => l.id === j.minutesLetterId) ?? null,
        })),
        consultations: consultations.map((x) => ({
          ...x,
          partyLabel: x.party === 'third_party' ? '第三方' : '其他行政机关',
          answerLabel:
            x.answer === 'consent' ? '同意公开' : x.answer === 'objection' ? '不同意公开' : '尚未答复',
        })),
        remedyCases: (
          remedyCases as { kind: string; filedOn: string; body: string; result: string | null }[]
        ).map((r) => ({
          ...r,
          resultLabel: r.result ? REMEDY_RESULT_LABELS[r.result as 'upheld'] : '尚未审结',
        })),
        draft: d.status === 'in_review' || d.status === 'awaiting_signoff' ? this.draftView(d) : null,
        forms,
        anyMove: forms.length > 0 || drafting,
        drafting,
        draftForm: drafting
          ? {
              ...this.draftForm(d.items, draftValues, state.failed === 'draft-reply' ? errors : NO_ERRORS),
              // 重复申请: the same applicant's concluded requests to this agency, for the handler to check.
              earlier: await this.reply.concludedEarlierFor(id),
              // 办理参考: the past cases most like this one.
              similar: await this.library.similarTo(c, id),
            }
          : null,
        reveal: canReveal
          ? {
              fields: REVEALABLE_FIELDS.filter((f) => this.masked(d, f)).map((value) => ({
                value,
                label: REVEAL_LABELS[value],
              })),
              values: state.failed === 'reveal' ? values : {},
              errors: state.failed === 'reveal' ? errors : NO_ERRORS,
            }
          : null,
        revealed: state.revealed ?? null,
        failed: state.failed ?? null,
        message: state.message ?? null,
        errors: state.failed ? errors : NO_ERRORS,
        done: typeof req.query.done === 'string' ? this.doneLabel(req.query.done) : null,
        channel: INTAKE_CHANNEL_LABELS[d.channel],
      },
      { title: `申请 ${d.number}` },
    );
  }

  private doneLabel(slug: string): string | null {
    if (slug === 'draft-reply') {
      return TRANSITIONS['draft-reply'].label;
    }
    const m = CASE_MOVES.find((x) => x.slug === slug);
    return m ? moveLabel(m) : null;
  }

  private async agenciesUnder(path: string): Promise<Option[]> {
    const rows = await this.reads.agenciesUnder(path);
    return rows.map((a) => ({ value: a.id, label: a.name }));
  }

  /** Whether the request holds this value at all (only those are offered for reveal). */
  private masked(
    d: { applicant: Record<string, unknown> & { agent?: Record<string, unknown> | null } },
    f: RevealableField,
  ) {
    const [holder, key] = f.startsWith('agent.')
      ? [d.applicant.agent, f.slice(6)]
      : [d.applicant, f.replace('applicant.', '')];
    const v = holder?.[key];
    return typeof v === 'string' && v.length > 0;
  }

  private draftView(d: { disposition?: unknown; events: { type: string; data: Record<string, unknown> }[] }) {
    const drafted = [...d.events].reverse().find((e) => e.type === 'reply_drafted');
    if (!drafted) {
      return null;
    }
    const code = drafted.data.code as ReplyCode;
    const reasons = (drafted.data.reviewReasons as string[] | undefined) ?? [];
    return {
      label: DISPOSITION_INFO[code]?.label ?? code,
      review: reasons.length ? reasons.map((r) => REVIEW_REASON_WORDS[r] ?? r).join('、') : null,
      items: ((drafted.data.items as { position: number; outcome: ReplyCode; reasons?: string }[]) ?? []).map(
        (i) => ({
          ...i,
          outcomeLabel: DISPOSITION_INFO[i.outcome]?.label ?? i.outcome,
        }),
      ),
    };
  }

  private draftForm(
    items: { position: number; description: string }[],
    values: Record<string, unknown>,
    errors: FormErrors,
  ) {
    const v = (name: string) => (typeof values[name] === 'string' ? values[name] : '');
    return {
      groups: outcomeGroups(),
      bases: legalBases(),
      codes: [
        { value: '', label: '按各项结果自动得出（推荐）' },
        ...REPLY_CODES.map((value) => ({ value, label: DISPOSITION_INFO[value].label })),
      ],
      items: items.map((i) => ({
        ...i,
        outcome: v(`outcome_${i.position}`) || 'disclose.full',
        legalBasis: v(`legalBasis_${i.position}`),
        reasons: v(`reasons_${i.position}`),
        provision: v(`provision_${i.position}`),
        notResponsible: ticked(values, `notResponsible_${i.position}`),
        responsibleAgency: v(`responsibleAgency_${i.position}`),
        earlierRequest: v(`earlierRequest_${i.position}`),
        errors: {
          outcome: errors.fields[`outcome_${i.position}`],
          reasons: errors.fields[`reasons_${i.position}`],
          responsibleAgency: errors.fields[`responsibleAgency_${i.position}`],
          legalBasis: errors.fields[`legalBasis_${i.position}`],
          earlierRequest: errors.fields[`earlierRequest_${i.position}`],
        },
      })),
      summary: v('summary'),
      topic: v('topic'),
      code: v('code'),
      overrideReason: v('overrideReason'),
      sensitive: ticked(values, 'sensitive'),
      priorRemedy: ticked(values, 'priorRemedy'),
      errors,
    };
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
