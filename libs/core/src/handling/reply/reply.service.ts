import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import {
  DISPOSITION_INFO,
  ReplyCode,
  deriveDisposition,
  groupOf,
  reviewReasons,
  assertNotOwnWork,
  assertSignerNotReviewer,
  checkDraftItems,
  DraftItem,
  DraftItemInput,
  ruleViolation,
  invalidInput,
} from '@gongkai/domain';
import { AgencyEntity } from '../../agencies';
import { Clock, canAt } from '../../platform';
import { Caller, StaffPrincipal } from '../../platform';
import { LetterService, replyLetterKind } from '../../letters';
import { NOT_RESPONSIBLE_WORDING, OUTCOME_WORDING } from '../../letters';
import { NotificationService } from '../../notifications';
import { ActionContext, ActionView, RequestActionRunner } from '../../requests/moves';
import { RequestClockService } from '../../deadlines';
import { ReplyDraft, RequestEntity, RequestEventEntity, RequestItemEntity } from '../../request-record';
import { ConsultationEntity } from '../consultation/consultation.entity';
import { staffWithRole } from '../handling-support';

export interface DraftReplyInput {
  items: DraftItemInput[];
  /** Override of the derived code (rule P3), only with a reason. */
  code?: ReplyCode;
  overrideReason?: string;
  summary?: string;
  sensitive?: boolean;
  priorRemedy?: boolean;
  /** What the request is about, for the annual report's narrative. */
  topic?: string;
  version?: number;
}

/** The reply letter's facts: every item answered in turn with its locked wording. */
export function replyFacts(draft: ReplyDraft, items: RequestItemEntity[]): Record<string, unknown> {
  return {
    summary: draft.summary,
    items: draft.items.map((d) => ({
      ...d,
      description: items.find((i) => i.position === d.position)?.description ?? '',
      outcomeText: d.notResponsible ? NOT_RESPONSIBLE_WORDING : OUTCOME_WORDING[d.outcome],
    })),
  };
}

/**
 * The reply (Art. 36–39): item outcomes, the derived code (P3), reasons and legal basis for every
 * refusal; legal review where the agency's rules require it; sign-off issues the numbered letter and
 * concludes the request. Drafter, reviewer and signer are different people.
 */
