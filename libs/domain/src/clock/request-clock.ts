import { DomainError } from '../errors/domain-error';
import { WorkingCalendar } from '../calendar/working-calendar';
import { IsoDate } from '../time/shanghai';
import { ClockEvent, ClockPolicy, DEFAULT_CLOCK_POLICY } from './clock-events';

/** One line of "why this date": a stretch of the reply period with its legal basis. */
export interface ClockSegment {
  kind: 'counting' | 'paused' | 'stopped' | 'extension' | 'agency_deadline';
  /** Exclusive start (the triggering day is not counted, rule C1) … inclusive end. */
  from: IsoDate;
  to: IsoDate;
  /** Working days of the reply period this stretch consumed (counting) or did not count (paused). */
  workingDays: number;
  basis: string;
  note: string;
}

export type ReplyClockState = 'running' | 'paused' | 'awaiting_correction';

export interface RequestClock {
  receivedOn: IsoDate;
  reply: {
    /** The day counting (re)started from: receipt, or receipt of the corrected application. */
    startedOn: IsoDate | null;
    /** null while the clock is stopped for correction. */
    due: IsoDate | null;
    provisional: boolean;
    state: ReplyClockState;
    basis: string;
    segments: ClockSegment[];
  };
  correctionNotice: { due: IsoDate; servedOn: IsoDate | null; late: boolean };
  correctionPeriod: { servedOn: IsoDate; due: IsoDate; correctedOn: IsoDate | null } | null;
  consultations: {
    consultationId: string;
    party: 'third_party' | 'inter_agency';
    openedOn: IsoDate;
    answerDue: IsoDate;
    answeredOn: IsoDate | null;
  }[];
  feePayment: { noticeOn: IsoDate; due: IsoDate; paidOn: IsoDate | null } | null;
  extension: { approvedOn: IsoDate; workingDays: number } | null;
}

interface Pause {
  from: IsoDate; // exclusive
  to: IsoDate; // inclusive
  reason: 'consultation' | 'fee';
}

function clockError(code: string, message: string, details: Record<string, unknown>): DomainError {
  return new DomainError(code, 'rule_violation', message, details);
}

/** Merges overlapping pauses (two consultations at once pause the clock once). */
function mergePauses(pauses: Pause[]): Pause[] {
  const sorted = [...pauses].sort((a, b) => a.from.localeCompare(b.from));
  const out: Pause[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.from <= last.to) {
      if (p.to > last.to) {
        last.to = p.to;
      }
      if (p.reason !== last.reason) {
        last.reason = 'consultation';
      }
    } else {
      out.push({ ...p });
    }
  }
  return out;
}

const PAUSE_TEXT = {
  consultation: {
    basis: 'Art. 32, Art. 33 ¶2, Art. 34',
    note: '征求第三方或其他机关意见的时间不计算在答复期限内',
  },
  fee: { basis: '国办函〔2020〕109号', note: '缴费期间不计算在答复期限内（本系统政策）' },
};

/**
 * Derives every clock of a request from its events and the calendar. The due date is a pure
 * function of the events, so it can be recomputed when a year's schedule is published and
 * explained segment by segment ("why this date").
 */
