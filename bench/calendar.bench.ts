import { NATIONAL_SCHEDULES } from '@gongkai/database';
import { WorkingCalendar, isoOfDayNumber, dayNumber } from '@gongkai/domain';
import { Benchmark, opsPerSecond } from './harness';

/**
 * "Add 20 working days" on the official 2019–2026 calendar: the O(1) prefix-sum index against a
 * naive day-by-day loop over the same calendar, on the same start dates (every day of 2019–2026).
 */
export const calendarBenchmark: Benchmark = {
  name: 'calendar.addWorkingDays(20)',
  run: () => {
    const cal = new WorkingCalendar('national', { region: 'national', years: NATIONAL_SCHEDULES });
    const first = dayNumber('2019-01-01');
    const starts = Array.from({ length: dayNumber('2026-12-01') - first }, (_, i) =>
      isoOfDayNumber(first + i),
    );
    const naive = (from: string, n: number): string => {
      let d = dayNumber(from);
      for (let left = n; left > 0;) {
        d++;
        if (cal.isWorkingDay(isoOfDayNumber(d))) {
          left--;
        }
      }
      return isoOfDayNumber(d);
    };
    for (let i = 0; i < starts.length; i += 97) {
      if (cal.addWorkingDays(starts[i], 20) !== naive(starts[i], 20)) {
        throw new Error(`the index and the naive loop disagree from ${starts[i]}`);
      }
    }
    const ours = opsPerSecond((i) => cal.addWorkingDays(starts[i % starts.length], 20), 2000);
    const base = opsPerSecond((i) => naive(starts[i % starts.length], 20), 2000);
    return Promise.resolve({
      name: 'calendar.addWorkingDays(20)',
      figures: { opsPerSec: ours, target: 1_000_000, meetsTarget: ours >= 1_000_000 ? 'yes' : 'no' },
      baseline: { name: 'naive day-by-day loop, same calendar', figures: { opsPerSec: base } },
      ratio: Number((ours / base).toFixed(1)),
    });
  },
};