@Injectable()
export class ReplyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: RequestActionRunner,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  draft(caller: Caller<StaffPrincipal>, id: string, input: DraftReplyInput): Promise<ActionView> {
    return this.runner.staff(caller, id, 'draft-reply', 'request.handle', input.version, async (ctx) => {
      const { draft, agency, sensitive } = await this.compose(ctx, input, caller);
      const { code, derived, reviewReasons: reasons, items } = draft;
      const to = reasons.length > 0 ? 'in_review' : 'awaiting_signoff';
      return {
        to,
        set: {
          draft,
          draftedById: caller.principal.userId,
          sensitive,
          topic: input.topic?.trim() ?? ctx.request.topic,
        },
        type: 'reply_drafted',
        data: { code, derived, overrideReason: draft.overrideReason, reviewReasons: reasons, items },
        after: async () => {
          const role = to === 'in_review' ? 'legal_reviewer' : 'signer';
          const people = (await staffWithRole(ctx.em, agency.path, role)).filter(
            (u) => u !== caller.principal.userId,
          );
          await this.notifications.notifyStaff(
            ctx.em,
            people,
            ctx.request.id,
            {
              topic: `reply_drafted:${ctx.request.version + 1}`,
              subject: to === 'in_review' ? '答复待法制审核' : '答复待签发',
              body: `申请 ${ctx.request.number} 的答复（${DISPOSITION_INFO[code].label}）已拟制。`,
            },
            ctx.now,
          );
          return { disposition: code, derived, reviewReasons: reasons };
        },
      };
    });
  }

  approveReview(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { opinion?: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(caller, id, 'approve-review', 'request.review', input.version, (ctx) => {
      assertNotOwnWork(caller.principal.userId, ctx.request.draftedById, '审核');
      return {
        type: 'review_approved',
        data: { opinion: input.opinion ?? null, code: ctx.request.draft?.code },
      };
    });
  }

  returnReview(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { opinion: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(caller, id, 'return-review', 'request.review', input.version, (ctx) => {
      assertNotOwnWork(caller.principal.userId, ctx.request.draftedById, '审核');
      return { type: 'review_returned', data: { opinion: input.opinion } };
    });
  }

  returnSignoff(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { opinion: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(caller, id, 'return-signoff', 'request.sign', input.version, (ctx) => {
      assertNotOwnWork(caller.principal.userId, ctx.request.draftedById, '签发');
      return { type: 'signoff_returned', data: { opinion: input.opinion } };
    });
  }

  /** Sign-off issues the reply letter (numbered, rendered, hashed) and concludes the request (P2). */
  signOff(caller: Caller<StaffPrincipal>, id: string, version?: number): Promise<ActionView> {
    return this.runner.staff(caller, id, 'sign-off', 'request.sign', version, async (ctx) => {
      assertNotOwnWork(caller.principal.userId, ctx.request.draftedById, '签发');
      const history = await ctx.em
        .getRepository(RequestEventEntity)
        .find({ select: { type: true, actor: true }, where: { requestId: id }, order: { id: 'ASC' } });
      assertSignerNotReviewer(caller.principal.login, history);
      const draft = ctx.request.draft;
      if (!draft) {
        throw ruleViolation('REPLY.NO_DRAFT', '没有待签发的答复。');
      }
      return {
        set: { disposition: draft.code, concludedOn: ctx.today },
        type: 'reply_issued',
        data: { code: draft.code },
        after: async (eventId, moved) => {
          const repo = ctx.em.getRepository(RequestItemEntity);
          for (const d of draft.items) {
            await repo.update(
              { requestId: moved.id, position: d.position },
              {
                outcome: d.outcome,
                reasons: d.reasons,
                legalBasis: d.legalBasis,
                responsibleAgency: d.responsibleAgency,
              },
            );
          }
          const items = await repo.find({ where: { requestId: moved.id } });
          const letter = await this.letters.issueFor(ctx, eventId, moved, {
            kind: replyLetterKind(draft.code),
            recipient: 'applicant',
            facts: replyFacts(draft, items),
            remediesFor: draft.code,
          });
          await this.notifications.notifyApplicant(
            ctx.em,
            moved,
            {
              topic: 'reply',
              subject: '政府信息公开申请已答复',
              body: `您的申请（${moved.number}）已作出答复，请查看答复告知书。`,
            },
            ctx.now,
          );
          return {
            letterId: letter.id,
            letterNumber: letter.number,
            disposition: draft.code,
            concludedOn: ctx.today,
          };
        },
      };
    });
  }

  /**
   * The draft as the rules make it from the handler's input: items checked, the code derived (P3) or
   * overridden with a reason, the third-party rule of Art. 32, and whether legal review is needed.
   */
  private async compose(
    ctx: Pick<ActionContext, 'em' | 'request' | 'today' | 'actor'>,
    input: DraftReplyInput,
    caller: Caller<StaffPrincipal>,
  ): Promise<{ draft: ReplyDraft; agency: AgencyEntity; sensitive: boolean }> {
    const { events, calendar } = await this.clocks.clockIn(ctx.em, ctx.request);
    const items = await this.checkItems(ctx, input.items, events);
    const derived = deriveDisposition(items.map((i) => i.outcome));
    const code = input.code ?? derived;
    if (code !== derived && !input.overrideReason?.trim()) {
      throw invalidInput(
        'overrideReason',
        'required',
        `按规则应为“${DISPOSITION_INFO[derived].label}”，改为其他结果须说明理由`,
      );
    }
    const objection = await this.objectionUnnotified(ctx, events);
    if (objection.any && groupOf(code) === 'disclose' && objection.unnotified.length > 0) {
      throw ruleViolation(
        'REPLY.THIRD_PARTY_NOT_NOTIFIED',
        '第三方不同意公开，决定公开前须书面告知第三方（条例第三十二条）。',
        {
          consultationIds: objection.unnotified,
        },
      );
    }
    const agency = await ctx.em.getRepository(AgencyEntity).findOneByOrFail({ id: ctx.request.agencyId });
    // Anyone may flag a request sensitive; only a reviewer or an office head may clear the flag.
    if (ctx.request.sensitive && input.sensitive === false) {
      const may = ['request.review', 'request.approve'] as const;
      if (!may.some((p) => canAt(caller.principal, p, agency.path))) {
        throw invalidInput(
          'sensitive',
          'sensitive.locked',
          '只有法制审核人员或工作机构负责人可以取消“敏感申请”标记',
        );
      }
    }
    const sensitive = input.sensitive ?? ctx.request.sensitive;
    // A prior reconsideration or lawsuit is a fact on record, not the drafter's say.
    const priorRemedy = (input.priorRemedy ?? false) || (await this.remedyOnRecord(ctx.em, ctx.request));
    const reasons = reviewReasons(
      {
        code,
        derived,
        itemOutcomes: items.map((i) => i.outcome),
        thirdPartyObjection: objection.any,
        sensitive,
        priorRemedy,
      },
      agency.legalReview,
    );
    const draft: ReplyDraft = {
      items,
      derived,
      code,
      overrideReason: code === derived ? null : (input.overrideReason ?? null),
      reviewReasons: reasons,
      summary: input.summary ?? null,
      draftedBy: ctx.actor,
      draftedOn: ctx.today,
      reviewDue:
        reasons.length > 0
          ? calendar.addWorkingDays(ctx.today, agency.legalReview.timeLimitWorkingDays)
          : null,
    };
    return { draft, agency, sensitive };
  }

  /**
   * The reply the handler is writing, before it is saved: the derived code, whether legal review
   * will be needed, and the letter as it would read. Refused input gives the same errors as saving.
   */
  async previewDraft(
    caller: Caller<StaffPrincipal>,
    request: RequestEntity,
    input: DraftReplyInput,
  ): Promise<{ draft: ReplyDraft; html: string }> {
    const em = this.dataSource.manager;
    const { draft } = await this.compose(
      { em, request, today: this.clock.today(), actor: caller.principal.login },
      input,
      caller,
    );
    return { draft, html: await this.letterOf(request, draft) };
  }

  async preview(request: RequestEntity): Promise<string> {
    const draft = request.draft;
    if (!draft) {
      throw ruleViolation('REPLY.NO_DRAFT', '没有待签发的答复。');
    }
    return this.letterOf(request, draft);
  }

  /** A draft as its reply letter would read (unnumbered), in the agency's current template. */
  private async letterOf(request: RequestEntity, draft: ReplyDraft): Promise<string> {
    const em = this.dataSource.manager;
    const items = await em.getRepository(RequestItemEntity).find({ where: { requestId: request.id } });
    return this.letters.preview(em, {
      request,
      kind: replyLetterKind(draft.code),
      recipient: 'applicant',
      facts: replyFacts(draft, items),
      remediesFor: draft.code,
      on: draft.draftedOn,
      at: this.clock.now(),
    });
  }

  /** For the handler drafting a reply: the same applicant's concluded requests to this agency. */
  async concludedEarlierFor(requestId: string): Promise<string[]> {
    const request = await this.dataSource.getRepository(RequestEntity).findOneByOrFail({ id: requestId });
    return this.concludedEarlier(this.dataSource.manager, request);
  }

  /** The numbers of the same applicant's other requests to this agency that are concluded. */
  private async concludedEarlier(em: EntityManager, request: RequestEntity): Promise<string[]> {
    if (!request.applicantKey) {
      return [];
    }
    const rows = await em.query<{ number: string }[]>(
      `SELECT number FROM request
        WHERE applicant_key = $1 AND agency_id = $2 AND id <> $3 AND concluded_on IS NOT NULL
        ORDER BY received_on DESC LIMIT 200`,
      [request.applicantKey, request.agencyId, request.id],
    );
    return rows.map((r) => r.number);
  }

  /** A reconsideration or lawsuit recorded against this request, or against the agency by this applicant. */
  private async remedyOnRecord(em: EntityManager, request: RequestEntity): Promise<boolean> {
    const [row] = await em.query<{ found: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM remedy_case rc JOIN request r ON r.id = rc.request_id
          WHERE r.id = $1 OR (r.agency_id = $2 AND $3::text IS NOT NULL AND r.applicant_key = $3)
       ) AS found`,
      [request.id, request.agencyId, request.applicantKey],
    );
    return row?.found ?? false;
  }

  private async checkItems(
    ctx: Pick<ActionContext, 'em' | 'request'>,
    input: DraftItemInput[],
    events: RequestEventEntity[],
  ): Promise<DraftItem[]> {
    const items = await ctx.em
      .getRepository(RequestItemEntity)
      .find({ where: { requestId: ctx.request.id } });
    return checkDraftItems(input, {
      positions: items.map((i) => i.position),
      correctionReceived: events.some((e) => e.type === 'correction_received'),
      art35Refused: events.some((e) => e.type === 'art35_refused'),
      concludedEarlier: new Set(await this.concludedEarlier(ctx.em, ctx.request)),
    });
  }

  /** Third-party objections, and those not yet answered by the written notice of Art. 32. */
  private async objectionUnnotified(
    ctx: Pick<ActionContext, 'em' | 'request'>,
    events: RequestEventEntity[],
  ): Promise<{ any: boolean; unnotified: string[] }> {
    const objections = await ctx.em.getRepository(ConsultationEntity).findBy({
      requestId: ctx.request.id,
      party: 'third_party',
      answer: 'objection',
      closedOn: Not(IsNull()),
    });
    const notified = new Set(
      events.filter((e) => e.type === 'third_party_notified').map((e) => String(e.data.consultationId)),
    );
    return {
      any: objections.length > 0,
      unnotified: objections.map((o) => o.id).filter((id) => !notified.has(id)),
    };
  }
}