export function deriveRequestClock(
  events: ClockEvent[],
  calendar: WorkingCalendar,
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
): RequestClock {
  const received = events.find((e) => e.type === 'received');
  if (!received) {
    throw clockError('CLOCK.NOT_RECEIVED', '申请尚未登记收到日期，无法计算期限。', {});
  }
  const receivedOn = received.on;
  const segments: ClockSegment[] = [];

  // Art. 30: the correction notice within 7 working days of receipt; the reply period then
  // restarts from receipt of the corrected application (a restart, not a pause).
  const notice = [...events].reverse().find((e) => e.type === 'correction_notice_served');
  const corrected = [...events].reverse().find((e) => e.type === 'correction_received');
  const noticeDue = calendar.addWorkingDays(receivedOn, policy.correctionNoticeWorkingDays);
  const correctionNotice = {
    due: noticeDue,
    servedOn: notice?.on ?? null,
    late: notice ? notice.on > noticeDue : false,
  };
  const correctionPeriod = notice
    ? {
        servedOn: notice.on,
        due: calendar.addWorkingDays(
          notice.on,
          notice.periodWorkingDays ?? policy.defaultCorrectionPeriodWorkingDays,
        ),
        correctedOn: corrected && corrected.on >= notice.on ? corrected.on : null,
      }
    : null;

  const consultations = consultationsOf(events, calendar, policy);
  const feeNotice = [...events].reverse().find((e) => e.type === 'fee_notice_served');
  const feePaid = feeNotice ? events.find((e) => e.type === 'fee_paid' && e.on >= feeNotice.on) : undefined;
  const feePayment = feeNotice
    ? {
        noticeOn: feeNotice.on,
        due: calendar.addWorkingDays(feeNotice.on, policy.feePaymentWorkingDays),
        paidOn: feePaid?.on ?? null,
      }
    : null;
  const ext = events.find((e) => e.type === 'extension_approved');
  const extension = ext ? { approvedOn: ext.on, workingDays: ext.workingDays } : null;

  const base = { receivedOn, correctionNotice, correctionPeriod, consultations, feePayment, extension };

  if (correctionPeriod && correctionPeriod.correctedOn === null) {
    segments.push({
      kind: 'stopped',
      from: receivedOn,
      to: correctionPeriod.servedOn,
      workingDays: calendar.workingDaysBetween(receivedOn, correctionPeriod.servedOn),
      basis: 'Art. 30',
      note: `已发出补正告知书，等待申请人补正（补正期限至 ${correctionPeriod.due}）；收到补正后的申请之日起重新计算答复期限`,
    });
    return {
      ...base,
      reply: {
        startedOn: null,
        due: null,
        provisional: false,
        state: 'awaiting_correction',
        basis: 'Art. 30',
        segments,
      },
    };
  }

  const startedOn = correctionPeriod?.correctedOn ?? receivedOn;
  if (correctionPeriod?.correctedOn) {
    segments.push({
      kind: 'stopped',
      from: receivedOn,
      to: correctionPeriod.correctedOn,
      workingDays: 0,
      basis: 'Art. 30',
      note: `申请内容需要补正：${correctionPeriod.servedOn} 发出补正告知书，${correctionPeriod.correctedOn} 收到补正后的申请，答复期限自该日起重新计算`,
    });
  }

  const art35 = [...events].reverse().find((e) => e.type === 'art35_deadline_set');
  const pauses = mergePauses(
    [
      ...consultations.map((c): Pause => ({
        from: c.openedOn,
        to: c.answeredOn ?? c.answerDue,
        reason: 'consultation',
      })),
      ...(feePayment && policy.feePausesReplyClock
        ? [{ from: feePayment.noticeOn, to: feePayment.paidOn ?? feePayment.due, reason: 'fee' as const }]
        : []),
    ]
      .map((p) => ({ ...p, from: p.from < startedOn ? startedOn : p.from }))
      .filter((p) => p.to > p.from),
  );

  const total = policy.replyWorkingDays + (extension?.workingDays ?? 0);
  const due = dueWithPauses(startedOn, total, pauses, calendar);
  let cursor = startedOn;
  for (const p of pauses.filter((x) => x.from < due)) {
    segments.push({
      kind: 'counting',
      from: cursor,
      to: p.from,
      workingDays: calendar.workingDaysBetween(cursor, p.from),
      basis: 'Art. 33 ¶1',
      note: '答复期限计算中',
    });
    segments.push({
      kind: 'paused',
      from: p.from,
      to: p.to,
      workingDays: calendar.workingDaysBetween(p.from, p.to),
      basis: PAUSE_TEXT[p.reason].basis,
      note: PAUSE_TEXT[p.reason].note,
    });
    cursor = p.to;
  }
  segments.push({
    kind: 'counting',
    from: cursor,
    to: due,
    workingDays: calendar.workingDaysBetween(cursor, due),
    basis: 'Art. 33 ¶1',
    note: `答复期限计算至第 ${total} 个工作日`,
  });
  if (extension) {
    segments.push({
      kind: 'extension',
      from: extension.approvedOn,
      to: due,
      workingDays: extension.workingDays,
      basis: 'Art. 33 ¶2',
      note: `经政府信息公开工作机构负责人同意延长答复期限 ${extension.workingDays} 个工作日（${extension.approvedOn} 批准）`,
    });
  }
  // Paused now: a consultation awaits its answer, or (policy) a fee notice awaits payment.
  const paused =
    consultations.some((c) => c.answeredOn === null && c.openedOn <= due && c.answerDue > startedOn) ||
    (policy.feePausesReplyClock &&
      feePayment !== null &&
      feePayment.paidOn === null &&
      feePayment.due > startedOn);
  if (art35) {
    segments.push({
      kind: 'agency_deadline',
      from: art35.on,
      to: art35.deadline,
      workingDays: calendar.workingDaysBetween(art35.on, art35.deadline),
      basis: 'Art. 35',
      note: `申请数量、频次明显超过合理范围，行政机关确定延迟答复的合理期限：${art35.reason}`,
    });
  }
  // Art. 35: an agency-set deadline replaces the Art. 33 one.
  const finalDue = art35 ? art35.deadline : due;
  return {
    ...base,
    reply: {
      startedOn,
      due: finalDue,
      provisional: calendar.isProvisional(startedOn, finalDue),
      state: paused ? 'paused' : 'running',
      basis: art35 ? 'Art. 35' : extension ? 'Art. 33 ¶2' : 'Art. 33 ¶1',
      segments,
    },
  };
}

