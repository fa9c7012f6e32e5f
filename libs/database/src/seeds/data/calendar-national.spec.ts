import { WorkingCalendar } from '@gongkai/domain';
import { NATIONAL_CALENDAR_VERSION, NATIONAL_SCHEDULES } from './calendar-national';

const national = new WorkingCalendar('national', { region: 'national', years: NATIONAL_SCHEDULES });

/**
 * The official national schedules 2019–2026 as published (see docs/domain-rules.md, "Working days"), parsed independently of the seed data: every test
 * below compares the seeded calendar with a naive day-by-day count over this text.
 */
const SPEC_TABLE = `
2019 | 2018-12-30–2019-01-01; 02-04–02-10; 04-05; 05-01–05-04; 06-07; 09-13; 10-01–10-07 | 2018-12-29; 02-02; 02-03; 04-28; 05-05; 09-29; 10-12
2020 | 01-01; 01-24–02-02; 04-04–04-06; 05-01–05-05; 06-25–06-27; 10-01–10-08 | 01-19; 04-26; 05-09; 06-28; 09-27; 10-10
2021 | 01-01–01-03; 02-11–02-17; 04-03–04-05; 05-01–05-05; 06-12–06-14; 09-19–09-21; 10-01–10-07 | 02-07; 02-20; 04-25; 05-08; 09-18; 09-26; 10-09
2022 | 01-01–01-03; 01-31–02-06; 04-03–04-05; 04-30–05-04; 06-03–06-05; 09-10–09-12; 10-01–10-07 | 01-29; 01-30; 04-02; 04-24; 05-07; 10-08; 10-09
2023 | 2022-12-31–2023-01-02; 01-21–01-27; 04-05; 04-29–05-03; 06-22–06-24; 09-29–10-06 | 01-28; 01-29; 04-23; 05-06; 06-25; 10-07; 10-08
2024 | 01-01; 02-10–02-17; 04-04–04-06; 05-01–05-05; 06-10; 09-15–09-17; 10-01–10-07 | 02-04; 02-18; 04-07; 04-28; 05-11; 09-14; 09-29; 10-12
2025 | 01-01; 01-28–02-04; 04-04–04-06; 05-01–05-05; 05-31–06-02; 10-01–10-08 | 01-26; 02-08; 04-27; 09-28; 10-11
2026 | 01-01–01-03; 02-15–02-23; 04-04–04-06; 05-01–05-05; 06-19–06-21; 09-25–09-27; 10-01–10-07 | 01-04; 02-14; 02-28; 05-09; 09-20; 10-10`;

const full = (year: string, d: string) => (d.length === 5 ? `${year}-${d}` : d);
const holidays = new Set<string>();
const makeups = new Set<string>();
const ranges: [string, string][] = [];
for (const line of SPEC_TABLE.trim().split('\n')) {
  const [year, hol, mk] = line.split('|').map((s) => s.trim());
  for (const part of hol.split(';').map((s) => s.trim())) {
    const [a, b] = part.split('–').map((d) => full(year, d));
    ranges.push([a, b ?? a]);
    for (let t = Date.parse(a); t <= Date.parse(b ?? a); t += 86_400_000) {
      holidays.add(new Date(t).toISOString().slice(0, 10));
    }
  }
  mk.split(';').forEach((d) => makeups.add(full(year, d.trim())));
}

const addDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);
function naiveWorking(d: string): boolean {
  if (makeups.has(d)) {
    return true;
  }
  const wd = new Date(d).getUTCDay();
  return wd !== 0 && wd !== 6 && !holidays.has(d);
}
function naiveAdd(d: string, n: number): string {
  let cur = d;
  for (let left = n; left > 0;) {
    cur = addDays(cur, 1);
    if (naiveWorking(cur)) {
      left--;
    }
  }
  return cur;
}

describe('the national calendar 2019–2026', () => {
  it('should be a versioned seed with a notice reference for every year', () => {
    expect(NATIONAL_CALENDAR_VERSION).toMatch(/@\d+$/);
    expect(NATIONAL_SCHEDULES.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    NATIONAL_SCHEDULES.forEach((y) => expect(y.noticeRef.length).toBeGreaterThan(5));
  });

  it('should hold exactly the holidays and make-up days of the official table', () => {
    const seeded = NATIONAL_SCHEDULES.flatMap((y) => y.days);
    expect(new Set(seeded.filter((d) => d.kind === 'holiday').map((d) => d.date))).toEqual(holidays);
    expect(new Set(seeded.filter((d) => d.kind === 'makeup_workday').map((d) => d.date))).toEqual(makeups);
  });

  it.each([
    // worked examples (docs/domain-rules.md, "Working days"): receipt + N working days → deadline
    ['2022-09-30', 20, '2022-11-02', 'National Day, with make-up days 10-08 and 10-09 counted'],
    ['2020-01-20', 20, '2020-02-25', '2020 Spring Festival as extended'],
    ['2024-12-31', 20, '2025-02-05', 'crosses New Year and Spring Festival 2025'],
    ['2025-09-30', 20, '2025-11-04', 'National Day + Mid-Autumn 2025'],
    ['2026-02-13', 7, '2026-03-02', 'correction notice across Spring Festival 2026'],
    ['2026-02-13', 20, '2026-03-19', 'reply deadline across Spring Festival 2026'],
  ])('should give %s + %i working days = %s (%s)', (from, n, deadline) => {
    expect(national.deadline(from, n)).toEqual({ deadline, provisional: false });
  });

  it.each([...makeups].sort())('should count the make-up day %s as a working day', (d) => {
    expect(national.dayInfo(d)).toMatchObject({ working: true, kind: 'makeup_workday' });
    const before = addDays(d, -1);
    expect(national.addWorkingDays(before, 1)).toBe(naiveAdd(before, 1));
  });

  const boundaries = ranges
    .flatMap(([a, b]) => [addDays(a, -1), a, b, addDays(b, 1)])
    .filter((d) => d >= '2019-01-01');
  it.each(boundaries)('should count 1, 7 and 20 working days from the holiday boundary %s', (d) => {
    expect(national.isWorkingDay(d)).toBe(naiveWorking(d));
    for (const n of [1, 7, 20]) {
      expect(national.addWorkingDays(d, n)).toBe(naiveAdd(d, n));
    }
  });

  it.each(['2019-12-31', '2020-12-31', '2021-12-31', '2022-12-30', '2023-12-29', '2024-12-31', '2025-12-31'])(
    'should carry a count across the year end from %s',
    (d) => {
      for (const n of [1, 5, 20]) {
        expect(national.deadline(d, n)).toEqual({ deadline: naiveAdd(d, n), provisional: false });
      }
    },
  );

  it('should mark a 2026 deadline that runs into unpublished 2027 as provisional (Mon–Fri assumed)', () => {
    expect(national.deadline('2026-12-20', 20)).toEqual({ deadline: '2027-01-15', provisional: true });
  });
});
