import fc from 'fast-check';
import { RegionCalendarData } from './calendar-data';
import { WorkingCalendar } from './working-calendar';

/** The 2011 schedule around the Dragon Boat Festival (06-04–06-06), for Guiding Case 26. */
const GUIDING_CASE_2011: RegionCalendarData = {
  region: 'national',
  years: [
    {
      year: 2011,
      noticeRef: '国务院办公厅关于2011年部分节假日安排的通知',
      days: ['2011-06-04', '2011-06-05', '2011-06-06'].map((date) => ({
        date,
        kind: 'holiday',
        name: '端午节',
      })),
    },
  ],
};

const MON_FRI: RegionCalendarData = { region: 'national', years: [] };

describe(WorkingCalendar.name, () => {
  const gc26 = new WorkingCalendar('national', GUIDING_CASE_2011);

  it('should end a 15-working-day period from 2011-06-01 on 2011-06-23 (Guiding Case 26, rule C1)', () => {
    expect(gc26.addWorkingDays('2011-06-01', 15)).toBe('2011-06-23');
    expect(gc26.deadline('2011-06-01', 15)).toEqual({ deadline: '2011-06-23', provisional: false });
  });

  it.each([
    // [from, n, expected, why]
    ['2011-06-03', 1, '2011-06-07', 'a Friday before the festival: next working day is Tuesday'],
    ['2011-06-04', 1, '2011-06-07', 'counting from a holiday'],
    ['2011-06-07', 0, '2011-06-07', 'zero working days'],
    ['2011-06-01', 2, '2011-06-03', 'inside one week'],
  ])('should count %s + %i working days as %s (%s)', (from, n, expected) => {
    expect(gc26.addWorkingDays(from, n)).toBe(expected);
  });

  it('should classify the days of the public calendar', () => {
    expect(gc26.dayInfo('2011-06-04')).toEqual({
      date: '2011-06-04',
      working: false,
      kind: 'holiday',
      name: '端午节',
    });
    expect(gc26.dayInfo('2011-06-11')).toEqual({ date: '2011-06-11', working: false, kind: 'weekend' });
    expect(gc26.dayInfo('2011-06-07')).toEqual({ date: '2011-06-07', working: true, kind: 'workday' });
  });

  it('should count working days in (from, to]', () => {
    expect(gc26.workingDaysBetween('2011-06-01', '2011-06-23')).toBe(15);
    expect(gc26.workingDaysBetween('2011-06-01', '2011-06-01')).toBe(0);
    expect(gc26.workingDaysBetween('2011-06-23', '2011-06-01')).toBe(-15);
  });

  it('should mark a count provisional when it crosses a year without a published schedule', () => {
    expect(gc26.deadline('2011-12-20', 20)).toMatchObject({ provisional: true });
    expect(gc26.deadline('2011-11-01', 5)).toMatchObject({ provisional: false });
  });

  it('should let a region add a closure and a working day on top of the national schedule', () => {
    const regional = new WorkingCalendar('hubei', GUIDING_CASE_2011, {
      region: 'hubei',
      years: [
        {
          year: 2011,
          noticeRef: '省政府通知',
          days: [
            { date: '2011-06-07', kind: 'holiday', name: '地方假日' },
            { date: '2011-06-06', kind: 'makeup_workday', name: '地方调休上班' },
          ],
        },
      ],
    });
    expect(regional.isWorkingDay('2011-06-07')).toBe(false);
    expect(regional.isWorkingDay('2011-06-06')).toBe(true);
    expect(regional.addWorkingDays('2011-06-03', 1)).toBe('2011-06-06');
    expect(gc26.isWorkingDay('2011-06-07')).toBe(true);
  });

  it.each([
    ['2026-02-30', 'CALENDAR.INVALID_DATE'],
    ['2026-2-3', 'CALENDAR.INVALID_DATE'],
    ['yesterday', 'CALENDAR.INVALID_DATE'],
    ['1999-12-31', 'CALENDAR.OUT_OF_RANGE'],
    ['2100-01-01', 'CALENDAR.OUT_OF_RANGE'],
  ])('should refuse %s with %s', (date, code) => {
    expect(() => gc26.addWorkingDays(date, 1)).toThrow(expect.objectContaining({ code }));
  });

  it('should refuse a negative or fractional count', () => {
    expect(() => gc26.addWorkingDays('2011-06-01', -1)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_COUNT' }),
    );
    expect(() => gc26.addWorkingDays('2011-06-01', 1.5)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_COUNT' }),
    );
  });

  describe('properties', () => {
    const cal = new WorkingCalendar('national', GUIDING_CASE_2011);
    const date = fc
      .integer({ min: 0, max: 365 * 40 })
      .map((i) => new Date(Date.UTC(2005, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    const count = fc.integer({ min: 0, max: 60 });

    it('should always end a working-day deadline on a working day', () => {
      fc.assert(
        fc.property(date, fc.integer({ min: 1, max: 60 }), (d, n) =>
          cal.isWorkingDay(cal.addWorkingDays(d, n)),
        ),
      );
    });

    it('should never give an earlier deadline for a later receipt', () => {
      fc.assert(
        fc.property(date, date, count, (a, b, n) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          return cal.addWorkingDays(early, n) <= cal.addWorkingDays(late, n);
        }),
      );
    });

    it('should make adding n then m equal adding n + m', () => {
      fc.assert(
        fc.property(
          date,
          count,
          count,
          (d, n, m) => cal.addWorkingDays(cal.addWorkingDays(d, n), m) === cal.addWorkingDays(d, n + m),
        ),
      );
    });

    it('should consume exactly n working days between a date and its n-th working day', () => {
      fc.assert(
        fc.property(date, count, (d, n) => cal.workingDaysBetween(d, cal.addWorkingDays(d, n)) === n),
      );
    });

    it('should agree with a naive day-by-day count', () => {
      fc.assert(
        fc.property(date, fc.integer({ min: 1, max: 40 }), (d, n) => {
          let t = Date.parse(`${d}T00:00:00Z`);
          let left = n;
          while (left > 0) {
            t += 86_400_000;
            if (cal.isWorkingDay(new Date(t).toISOString().slice(0, 10))) {
              left--;
            }
          }
          return cal.addWorkingDays(d, n) === new Date(t).toISOString().slice(0, 10);
        }),
      );
    });
  });

  it('should count Monday to Friday where nothing is published', () => {
    const plain = new WorkingCalendar('national', MON_FRI);
    expect(plain.addWorkingDays('2027-01-01', 1)).toBe('2027-01-04');
    expect(plain.deadline('2027-01-01', 20)).toEqual({ deadline: '2027-01-29', provisional: true });
  });
});
