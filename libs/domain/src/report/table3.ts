import { APPLICANT_TYPES, ApplicantType } from '../requests/applicant';
import { DispositionCode } from '../dispositions/codes';
import {
  TABLE3_COLUMNS,
  Table3Column,
  Table3Layout,
  Table3RowKind,
  isApplicantColumn,
} from './table3-layout';

/** The beginning and end of a report year, as ISO dates. */
export function yearBounds(year: number): { first: string; last: string } {
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}

/** What Table 3 needs of one request (or one imported ledger row). */
export interface Table3Fact {
  applicantType: string;
  receivedOn: string;
  concludedOn: string | null;
  disposition: string | null;
}

/** Where one request counts in a year's table: one left row (一 or 二) and one right (a code, or 四). */
export interface Table3Placement {
  column: string;
  left: 'new' | 'carried_over';
  /** The code it concluded with in the year (possibly unknown), or 'open' (carried forward, 四). */
  right: string;
}

/**
 * Rule P4: 一 = received in the year; 二 = received before it and not concluded before it; 三 =
 * concluded in the year (whenever received); 四 = received by 31 Dec and not concluded by then. A
 * request outside all of these answers null.
 */
export function placeInYear(fact: Table3Fact, year: number): Table3Placement | null {
  const { first, last } = yearBounds(year);
  if (fact.receivedOn > last || (fact.concludedOn !== null && fact.concludedOn < first)) {
    return null;
  }
  return {
    column: fact.applicantType,
    left: fact.receivedOn >= first ? 'new' : 'carried_over',
    right: fact.concludedOn === null || fact.concludedOn > last ? 'open' : (fact.disposition ?? 'unknown'),
  };
}

/** A cross-tab of placements: how many requests share each (column, left, right). */
export interface Table3Cell extends Table3Placement {
  n: number;
}

export type Table3Values = Record<Table3Column, number>;

export interface Table3Row {
  key: string;
  kind: Table3RowKind;
  ref: string;
  label: string;
  labels: string[];
  values: Table3Values;
}

export interface Table3Check {
  rule: 'V1' | 'C7' | 'SUM' | 'P4';
  /** What the rule says, in the words of the form. */
  description: string;
  ok: boolean;
  column?: Table3Column;
  row?: string;
  expected: number;
  actual: number;
  /** The cells that disagree, to show on the form. */
  cells: { row: string; column: Table3Column }[];
}

function zeros(): Table3Values {
  return Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0])) as Table3Values;
}

/**
 * Fills the layout from the cross-tab. Each row's total (C7) and the 三（七） row are counted on their
 * own — from every request, whatever its column or code — so the checks compare independent counts.
 */
export function buildTable3Rows(layout: Table3Layout, cells: readonly Table3Cell[]): Table3Row[] {
  const matches: Record<Table3RowKind, (c: Table3Cell, codes?: readonly DispositionCode[]) => boolean> = {
    new: (c) => c.left === 'new',
    carried_over: (c) => c.left === 'carried_over',
    result: (c, codes) => (codes as readonly string[]).includes(c.right),
    total: (c) => c.right !== 'open',
    carried_forward: (c) => c.right === 'open',
  };
  return layout.rows.map((row) => {
    const values = zeros();
    for (const cell of cells) {
      if (!matches[row.kind](cell, row.codes)) {
        continue;
      }
      values.total += cell.n;
      if (isApplicantColumn(cell.column)) {
        values[cell.column] += cell.n;
      }
    }
    return {
      key: row.key,
      kind: row.kind,
      ref: row.ref,
      label: row.labels[row.labels.length - 1],
      labels: row.labels,
      values,
    };
  });
}

/**
 * Rule P6: V1 per column (一 + 二 = 三（七） + 四), C7 = C1 + … + C6 in every row, 三（七） = the sum of its
 * leaves, and — when last year's 四 is known (its published snapshot) — 二(Y) = 四(Y−1).
 */
export function checkTable3(
  rows: readonly Table3Row[],
  lastYearCarriedForward?: Table3Values,
): Table3Check[] {
  const by = new Map(rows.map((r) => [r.kind === 'result' ? r.key : r.kind, r]));
  const newRow = by.get('new')!;
  const over = by.get('carried_over')!;
  const total = by.get('total')!;
  const forward = by.get('carried_forward')!;
  const checks: Table3Check[] = [];
  for (const column of TABLE3_COLUMNS) {
    const expected = newRow.values[column] + over.values[column];
    const actual = total.values[column] + forward.values[column];
    checks.push({
      rule: 'V1',
      description: '第一项加第二项之和，等于第三项加第四项之和',
      ok: expected === actual,
      column,
      expected,
      actual,
      cells: ['new', 'carried_over', 'total', 'carried_forward'].map((row) => ({ row, column })),
    });
  }
  for (const row of rows) {
    const sum = APPLICANT_TYPES.reduce((s, t: ApplicantType) => s + row.values[t], 0);
    checks.push({
      rule: 'C7',
      description: '总计列等于各类申请人之和',
      ok: sum === row.values.total,
      row: row.key,
      expected: sum,
      actual: row.values.total,
      cells: [{ row: row.key, column: 'total' }],
    });
  }
  const leaves = rows.filter((r) => r.kind === 'result');
  for (const column of TABLE3_COLUMNS) {
    const sum = leaves.reduce((s, r) => s + r.values[column], 0);
    checks.push({
      rule: 'SUM',
      description: '三（七）总计等于各项办理结果之和',
      ok: sum === total.values[column],
      row: 'total',
      column,
      expected: sum,
      actual: total.values[column],
      cells: [{ row: 'total', column }],
    });
  }
  if (lastYearCarriedForward) {
    for (const column of TABLE3_COLUMNS) {
      checks.push({
        rule: 'P4',
        description: '上年结转数等于上年度报告的结转下年度继续办理数',
        ok: over.values[column] === lastYearCarriedForward[column],
        row: 'carried_over',
        column,
        expected: lastYearCarriedForward[column],
        actual: over.values[column],
        cells: [{ row: 'carried_over', column }],
      });
    }
  }
  return checks;
}

/** Which placements a cell of the table counts (drill-down, P7). */
export function cellMatches(
  layout: Table3Layout,
  rowKey: string,
  column: Table3Column,
): { left?: 'new' | 'carried_over'; right?: string[] | 'concluded' | 'open'; column?: ApplicantType } | null {
  const row = layout.rows.find((r) => r.key === rowKey);
  if (!row) {
    return null;
  }
  const filter: ReturnType<typeof cellMatches> = column === 'total' ? {} : { column };
  switch (row.kind) {
    case 'new':
    case 'carried_over':
      return { ...filter, left: row.kind };
    case 'result':
      return { ...filter, right: [...row.codes!] };
    case 'total':
      return { ...filter, right: 'concluded' };
    case 'carried_forward':
      return { ...filter, right: 'open' };
  }
}
