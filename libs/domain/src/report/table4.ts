import { yearBounds } from './table3';

/** The three blocks of Table 4 (docs/domain-rules.md). */
export const REMEDY_KINDS = [
  'reconsideration',
  'litigation_direct',
  'litigation_after_reconsideration',
] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

export const REMEDY_KIND_LABELS: Record<RemedyKind, string> = {
  reconsideration: '行政复议',
  litigation_direct: '行政诉讼·未经复议直接起诉',
  litigation_after_reconsideration: '行政诉讼·复议后起诉',
};

export const REMEDY_RESULTS = ['upheld', 'corrected', 'other'] as const;
export type RemedyResult = (typeof REMEDY_RESULTS)[number];

export const TABLE4_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type Table4Column = (typeof TABLE4_COLUMNS)[number];

export const TABLE4_COLUMN_LABELS: Record<Table4Column, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

export interface RemedyCaseFact {
  kind: RemedyKind;
  filedOn: string;
  result: RemedyResult | null;
  concludedOn: string | null;
}

export type Table4 = Record<RemedyKind, Record<Table4Column, number>>;

/**
 * Policy (docs/domain-rules.md): a case counts in the year it was filed, with its result as of
 * 31 December of that year; one not concluded by then is 尚未审结.
 */
export function table4Column(fact: RemedyCaseFact, year: number): Exclude<Table4Column, 'total'> | null {
  const { first, last } = yearBounds(year);
  if (fact.filedOn < first || fact.filedOn > last) {
    return null;
  }
  return fact.result && fact.concludedOn && fact.concludedOn <= last ? fact.result : 'pending';
}

export function buildTable4(cases: readonly RemedyCaseFact[], year: number): Table4 {
  const table = Object.fromEntries(
    REMEDY_KINDS.map((k) => [k, Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, 0]))]),
  ) as Table4;
  for (const c of cases) {
    const column = table4Column(c, year);
    if (column) {
      table[c.kind][column]++;
      table[c.kind].total++;
    }
  }
  return table;
}