/** The smallest day by which `total` working days after `start`, not counting paused ones, have passed. */
function dueWithPauses(start: IsoDate, total: number, pauses: Pause[], calendar: WorkingCalendar): IsoDate {
  let due = calendar.addWorkingDays(start, total);
  for (;;) {
    let paused = 0;
    for (const p of pauses) {
      if (p.from < due) {
        paused += calendar.workingDaysBetween(p.from, p.to < due ? p.to : due);
      }
    }
    const next = calendar.addWorkingDays(start, total + paused);
    if (next === due) {
      return due;
    }
    due = next;
  }
}

function consultationsOf(
  events: ClockEvent[],
  calendar: WorkingCalendar,
  policy: ClockPolicy,
): RequestClock['consultations'] {
  const out: RequestClock['consultations'] = [];
  for (const e of events) {
    if (e.type === 'consultation_opened') {
      const answer = events.find(
        (a) => a.type === 'consultation_answered' && a.consultationId === e.consultationId,
      );
      const answerDue = calendar.addWorkingDays(e.on, policy.consultationWorkingDays);
      out.push({
        consultationId: e.consultationId,
        party: e.party,
        openedOn: e.on,
        answerDue,
        // An answer after the 15 working days no longer pauses the clock beyond them.
        answeredOn: answer ? (answer.on < answerDue ? answer.on : answerDue) : null,
      });
    }
  }
  return out;
}

/**
 * Art. 33 ¶2: one extension, of at most 20 working days, decided before the original period ends.
 * Throws CLOCK.EXTENSION_NOT_ALLOWED with the reason otherwise.
 */
export function assertExtensionAllowed(
  events: ClockEvent[],
  approvedOn: IsoDate,
  workingDays: number,
  calendar: WorkingCalendar,
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
): void {
  if (events.some((e) => e.type === 'extension_approved')) {
    throw clockError('CLOCK.EXTENSION_NOT_ALLOWED', '答复期限只能延长一次（条例第三十三条第二款）。', {
      reason: 'already_extended',
    });
  }
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > policy.maxExtensionWorkingDays) {
    throw clockError(
      'CLOCK.EXTENSION_NOT_ALLOWED',
      `延长期限最长不得超过 ${policy.maxExtensionWorkingDays} 个工作日（条例第三十三条第二款）。`,
      {
        reason: 'too_long',
        workingDays,
      },
    );
  }
  const clock = deriveRequestClock(events, calendar, policy);
  if (clock.reply.due === null || approvedOn > clock.reply.due) {
    throw clockError(
      'CLOCK.EXTENSION_NOT_ALLOWED',
      '延期须在原答复期限届满前决定并告知申请人（条例第三十三条第二款）。',
      {
        reason: 'after_deadline',
        due: clock.reply.due,
      },
    );
  }
}
