import { RetentionFacts, retentionEndsOn, retentionExpired } from './retention';

describe('retention of a request’s personal data (PIPL Art. 19, 47; counted from the year after the file)', () => {
  const cases: [string, RetentionFacts, string | null][] = [
    [
      '10 年, sealed mid-year',
      { retentionClass: '10y', sealedOn: '2026-06-30', concludedOn: '2026-06-01' },
      '2037-01-01',
    ],
    [
      '10 年, sealed on 1 January',
      { retentionClass: '10y', sealedOn: '2026-01-01', concludedOn: '2025-12-20' },
      '2037-01-01',
    ],
    [
      '10 年, sealed on 31 December',
      { retentionClass: '10y', sealedOn: '2026-12-31', concludedOn: '2026-12-30' },
      '2037-01-01',
    ],
    ['30 年', { retentionClass: '30y', sealedOn: '2026-03-02', concludedOn: '2026-02-27' }, '2057-01-01'],
    [
      'sealed the year after it concluded: the seal counts',
      { retentionClass: '10y', sealedOn: '2027-01-05', concludedOn: '2026-12-28' },
      '2038-01-01',
    ],
    [
      'concluded, never sealed: the conclusion counts',
      { retentionClass: '10y', sealedOn: null, concludedOn: '2026-05-06' },
      '2037-01-01',
    ],
    ['永久: never', { retentionClass: 'permanent', sealedOn: '2026-05-06', concludedOn: '2026-05-06' }, null],
    ['still open: never', { retentionClass: '10y', sealedOn: null, concludedOn: null }, null],
  ];
  it.each(cases)('%s', (_name, facts, expected) => {
    expect(retentionEndsOn(facts)).toBe(expected);
  });

  it('is due on the first day of the year after the period, not the day before', () => {
    const facts: RetentionFacts = {
      retentionClass: '10y',
      sealedOn: '2026-06-30',
      concludedOn: '2026-06-01',
    };
    expect(retentionExpired(facts, '2036-12-31')).toBe(false);
    expect(retentionExpired(facts, '2037-01-01')).toBe(true);
  });

  it('takes a deployment’s own periods', () => {
    const facts: RetentionFacts = { retentionClass: '10y', sealedOn: '2026-06-30', concludedOn: null };
    expect(retentionEndsOn(facts, { '10y': 15, '30y': 30 })).toBe('2042-01-01');
    expect(retentionEndsOn({ ...facts, retentionClass: '30y' }, { '10y': 10, '30y': 50 })).toBe('2077-01-01');
  });
});
