import { IsoDate } from '../time/shanghai';

/** The events of a request that move its statutory clocks (docs/domain-rules.md, "The clocks of one request"). */
export type ClockEvent =
  | { type: 'received'; on: IsoDate }
  | { type: 'correction_notice_served'; on: IsoDate; periodWorkingDays?: number }
  | { type: 'correction_received'; on: IsoDate }
  | {
      type: 'consultation_opened';
      on: IsoDate;
      consultationId: string;
      party: 'third_party' | 'inter_agency';
    }
  | { type: 'consultation_answered'; on: IsoDate; consultationId: string }
  | { type: 'fee_notice_served'; on: IsoDate }
  | { type: 'fee_paid'; on: IsoDate }
  | { type: 'extension_approved'; on: IsoDate; workingDays: number }
  | { type: 'art35_deadline_set'; on: IsoDate; deadline: IsoDate; reason: string };

export interface ClockPolicy {
  /** Art. 33 ¶1: reply within 20 working days of receipt. */
  replyWorkingDays: number;
  /** Art. 30: the correction notice within 7 working days of receipt. */
  correctionNoticeWorkingDays: number;
  /** Art. 30: "a reasonable period" — policy default 15 working days, set by the clerk. */
  defaultCorrectionPeriodWorkingDays: number;
  /** Art. 32, 33 ¶2: third parties and other agencies answer within 15 working days. */
  consultationWorkingDays: number;
  /** 109号: pay within 20 working days from the day after receiving the fee notice. */
  feePaymentWorkingDays: number;
  /** Policy (docs/domain-rules.md, Fees): the payment period is excluded from the reply period. */
  feePausesReplyClock: boolean;
  /** Art. 33 ¶2: an extension adds at most 20 working days, once. */
  maxExtensionWorkingDays: number;
}

export const DEFAULT_CLOCK_POLICY: ClockPolicy = {
  replyWorkingDays: 20,
  correctionNoticeWorkingDays: 7,
  defaultCorrectionPeriodWorkingDays: 15,
  consultationWorkingDays: 15,
  feePaymentWorkingDays: 20,
  feePausesReplyClock: true,
  maxExtensionWorkingDays: 20,
};
