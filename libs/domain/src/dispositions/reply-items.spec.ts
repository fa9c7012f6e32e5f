import { DomainError } from '../errors/domain-error';
import { DraftItemInput, ReplyItemFacts, checkDraftItems } from './reply-items';

const facts: ReplyItemFacts = { positions: [1, 2], correctionReceived: false, art35Refused: false };
const item = (position: number, o: Partial<DraftItemInput> = {}): DraftItemInput => ({
  position,
  outcome: 'disclose.full',
  ...o,
});
const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return ((e as DomainError).details as { field: string }[])[0].field;
  }
  return undefined;
};

describe(checkDraftItems.name, () => {
  it.each<[string, DraftItemInput[], Partial<ReplyItemFacts>, string]>([
    ['an item of the request without an outcome (Art. 36)', [item(1)], {}, 'items'],
    ['an outcome for an item the request does not have', [item(1), item(3)], {}, 'items'],
    [
      'a refusal without reasons',
      [item(1), item(2, { outcome: 'withhold.process_info', reasons: '  ' })],
      {},
      'items[1].reasons',
    ],
    [
      '"not this agency\'s" without naming the responsible agency (Art. 36(5))',
      [item(1), item(2, { outcome: 'unavailable.not_held', reasons: '不属于本机关', notResponsible: true })],
      {},
      'items[1].responsibleAgency',
    ],
    [
      '"still unclear after correction" with no correction received (Art. 30)',
      [item(1, { outcome: 'unavailable.unclear_after_correction', reasons: '仍不明确' }), item(2)],
      {},
      'items[0].outcome',
    ],
    [
      '"excessive" before the Art. 35 decision',
      [item(1), item(2, { outcome: 'not_processed.excessive', reasons: '大量反复' })],
      {},
      'items[1].outcome',
    ],
    [
      'a repeat request that does not name the earlier one (Art. 36(6))',
      [item(1), item(2, { outcome: 'not_processed.repeat', reasons: '重复申请' })],
      {},
      'items[1].earlierRequest',
    ],
    [
      "a repeat naming a request that is not the applicant's concluded one",
      [
        item(1),
        item(2, { outcome: 'not_processed.repeat', reasons: '重复申请', earlierRequest: 'X〔2025〕9号' }),
      ],
      { concludedEarlier: new Set(['X〔2025〕1号']) },
      'items[1].earlierRequest',
    ],
  ])('should refuse %s', (_, input, extra, field) => {
    expect(fieldOf(() => checkDraftItems(input, { ...facts, ...extra }))).toBe(field);
  });

  it('should accept each outcome once its earlier step happened, and default the legal basis', () => {
    const items = checkDraftItems(
      [
        item(2, { outcome: 'not_processed.excessive', reasons: ' 大量反复申请 ' }),
        item(1, { outcome: 'unavailable.unclear_after_correction', reasons: '补正后仍不明确' }),
      ],
      { ...facts, correctionReceived: true, art35Refused: true },
    );
    expect(items.map((i) => [i.position, i.reasons])).toEqual([
      [2, '大量反复申请'],
      [1, '补正后仍不明确'],
    ]);
    expect(items.every((i) => i.legalBasis.length > 0)).toBe(true);
    expect(items[1].notResponsible).toBe(false);
  });

  it('should keep "not this agency\'s" with the named agency', () => {
    const [, second] = checkDraftItems(
      [
        item(1),
        item(2, {
          outcome: 'unavailable.not_held',
          reasons: '职责',
          notResponsible: true,
          responsibleAgency: ' 示范区教育局 ',
        }),
      ],
      facts,
    );
    expect(second).toMatchObject({
      notResponsible: true,
      responsibleAgency: '示范区教育局',
      provision: null,
    });
  });
});

describe('a repeat request (Art. 36(6))', () => {
  it('should keep the earlier request it names when that one is concluded', () => {
    const [, second] = checkDraftItems(
      [
        item(1),
        item(2, { outcome: 'not_processed.repeat', reasons: '重复申请', earlierRequest: ' X〔2025〕1号 ' }),
      ],
      { ...facts, concludedEarlier: new Set(['X〔2025〕1号']) },
    );
    expect(second.earlierRequest).toBe('X〔2025〕1号');
  });
});
