import type { WorkingCalendar } from '../calendar/working-calendar';
import type { IsoDate } from '../time/shanghai';
import type { RequestState } from '../requests/request-state';

/**
 * The states in which the reply clock of Art. 33 runs. In 补正 (Art. 30), 征求意见 (Art. 32) and
 * 缴费 (fee rules) it is paused, and once the request is concluded it has stopped: in those states a
 * request is never "due soon" or "overdue" (docs/domain-rules.md, "Deadline status").
 */
export const RUNNING_CLOCK_STATES: readonly RequestState[] = [
  'registered',
  'in_progress',
  'in_review',
  'awaiting_signoff',
];

/** Working days from today to the deadline: 0 on the day itself, negative once overdue. */
export function workingDaysLeft(calendar: WorkingCalendar, today: IsoDate, due: IsoDate): number {
  return due >= today ? calendar.workingDaysBetween(today, due) : -calendar.workingDaysBetween(due, today);
}

export interface DeadlineStatus {
  /** Null while the clock does not run (paused, concluded, or no deadline yet). */
  workingDaysLeft: number | null;
  /** The statutory reply date has passed while the clock runs. */
  overdue: boolean;
  /** Not overdue, and at most `dueSoonWithin` working days left. */
  dueSoon: boolean;
}

/**
 * The one definition of "due soon" and "overdue": derived from the state, the reply date and
 * today, never stored (a request's deadline moves with its events and with the calendar).
 */
export function deadlineStatus(
  state: RequestState,
  replyDue: IsoDate | null,
  calendar: WorkingCalendar,
  today: IsoDate,
  dueSoonWithin = 0,
): DeadlineStatus {
  if (replyDue === null || !RUNNING_CLOCK_STATES.includes(state)) {
    return { workingDaysLeft: null, overdue: false, dueSoon: false };
  }
  const left = workingDaysLeft(calendar, today, replyDue);
  const overdue = replyDue < today;
  return { workingDaysLeft: left, overdue, dueSoon: !overdue && left <= dueSoonWithin };
}

/** How the deadline reads to a person, never by colour alone: "剩余 3 个工作日", "已逾期 2 个工作日". */
export function deadlineWords(status: Pick<DeadlineStatus, 'workingDaysLeft' | 'overdue'>): string | null {
  const left = status.workingDaysLeft;
  if (left === null) {
    return null;
  }
  if (status.overdue) {
    return `已逾期 ${-left} 个工作日`;
  }
  return left === 0 ? '今天到期' : `剩余 ${left} 个工作日`;
}
