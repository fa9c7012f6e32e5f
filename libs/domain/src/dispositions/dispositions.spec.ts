import { DISPOSITION_CODES, REPLY_CODES, ReplyCode, isRefusal } from './codes';
import { deriveDisposition } from './derive';
import { remediesFor } from './remedies';
import { reviewReasons } from './review';

const DEFAULT_RULES = {
  codes: ['disclose.partial', 'withhold.*', 'unavailable.needs_creation', 'not_processed.*'],
  thirdPartyObjection: true,
  sensitive: true,
  priorRemedy: true,
};

describe('deriveDisposition', () => {
  // docs/domain-rules.md P3 and V2.
  it.each<[string, ReplyCode[], ReplyCode]>([
    ['one item disclosed', ['disclose.full'], 'disclose.full'],
    ['all items alike', ['withhold.process_info', 'withhold.process_info'], 'withhold.process_info'],
    ['some provided, some withheld (V2)', ['disclose.full', 'withhold.state_secret'], 'disclose.partial'],
    ['some provided, some not held', ['unavailable.not_held', 'disclose.full'], 'disclose.partial'],
    ['an item itself partial', ['disclose.partial', 'disclose.full'], 'disclose.partial'],
    [
      'nothing provided: withhold before unavailable',
      ['unavailable.not_held', 'withhold.process_info'],
      'withhold.process_info',
    ],
    [
      'nothing provided: unavailable before not processed',
      ['not_processed.repeat', 'unavailable.needs_creation'],
      'unavailable.needs_creation',
    ],
    [
      'mixed within withhold: first in table order',
      ['withhold.enforcement_file', 'withhold.third_party_rights'],
      'withhold.third_party_rights',
    ],
  ])('should derive %s', (_name, outcomes, code) => {
    expect(deriveDisposition(outcomes)).toBe(code);
  });

  it('should follow a configured order', () => {
    expect(
      deriveDisposition(
        ['withhold.state_secret', 'unavailable.not_held'],
        ['unavailable', 'withhold', 'not_processed'],
      ),
    ).toBe('unavailable.not_held');
  });

  it('should refuse a reply with no items', () => {
    expect(() => deriveDisposition([])).toThrow(expect.objectContaining({ code: 'REPLY.NO_ITEMS' }));
  });

  it('should know the 21 leaf codes of Table 3, 18 of them reply codes', () => {
    expect(DISPOSITION_CODES).toHaveLength(21);
    expect(REPLY_CODES).toHaveLength(18);
  });
});

describe('reviewReasons from the facts, not the drafter', () => {
  // A drafter cannot route a refusal around legal review (docs/domain-rules.md "Legal review rules").
  it.each<[string, Parameters<typeof reviewReasons>[0], string[]]>([
    [
      'a withheld item under an overriding "not held" code',
      {
        code: 'unavailable.not_held',
        derived: 'withhold.process_info',
        itemOutcomes: ['withhold.process_info'],
        thirdPartyObjection: false,
        sensitive: false,
        priorRemedy: false,
      },
      ['code', 'override'],
    ],
    [
      'an override between two unreviewed codes is still reviewed',
      {
        code: 'unavailable.not_held',
        derived: 'disclose.full',
        itemOutcomes: ['disclose.full'],
        thirdPartyObjection: false,
        sensitive: false,
        priorRemedy: false,
      },
      ['override'],
    ],
    [
      'one refused item among disclosed ones',
      {
        code: 'disclose.partial',
        derived: 'disclose.partial',
        itemOutcomes: ['disclose.full', 'not_processed.repeat'],
        thirdPartyObjection: false,
        sensitive: false,
        priorRemedy: false,
      },
      ['code'],
    ],
    [
      'all disclosed as derived',
      {
        code: 'disclose.full',
        derived: 'disclose.full',
        itemOutcomes: ['disclose.full', 'disclose.full'],
        thirdPartyObjection: false,
        sensitive: false,
        priorRemedy: false,
      },
      [],
    ],
  ])('%s', (_, facts, reasons) => {
    expect(reviewReasons(facts, DEFAULT_RULES)).toEqual(reasons);
  });
});

describe('reviewReasons', () => {
  it.each<[string, Parameters<typeof reviewReasons>[0], string[]]>([
    [
      'full disclosure',
      { code: 'disclose.full', thirdPartyObjection: false, sensitive: false, priorRemedy: false },
      [],
    ],
    [
      'partial disclosure',
      { code: 'disclose.partial', thirdPartyObjection: false, sensitive: false, priorRemedy: false },
      ['code'],
    ],
    [
      'any withholding',
      {
        code: 'withhold.administrative_query',
        thirdPartyObjection: false,
        sensitive: false,
        priorRemedy: false,
      },
      ['code'],
    ],
    [
      'not held',
      { code: 'unavailable.not_held', thirdPartyObjection: false, sensitive: false, priorRemedy: false },
      [],
    ],
    [
      'needs creation',
      {
        code: 'unavailable.needs_creation',
        thirdPartyObjection: false,
        sensitive: false,
        priorRemedy: false,
      },
      ['code'],
    ],
    [
      'not processed',
      { code: 'not_processed.repeat', thirdPartyObjection: false, sensitive: false, priorRemedy: false },
      ['code'],
    ],
    [
      'third-party objection',
      { code: 'disclose.full', thirdPartyObjection: true, sensitive: false, priorRemedy: false },
      ['third_party_objection'],
    ],
    [
      'flagged sensitive',
      { code: 'disclose.full', thirdPartyObjection: false, sensitive: true, priorRemedy: false },
      ['sensitive'],
    ],
    [
      'prior remedy',
      { code: 'disclose.full', thirdPartyObjection: false, sensitive: false, priorRemedy: true },
      ['prior_remedy'],
    ],
  ])('should decide review for %s', (_name, facts, reasons) => {
    expect(reviewReasons(facts, DEFAULT_RULES)).toEqual(reasons);
  });

  it('should follow an agency that reviews nothing', () => {
    const none = { codes: [], thirdPartyObjection: false, sensitive: false, priorRemedy: false };
    expect(
      reviewReasons(
        { code: 'withhold.state_secret', thirdPartyObjection: true, sensitive: true, priorRemedy: true },
        none,
      ),
    ).toEqual([]);
  });
});

describe('remediesFor', () => {
  // docs/domain-rules.md "Remedies": since 2024-01-01 a refusal goes to reconsideration first (Reconsideration Law Art. 23).
  it.each<[ReplyCode, string, boolean]>([
    ['withhold.state_secret', '2024-01-01', true],
    ['withhold.process_info', '2023-12-31', false],
    ['disclose.partial', '2026-03-02', true],
    ['disclose.full', '2026-03-02', false],
    ['unavailable.not_held', '2026-03-02', false],
    ['not_processed.repeat', '2026-03-02', false],
  ])('should for %s issued %s require reconsideration first: %p', (code, on, first) => {
    const r = remediesFor(code, on);
    expect(r.reconsiderationFirst).toBe(first);
    expect(r.litigationMonths).toBe(first ? null : 6);
    expect(r.reconsiderationDays).toBe(60);
  });

  it('should treat every withhold code and partial disclosure as a refusal', () => {
    expect(DISPOSITION_CODES.filter(isRefusal)).toEqual([
      'disclose.partial',
      ...DISPOSITION_CODES.filter((c) => c.startsWith('withhold.')),
    ]);
  });
});
