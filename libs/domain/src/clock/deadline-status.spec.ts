import { RegionCalendarData, SpecialDay } from '../calendar/calendar-data';
import { WorkingCalendar } from '../calendar/working-calendar';
import type { RequestState } from '../requests/request-state';
import { DeadlineStatus, deadlineStatus, deadlineWords, workingDaysLeft } from './deadline-status';

const springFestival2026: SpecialDay[] = [];
for (let d = 15; d <= 23; d++) {
  springFestival2026.push({ date: `2026-02-${d}`, kind: 'holiday', name: '春节' });
}
const CAL: RegionCalendarData = {
  region: 'national',
  years: [
    {
      year: 2026,
      noticeRef: 'test',
      days: [
        ...springFestival2026,
        { date: '2026-02-14', kind: 'makeup_workday', name: '调休上班' },
        { date: '2026-02-28', kind: 'makeup_workday', name: '调休上班' },
      ],
    },
  ],
};
const cal = new WorkingCalendar('national', CAL);

describe(workingDaysLeft.name, () => {
  it.each<[string, string, number, string]>([
    ['2026-03-19', '2026-03-19', 0, 'the day itself'],
    ['2026-03-16', '2026-03-19', 3, 'three working days ahead'],
    ['2026-02-13', '2026-02-24', 2, 'across Spring Festival: the make-up Saturday 02-14 and 02-24 count'],
    ['2026-03-20', '2026-03-19', -1, 'a day late'],
  ])('from %s to %s should be %i (%s)', (today, due, expected) => {
    expect(workingDaysLeft(cal, today, due)).toBe(expected);
  });
});

describe(deadlineStatus.name, () => {
  const none: DeadlineStatus = { workingDaysLeft: null, overdue: false, dueSoon: false };
  it.each<[string, RequestState, string | null, string, number, DeadlineStatus]>([
    [
      'running, well ahead',
      'in_progress',
      '2026-03-19',
      '2026-03-02',
      3,
      { workingDaysLeft: 13, overdue: false, dueSoon: false },
    ],
    [
      'running, within the reminder horizon',
      'registered',
      '2026-03-19',
      '2026-03-16',
      3,
      { workingDaysLeft: 3, overdue: false, dueSoon: true },
    ],
    [
      'running, due today',
      'awaiting_signoff',
      '2026-03-19',
      '2026-03-19',
      0,
      { workingDaysLeft: 0, overdue: false, dueSoon: true },
    ],
    [
      'running, the date has passed',
      'in_review',
      '2026-03-19',
      '2026-03-23',
      3,
      { workingDaysLeft: -2, overdue: true, dueSoon: false },
    ],
    [
      'paused for correction (Art. 30): never overdue',
      'awaiting_correction',
      '2026-03-19',
      '2026-03-23',
      3,
      none,
    ],
    ['paused for consultation (Art. 32)', 'consulting', '2026-03-19', '2026-03-23', 3, none],
    ['paused for the fee', 'awaiting_fee', '2026-03-19', '2026-03-23', 3, none],
    ['concluded: the clock has stopped', 'replied', '2026-03-19', '2026-03-23', 3, none],
    ['terminated', 'terminated', '2026-03-19', '2026-03-23', 3, none],
    ['no deadline yet', 'registered', null, '2026-03-23', 3, none],
  ])('%s', (_, state, due, today, within, expected) => {
    expect(deadlineStatus(state, due, cal, today, within)).toEqual(expected);
  });
});

describe(deadlineWords.name, () => {
  it.each<[DeadlineStatus, string | null]>([
    [{ workingDaysLeft: 3, overdue: false, dueSoon: true }, '剩余 3 个工作日'],
    [{ workingDaysLeft: 0, overdue: false, dueSoon: true }, '今天到期'],
    [{ workingDaysLeft: -2, overdue: true, dueSoon: false }, '已逾期 2 个工作日'],
    [{ workingDaysLeft: null, overdue: false, dueSoon: false }, null],
  ])('%j reads %s', (status, words) => {
    expect(deadlineWords(status)).toBe(words);
  });
});
