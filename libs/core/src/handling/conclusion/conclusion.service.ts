import { Injectable } from '@nestjs/common';
import { TerminationCode, ruleViolation, invalidInput } from '@gongkai/domain';
import { Caller, CitizenPrincipal, StaffPrincipal } from '../../platform';
import { LetterService } from '../../letters';
import { chineseDate } from '../../letters';
import { NotificationService } from '../../notifications';
import { ActionContext, ActionPlan, ActionView, RequestActionRunner } from '../../requests/moves';
import { RequestClockService } from '../../deadlines';
import { AttachmentService } from '../../attachments';

/**
 * Endings without a reply letter (docs/domain-rules.md P2): abandonment after the correction period
 * (Art. 30) or the payment period (109号), withdrawal and other terminations. Each is recorded on
 * its day with its code, and the applicant gets a termination notice.
 */
@Injectable()
export class ConclusionService {
  constructor(
    private readonly runner: RequestActionRunner,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly notifications: NotificationService,
    private readonly attachments: AttachmentService,
  ) {}

  terminate(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { code: TerminationCode; reason?: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(caller, id, 'terminate', 'request.approve', input.version, async (ctx) => {
      const { clock } = await this.clocks.clockIn(ctx.em, ctx.request);
      let text: string;
      if (input.code === 'other.no_correction') {
        const period = clock.correctionPeriod;
        if (ctx.request.status !== 'awaiting_correction' || !period || ctx.today <= period.due) {
          throw ruleViolation('REQUEST.PERIOD_NOT_OVER', '补正期限届满前不能以逾期不补正终止处理。', {
            due: period?.due ?? null,
          });
        }
        text = `本机关于${chineseDate(period.servedOn)}向您（单位）发出补正告知书，要求于${chineseDate(period.due)}前补正。您（单位）无正当理由逾期未补正，根据《中华人民共和国政府信息公开条例》第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。`;
      } else if (input.code === 'other.fee_unpaid') {
        const fee = clock.feePayment;
        if (ctx.request.status !== 'awaiting_fee' || !fee || ctx.today <= fee.due) {
          throw ruleViolation('REQUEST.PERIOD_NOT_OVER', '缴费期限届满前不能以逾期未缴费终止处理。', {
            due: fee?.due ?? null,
          });
        }
        text = `本机关于${chineseDate(fee.noticeOn)}向您（单位）发出收费通知书，要求于${chineseDate(fee.due)}前缴纳信息处理费。您（单位）逾期未缴纳，根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为放弃申请，本机关不再处理该政府信息公开申请。`;
      } else {
        if (!input.reason?.trim()) {
          throw invalidInput('reason', 'required', '其他原因终止处理的，须说明原因');
        }
        text = `因${input.reason}，本机关终止处理该政府信息公开申请。`;
      }
      return this.concluded(ctx, input.code, 'terminated', { reason: input.reason ?? null }, text, true);
    });
  }

  /**
   * Withdrawal recorded by staff on the applicant's behalf: only with the applicant's written withdrawal
   * attached, by an office head (its approval), and never while the reply is in review or awaiting
   * sign-off — a drafted reply cannot be made to vanish by calling it withdrawn.
   */
  withdrawForApplicant(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { reason: string; attachmentIds?: string[]; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(caller, id, 'withdraw', 'request.approve', input.version, async (ctx) => {
      if (ctx.request.status === 'in_review' || ctx.request.status === 'awaiting_signoff') {
        throw ruleViolation(
          'WITHDRAW.REPLY_PENDING',
          '答复已拟制、正在审核或签发，不能登记撤回；如申请人确已撤回，请先退回答复草稿。',
        );
      }
      const proof = input.attachmentIds ?? [];
      if (proof.length === 0) {
        throw invalidInput('attachmentIds', 'required', '须上传申请人的书面撤回申请');
      }
      await this.attachments.linkToRequest(ctx.em, caller, proof, ctx.request.id, 'attachmentIds');
      return this.withdrawn(ctx, input.reason, 'clerk', proof);
    });
  }

  withdraw(
    caller: Caller<CitizenPrincipal>,
    id: string,
    input: { reason?: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.citizen(caller, id, 'withdraw', input.version, (ctx) =>
      this.withdrawn(ctx, input.reason ?? '', 'applicant'),
    );
  }

  private withdrawn(
    ctx: ActionContext,
    reason: string,
    by: 'applicant' | 'clerk',
    proofAttachmentIds: string[] = [],
  ): ActionPlan {
    const text = `您（单位）于${chineseDate(ctx.today)}撤回该政府信息公开申请${reason ? `（${reason}）` : ''}，本机关终止处理。`;
    return this.concluded(
      ctx,
      'other.other',
      'withdrawn',
      { by, reason, ...(by === 'clerk' ? { proofAttachmentIds } : {}) },
      text,
      false,
    );
  }

  private concluded(
    ctx: ActionContext,
    code: TerminationCode,
    type: string,
    data: Record<string, unknown>,
    text: string,
    remedies: boolean,
  ): ActionPlan {
    return {
      to: 'terminated',
      set: { disposition: code, concludedOn: ctx.today },
      type,
      data: { ...data, code },
      after: async (eventId, moved) => {
        const letter = await this.letters.issueFor(ctx, eventId, moved, {
          kind: 'termination_notice',
          recipient: 'applicant',
          facts: { text },
          remediesFor: remedies ? code : undefined,
        });
        await this.notifications.notifyApplicant(
          ctx.em,
          moved,
          {
            topic: 'terminated',
            subject: '政府信息公开申请终止处理',
            body: `您的申请（${moved.number}）已终止处理，请查看终止处理告知书。`,
          },
          ctx.now,
        );
        return { letterId: letter.id, disposition: code, concludedOn: ctx.today };
      },
    };
  }
}
