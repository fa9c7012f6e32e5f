import { Injectable } from '@nestjs/common';
import { assertExtensionAllowed, ruleViolation, invalidInput, assertNotOwnWork } from '@gongkai/domain';
import { Caller, StaffPrincipal } from '../../platform';
import { LetterService } from '../../letters';
import { chineseDate } from '../../letters';
import { NotificationService } from '../../notifications';
import { ActionView, RequestActionRunner } from '../../requests/moves';
import { RequestClockService, toClockEvents } from '../../deadlines';
import { RequestEventEntity } from '../../request-record';
import { lastEvent, staffWithRole } from '../handling-support';

/**
 * Extensions (Art. 33 ¶2: once, at most 20 working days, approved by the office head and notified
 * before the original deadline) and Art. 35 (excessive volume: ask for reasons, then set a later
 * deadline or refuse).
 */
@Injectable()
export class TimeLimitService {
  constructor(
    private readonly runner: RequestActionRunner,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly notifications: NotificationService,
  ) {}

  requestExtension(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { workingDays: number; reason: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'request-extension',
      'request.handle',
      input.version,
      async (ctx) => {
        const { events, calendar } = await this.clocks.clockIn(ctx.em, ctx.request);
        const pending = this.pendingExtension(events);
        if (pending) {
          throw ruleViolation('REQUEST.EXTENSION_PENDING', '已有待批准的延期申请。');
        }
        assertExtensionAllowed(toClockEvents(events), ctx.today, input.workingDays, calendar);
        return {
          type: 'extension_requested',
          data: {
            workingDays: input.workingDays,
            reason: input.reason,
            requestedById: caller.principal.userId,
          },
          after: async () => {
            const heads = await staffWithRole(ctx.em, ctx.scoped?.handlingAgency.path ?? '', 'office_head');
            await this.notifications.notifyStaff(
              ctx.em,
              heads,
              ctx.request.id,
              {
                topic: 'extension_requested',
                subject: '延期申请待批准',
                body: `申请 ${ctx.request.number} 申请延期 ${input.workingDays} 个工作日。`,
              },
              ctx.now,
            );
          },
        };
      },
    );
  }

  approveExtension(caller: Caller<StaffPrincipal>, id: string, version?: number): Promise<ActionView> {
    return this.runner.staff(caller, id, 'approve-extension', 'request.approve', version, async (ctx) => {
      const { events, calendar } = await this.clocks.clockIn(ctx.em, ctx.request);
      const pending = this.pendingExtension(events);
      if (!pending) {
        throw ruleViolation('REQUEST.NO_EXTENSION_REQUESTED', '没有待批准的延期申请。');
      }
      const { workingDays, reason, requestedById } = pending.data as {
        workingDays: number;
        reason: string;
        requestedById: string;
      };
      assertNotOwnWork(caller.principal.userId, requestedById, '批准');
      assertExtensionAllowed(toClockEvents(events), ctx.today, workingDays, calendar);
      return {
        type: 'extension_approved',
        data: { workingDays, reason, requestEventId: pending.id },
        after: async (eventId, moved) => {
          const { clock } = await this.clocks.clockIn(ctx.em, moved);
          const newDue = clock.reply.due ?? ctx.today;
          const letter = await this.letters.issueFor(ctx, eventId, moved, {
            kind: 'extension_notice',
            recipient: 'applicant',
            facts: { reason, workingDays, newDue: chineseDate(newDue) },
          });
          await this.notifications.notifyApplicant(
            ctx.em,
            moved,
            {
              topic: 'extension',
              subject: '答复期限延长',
              body: `您的申请（${moved.number}）答复期限延长至${chineseDate(newDue)}。`,
            },
            ctx.now,
          );
          return { letterId: letter.id };
        },
      };
    });
  }

  askReasons(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { question: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(caller, id, 'ask-reasons', 'request.handle', input.version, (ctx) => ({
      type: 'art35_reasons_requested',
      data: { question: input.question },
      after: async (eventId, moved) => {
        const letter = await this.letters.issueFor(ctx, eventId, moved, {
          kind: 'art35_reasons',
          recipient: 'applicant',
          facts: { question: input.question },
        });
        await this.notifications.notifyApplicant(
          ctx.em,
          moved,
          {
            topic: 'art35_reasons',
            subject: '请说明申请理由',
            body: `您的申请（${moved.number}）需要说明理由，请查看告知书。`,
          },
          ctx.now,
        );
        return { letterId: letter.id };
      },
    }));
  }

  /** Art. 35 decision by the office head: a later deadline (reasons accepted) or refusal (not_processed.excessive). */
  decideArt35(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { decision: 'set_deadline' | 'refuse'; deadline?: string; reason: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(caller, id, 'decide-art35', 'request.approve', input.version, async (ctx) => {
      const { clock, events, calendar } = await this.clocks.clockIn(ctx.em, ctx.request);
      if (!lastEvent(events, 'art35_reasons_requested')) {
        throw ruleViolation('REQUEST.ART35_REASONS_NOT_ASKED', '须先要求申请人说明理由（条例第三十五条）。');
      }
      if (input.decision === 'refuse') {
        return { type: 'art35_refused', data: { reason: input.reason } };
      }
      const deadline = input.deadline;
      if (!deadline) {
        throw invalidInput('deadline', 'required', '须确定延迟答复的期限');
      }
      if (!calendar.isWorkingDay(deadline) || (clock.reply.due !== null && deadline <= clock.reply.due)) {
        throw invalidInput(
          'deadline',
          'deadline.not_later',
          `期限须为晚于现答复期限（${clock.reply.due}）的工作日`,
        );
      }
      return {
        type: 'art35_deadline_set',
        data: { deadline, reason: input.reason },
        after: async (eventId, moved) => {
          const letter = await this.letters.issueFor(ctx, eventId, moved, {
            kind: 'art35_deadline',
            recipient: 'applicant',
            facts: { deadline: chineseDate(deadline), reason: input.reason },
          });
          return { letterId: letter.id };
        },
      };
    });
  }

  /** The extension asked for and not yet approved (there is only ever one approval). */
  private pendingExtension(events: RequestEventEntity[]): RequestEventEntity | undefined {
    const requested = lastEvent(events, 'extension_requested');
    return requested && !events.some((e) => e.type === 'extension_approved') ? requested : undefined;
  }
}
