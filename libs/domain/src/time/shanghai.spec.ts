import { isIsoDate, shanghaiDateOf, startOfShanghaiDay } from './shanghai';

describe(shanghaiDateOf.name, () => {
  it.each([
    // An online application submitted at 23:30 Beijing time is received that day (docs/domain-rules.md, Art. 31).
    ['2026-03-02T15:30:00Z', '2026-03-02'],
    ['2026-03-02T16:00:00Z', '2026-03-03'],
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2025-12-31T16:00:00Z', '2026-01-01'],
    ['2026-03-02T09:00:00+08:00', '2026-03-02'],
    ['2026-03-01T20:00:00-05:00', '2026-03-02'],
  ])('should give the Shanghai date of %s as %s', (instant, date) => {
    expect(shanghaiDateOf(new Date(instant))).toBe(date);
  });
});

describe(startOfShanghaiDay.name, () => {
  it('should give midnight CST as an instant', () => {
    expect(startOfShanghaiDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(shanghaiDateOf(startOfShanghaiDay('2026-03-02'))).toBe('2026-03-02');
  });
});

describe(isIsoDate.name, () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['20260101', false],
    ['', false],
  ])('should judge %s as %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });
});
