import { DomainError } from '../errors/domain-error';
import { IsoDate, isIsoDate } from '../time/shanghai';
import { DayKind, RegionCalendarData, SpecialDay } from './calendar-data';
import { dayNumber, isoOfDayNumber, weekdayOf } from './day-number';

/** The years any calendar can answer for; a year outside is refused (CALENDAR.OUT_OF_RANGE). */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2099;

const KIND_CODES: DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday'];

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  name?: string;
}

export interface Deadline {
  deadline: IsoDate;
  /** True when the count crosses a year whose official schedule is not published yet (Mon–Fri assumed). */
  provisional: boolean;
}

let isoCache: IsoDate[] | null = null;
function isoStrings(first: number, count: number): IsoDate[] {
  if (isoCache === null) {
    isoCache = Array.from({ length: count }, (_, i) => isoOfDayNumber(first + i));
  }
  return isoCache;
}

export function outOfRange(date: string): DomainError {
  return new DomainError(
    'CALENDAR.OUT_OF_RANGE',
    'invalid_input',
    `日期 ${date} 超出工作日历的范围（${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR} 年）。`,
    { date, firstYear: CALENDAR_FIRST_YEAR, lastYear: CALENDAR_LAST_YEAR },
  );
}

export function invalidDate(date: string): DomainError {
  return new DomainError(
    'CALENDAR.INVALID_DATE',
    'invalid_input',
    `“${date}”不是有效的日期（应为 YYYY-MM-DD）。`,
    {
      date,
    },
  );
}

/**
 * Official working days (docs/domain-rules.md): Monday–Friday that is not an official holiday, plus every
 * make-up working day (调休上班). Built once from the published schedules, then every question is
 * answered in O(1) from prefix sums over the covered days:
 *   before[i]   = working days in [first, first + i)
 *   workdays[k] = the day index of the k-th working day
 * A year with no published schedule counts Monday–Friday and makes the answers that cross it
 * provisional.
 */
export class WorkingCalendar {
  private readonly first = dayNumber(`${CALENDAR_FIRST_YEAR}-01-01`);
  private readonly size = dayNumber(`${CALENDAR_LAST_YEAR + 1}-01-01`) - this.first;
  private readonly kinds = new Uint8Array(this.size);
  private readonly names = new Map<number, string>();
  private readonly before = new Int32Array(this.size + 1);
  private readonly workdays: Int32Array;
  private readonly iso: IsoDate[];
  readonly publishedYears: ReadonlySet<number>;
  readonly noticeRefs: ReadonlyMap<number, string>;

  constructor(
    readonly region: string,
    national: RegionCalendarData,
    regional: RegionCalendarData | null = null,
  ) {
    this.iso = isoStrings(this.first, this.size);
    for (let i = 0; i < this.size; i++) {
      const wd = weekdayOf(this.first + i);
      this.kinds[i] = wd === 0 || wd === 6 ? 1 : 0;
    }
    for (const layer of regional ? [national, regional] : [national]) {
      for (const y of layer.years) {
        y.days.forEach((d) => this.mark(d));
      }
    }
    this.publishedYears = new Set(national.years.map((y) => y.year));
    this.noticeRefs = new Map(national.years.map((y) => [y.year, y.noticeRef]));
    let count = 0;
    const list: number[] = [];
    for (let i = 0; i < this.size; i++) {
      this.before[i] = count;
      if (this.isWorkingIndex(i)) {
        list.push(i);
        count++;
      }
    }
    this.before[this.size] = count;
    this.workdays = Int32Array.from(list);
  }

  private mark(d: SpecialDay): void {
    const i = dayNumber(d.date) - this.first;
    if (i < 0 || i >= this.size) {
      return;
    }
    this.kinds[i] = d.kind === 'holiday' ? 2 : 3;
    this.names.set(i, d.name);
  }

  private isWorkingIndex(i: number): boolean {
    const k = this.kinds[i];
    return k === 0 || k === 3;
  }

  /** Index of a date in the covered range; validates the date. */
  private index(date: IsoDate): number {
    const i = dayNumber(date) - this.first;
    // The round trip through the precomputed strings rejects 2026-02-30 and malformed text in O(1).
    if (i >= 0 && i < this.size && this.iso[i] === date) {
      return i;
    }
    if (typeof date !== 'string' || !isIsoDate(date)) {
      throw invalidDate(String(date));
    }
    throw outOfRange(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingIndex(this.index(date));
  }

  dayInfo(date: IsoDate): DayInfo {
    const i = this.index(date);
    const name = this.names.get(i);
    const kind = KIND_CODES[this.kinds[i]];
    return name === undefined
      ? { date, working: this.isWorkingIndex(i), kind }
      : { date, working: this.isWorkingIndex(i), kind, name };
  }

  /**
   * The N-th working day after `date` (rule C1: the day of receipt or of the triggering event is
   * not counted; rule C2: the period ends at the end of that working day). N = 0 gives `date`.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    const i = this.index(date);
    if (n === 0) {
      return date;
    }
    if (!Number.isInteger(n) || n < 0) {
      throw new DomainError('CALENDAR.INVALID_COUNT', 'invalid_input', '工作日数必须是非负整数。', {
        workingDays: n,
      });
    }
    const rank = this.before[i + 1] + n - 1;
    if (rank >= this.workdays.length) {
      throw outOfRange(date);
    }
    return this.iso[this.workdays[rank]];
  }

  /** Working days in (from, to]: how many a period running from `from` has consumed by the end of `to`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    return this.before[this.index(to) + 1] - this.before[this.index(from) + 1];
  }

  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /** `date` if it is a working day, else the first working day after it (Civil Code Art. 203, rule C3). */
  onOrNextWorkingDay(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /** Calendar-day arithmetic inside the covered range. */
  addCalendarDays(date: IsoDate, days: number): IsoDate {
    const i = this.index(date) + days;
    if (i < 0 || i >= this.size) {
      throw outOfRange(date);
    }
    return this.iso[i];
  }

  /** Whether counting from `from` (exclusive) to `to` (inclusive) relies on an unpublished year. */
  isProvisional(from: IsoDate, to: IsoDate): boolean {
    const a = Number(this.addCalendarDays(from, 1).slice(0, 4));
    const b = Number(to.slice(0, 4));
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) {
      if (!this.publishedYears.has(y)) {
        return true;
      }
    }
    return false;
  }

  isYearPublished(year: number): boolean {
    return this.publishedYears.has(year);
  }

  deadline(from: IsoDate, workingDays: number): Deadline {
    const deadline = this.addWorkingDays(from, workingDays);
    return { deadline, provisional: this.isProvisional(from, deadline) };
  }

  /** Every day of a year, for the public calendar. */
  year(year: number): DayInfo[] {
    if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
      throw outOfRange(`${year}`);
    }
    const start = this.index(`${year}-01-01`);
    const end = this.index(`${year}-12-31`);
    const days: DayInfo[] = [];
    for (let i = start; i <= end; i++) {
      days.push(this.dayInfo(this.iso[i]));
    }
    return days;
  }
}
