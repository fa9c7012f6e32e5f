import { FieldError, validationFailed } from '../errors/domain-error';
import { IsoDate, isIsoDate } from '../time/shanghai';
import { IntakeChannel } from './applicant';

/** How far back a clerk may date a paper application (older ones belong in the ledger import). */
export const MAX_RECEIPT_AGE_DAYS = 366;

export interface ReceiptFacts {
  channel: IntakeChannel;
  /** The legal receipt date the clerk enters. */
  receivedOn: IsoDate;
  /** Ordinary mail: the day the letter arrived (the office must try to confirm that day). */
  arrivedOn?: IsoDate;
  /** Today in Asia/Shanghai, from the clock. */
  today: IsoDate;
}

function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Checks a receipt date entered at registration (Art. 31; 国办公开办函〔2015〕207号; Guiding Case 26):
 * a legal date, never in the future, and for ordinary mail not before the letter arrived. An online
 * application relayed from another platform keeps the day that system confirmed submission: an
 * internal relay delay does not move the date (Guiding Case 26).
 */
export function receiptDateProblems(f: ReceiptFacts): FieldError[] {
  const out: FieldError[] = [];
  const field = 'receivedOn';
  if (!isIsoDate(f.receivedOn)) {
    return [{ field, code: 'invalidDate', message: '收到申请之日格式有误（YYYY-MM-DD）' }];
  }
  if (f.receivedOn > f.today) {
    out.push({ field, code: 'inFuture', message: '收到申请之日不能晚于今天' });
  } else if (daysBetween(f.receivedOn, f.today) > MAX_RECEIPT_AGE_DAYS) {
    out.push({ field, code: 'tooOld', message: '收到申请之日距今超过一年，请通过历史台账导入' });
  }
  if (f.arrivedOn !== undefined) {
    if (f.channel !== 'ordinary_mail') {
      out.push({ field: 'arrivedOn', code: 'notApplicable', message: '只有平信需要填写到达日期' });
    } else if (!isIsoDate(f.arrivedOn)) {
      out.push({ field: 'arrivedOn', code: 'invalidDate', message: '到达日期格式有误（YYYY-MM-DD）' });
    } else if (f.arrivedOn > f.receivedOn) {
      // Art. 31(2): ordinary mail counts from confirmation with the applicant, never before arrival.
      out.push({
        field,
        code: 'beforeArrival',
        message: '收到申请之日（与申请人确认之日）不能早于信件到达日期',
      });
    }
  }
  return out;
}

export function assertReceiptDate(f: ReceiptFacts): void {
  const problems = receiptDateProblems(f);
  if (problems.length > 0) {
    throw validationFailed(problems);
  }
}
