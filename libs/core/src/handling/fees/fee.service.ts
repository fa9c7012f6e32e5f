import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_CLOCK_POLICY,
  FeeBasis,
  FeeQuote,
  quoteFee,
  ruleViolation,
  invalidInput,
} from '@gongkai/domain';
import { AttachmentService } from '../../attachments';
import { Caller, StaffPrincipal } from '../../platform';
import { LetterService } from '../../letters';
import { chineseDate } from '../../letters';
import { NotificationService } from '../../notifications';
import { ActionView, RequestActionRunner } from '../../requests/moves';
import { RequestAccessService } from '../../request-record';
import { RequestClockService } from '../../deadlines';
import { RequestEntity } from '../../request-record';
import { assertPastDate, lastEvent } from '../handling-support';

const BASIS_LABELS: Record<FeeBasis, string> = { per_request: '按件计收', per_volume: '按量计收' };

/**
 * 109号 fees: a quote on either basis, the fee notice (office head), the payment. The notice pauses
 * the reply clock (policy) and the applicant has 20 working days from the day after it to pay.
 */
@Injectable()
export class FeeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: RequestActionRunner,
    private readonly access: RequestAccessService,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly notifications: NotificationService,
    private readonly attachments: AttachmentService,
  ) {}

  async quote(
    caller: Caller<StaffPrincipal>,
    id: string,
    basis: FeeBasis,
    pages?: number,
  ): Promise<FeeQuote> {
    const { request } = await this.access.forStaff(caller, id, 'request.read');
    return this.quoteFor(this.dataSource.manager, request, basis, pages);
  }

  issueNotice(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { basis: FeeBasis; pages?: number; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'issue-fee-notice',
      'request.approve',
      input.version,
      async (ctx) => {
        const { events, calendar } = await this.clocks.clockIn(ctx.em, ctx.request);
        if (lastEvent(events, 'fee_notice_served')) {
          throw ruleViolation(
            'FEE.ALREADY_NOTIFIED',
            '同一申请只能收费一次，不得重复收费（国办函〔2020〕109号）。',
          );
        }
        const quote = await this.quoteFor(ctx.em, ctx.request, input.basis, input.pages);
        if (quote.amountYuan === 0) {
          throw ruleViolation('FEE.NOTHING_TO_CHARGE', '按所选计收方式无需收费。', { quote });
        }
        // 109号: 20 working days from the day after the notice (the clock's own fee period).
        const payDue = calendar.addWorkingDays(ctx.today, DEFAULT_CLOCK_POLICY.feePaymentWorkingDays);
        return {
          to: 'awaiting_fee',
          type: 'fee_notice_served',
          data: { basis: quote.basis, quantity: quote.quantity, amountYuan: quote.amountYuan, payDue },
          after: async (eventId, moved) => {
            const letter = await this.letters.issueFor(ctx, eventId, moved, {
              kind: 'fee_notice',
              recipient: 'applicant',
              facts: {
                perRequest: quote.basis === 'per_request',
                quantity: quote.quantity,
                basisLabel: BASIS_LABELS[quote.basis],
                standard: quote.standard,
                bands: quote.bands.map((b) => ({
                  ...b,
                  label:
                    quote.basis === 'per_request'
                      ? `第${b.from}件`
                      : b.to
                        ? `第${b.from}—${b.to}页`
                        : `第${b.from}页以上`,
                })),
                amountYuan: quote.amountYuan,
                payDue: chineseDate(payDue),
              },
            });
            await this.notifications.notifyApplicant(
              ctx.em,
              moved,
              {
                topic: 'fee_notice',
                subject: '信息处理费缴费通知',
                body: `您的申请（${moved.number}）需缴纳信息处理费${quote.amountYuan}元，请于${chineseDate(payDue)}前缴纳。`,
              },
              ctx.now,
            );
            return { letterId: letter.id, amountYuan: quote.amountYuan, payDue };
          },
        };
      },
    );
  }

  recordPayment(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { paidOn: string; receiptNumber: string; attachmentIds?: string[]; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(caller, id, 'record-payment', 'request.handle', input.version, async (ctx) => {
      const { events } = await this.clocks.clockIn(ctx.em, ctx.request);
      const notice = lastEvent(events, 'fee_notice_served');
      assertPastDate('paidOn', input.paidOn, ctx.today, notice?.onDate ?? ctx.request.receivedOn);
      if (input.attachmentIds?.length) {
        await this.attachments.linkToRequest(ctx.em, caller, input.attachmentIds, ctx.request.id);
      }
      return {
        to: 'in_progress',
        type: 'fee_paid',
        onDate: input.paidOn,
        data: { receiptNumber: input.receiptNumber, amountYuan: notice?.data.amountYuan ?? null },
      };
    });
  }

  /** per_request: the ordinal of this request among the applicant's requests to the agency in its natural month. */
  private async quoteFor(
    em: EntityManager,
    request: RequestEntity,
    basis: FeeBasis,
    pages?: number,
  ): Promise<FeeQuote> {
    if (basis === 'per_volume') {
      if (pages === undefined) {
        throw invalidInput('pages', 'required', '按量计收须填写页数');
      }
      return quoteFee('per_volume', pages);
    }
    const month = request.receivedOn.slice(0, 7);
    const rows = await em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM request
        WHERE agency_id = $1 AND to_char(received_on, 'YYYY-MM') = $2
          AND ((applicant_key IS NOT NULL AND applicant_key = $3) OR (citizen_id IS NOT NULL AND citizen_id = $4) OR id = $5)
          AND (received_on, seq) <= ($6::date, $7)`,
      [
        request.agencyId,
        month,
        request.applicantKey,
        request.citizenId,
        request.id,
        request.receivedOn,
        request.seq,
      ],
    );
    return quoteFee('per_request', rows[0].n);
  }
}
