import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DEFAULT_CLOCK_POLICY, ruleViolation } from '@gongkai/domain';
import { AttachmentService } from '../../attachments';
import { Caller, CitizenPrincipal, StaffPrincipal } from '../../platform';
import { LetterService } from '../../letters';
import { chineseDate } from '../../letters';
import { NotificationService } from '../../notifications';
import { ActionContext, ActionPlan, ActionView, RequestActionRunner } from '../../requests/moves';
import { RequestClockService } from '../../deadlines';
import { RequestEntity, RequestItemEntity } from '../../request-record';
import { assertPastDate, lastEvent } from '../handling-support';

export interface CorrectionNoticeInput {
  defects: string[];
  periodWorkingDays?: number;
  version?: number;
}

export interface CorrectionInput {
  text: string;
  /** Corrected wording of items, by position (the corrected application replaces the unclear one). */
  items?: { position: number; description: string }[];
  attachmentIds?: string[];
  version?: number;
}

/** Art. 30: one correction notice listing every defect; the corrected application restarts the clock. */
@Injectable()
export class CorrectionService {
  constructor(
    private readonly runner: RequestActionRunner,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly notifications: NotificationService,
    private readonly attachments: AttachmentService,
  ) {}

  issueNotice(caller: Caller<StaffPrincipal>, id: string, input: CorrectionNoticeInput): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'issue-correction-notice',
      'request.handle',
      input.version,
      async (ctx) => {
        const { clock, events, calendar } = await this.clocks.clockIn(ctx.em, ctx.request);
        if (lastEvent(events, 'correction_notice_served')) {
          throw ruleViolation(
            'REQUEST.CORRECTION_ALREADY_NOTIFIED',
            '补正告知只能发出一次，须一次性告知全部补正事项（条例第三十条）。',
          );
        }
        const periodWorkingDays =
          input.periodWorkingDays ?? DEFAULT_CLOCK_POLICY.defaultCorrectionPeriodWorkingDays;
        const periodDue = calendar.addWorkingDays(ctx.today, periodWorkingDays);
        // Art. 30: within 7 working days of receipt. Late is flagged, not refused: the law sets no consequence.
        const late = ctx.today > clock.correctionNotice.due;
        return {
          type: 'correction_notice_served',
          data: {
            defects: input.defects,
            periodWorkingDays,
            periodDue,
            late,
            noticeDue: clock.correctionNotice.due,
          },
          after: async (eventId, moved) => {
            const letter = await this.letters.issueFor(ctx, eventId, moved, {
              kind: 'correction_notice',
              recipient: 'applicant',
              facts: { defects: input.defects, periodWorkingDays, periodDue: chineseDate(periodDue) },
            });
            await this.notifications.notifyApplicant(
              ctx.em,
              moved,
              {
                topic: 'correction_notice',
                subject: '政府信息公开申请补正告知',
                body: `您的政府信息公开申请（${moved.number}）需要补正，请于${chineseDate(periodDue)}前提交补正材料。`,
              },
              ctx.now,
            );
            return { letterId: letter.id, late, periodDue };
          },
        };
      },
    );
  }

  /** The applicant corrects online; the reply period restarts from today (Art. 30). */
  submit(caller: Caller<CitizenPrincipal>, id: string, input: CorrectionInput): Promise<ActionView> {
    return this.runner.citizen(caller, id, 'submit-correction', input.version, (ctx) =>
      this.corrected(ctx, input, ctx.today, 'online'),
    );
  }

  /** A clerk records a correction received on paper, by post or in person, on its true date. */
  receive(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: CorrectionInput & { receivedOn: string },
  ): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'receive-correction',
      'request.handle',
      input.version,
      async (ctx) => {
        const { events } = await this.clocks.clockIn(ctx.em, ctx.request);
        const notice = lastEvent(events, 'correction_notice_served');
        assertPastDate('receivedOn', input.receivedOn, ctx.today, notice?.onDate ?? ctx.request.receivedOn);
        return this.corrected(ctx, input, input.receivedOn, 'clerk');
      },
    );
  }

  private async corrected(
    ctx: ActionContext,
    input: CorrectionInput,
    on: string,
    channel: 'online' | 'clerk',
  ): Promise<ActionPlan> {
    const previous = await this.replaceItems(ctx.em, ctx.request, input.items ?? []);
    if (input.attachmentIds?.length && ctx.caller) {
      await this.attachments.linkToRequest(ctx.em, ctx.caller, input.attachmentIds, ctx.request.id);
    }
    return {
      type: 'correction_received',
      onDate: on,
      data: {
        channel,
        text: input.text,
        items: input.items ?? [],
        previous,
        attachmentIds: input.attachmentIds ?? [],
      },
      after: async (_eventId, moved) => {
        const to = moved.assigneeId ? [moved.assigneeId] : [];
        await this.notifications.notifyStaff(
          ctx.em,
          to,
          moved.id,
          {
            topic: 'correction_received',
            subject: '申请人已补正',
            body: `申请 ${moved.number} 已收到补正材料，答复期限重新计算。`,
          },
          ctx.now,
        );
      },
    };
  }

  private async replaceItems(
    em: EntityManager,
    request: RequestEntity,
    items: { position: number; description: string }[],
  ): Promise<{ position: number; description: string }[]> {
    const repo = em.getRepository(RequestItemEntity);
    const current = await repo.find({ where: { requestId: request.id } });
    const previous: { position: number; description: string }[] = [];
    for (const item of items) {
      const old = current.find((c) => c.position === item.position);
      if (!old) {
        throw ruleViolation('REQUEST.UNKNOWN_ITEM', `申请没有第 ${item.position} 项。`, {
          position: item.position,
        });
      }
      previous.push({ position: old.position, description: old.description });
      await repo.update(
        { requestId: request.id, position: item.position },
        { description: item.description },
      );
    }
    return previous;
  }
}
