import { DISPOSITION_CODES } from '../dispositions/codes';
import {
  TABLE3_2019,
  TABLE3_2021,
  Table3Cell,
  Table3Fact,
  buildTable3Rows,
  buildTable4,
  checkTable3,
  codesOf,
  placeInYear,
  table3FormatFor,
  table3Narrative,
  table4Column,
} from './index';

/** docs/domain-rules.md "Worked example": one department, report year 2025. */
const WORKED: Record<string, Table3Fact> = {
  A: {
    applicantType: 'natural_person',
    receivedOn: '2024-12-20',
    concludedOn: '2025-01-15',
    disposition: 'disclose.full',
  },
  B: {
    applicantType: 'commercial_enterprise',
    receivedOn: '2025-03-03',
    concludedOn: '2025-03-20',
    disposition: 'disclose.partial',
  },
  C: {
    applicantType: 'natural_person',
    receivedOn: '2025-05-06',
    concludedOn: '2025-06-10',
    disposition: 'other.no_correction',
  },
  D: {
    applicantType: 'legal_service_org',
    receivedOn: '2025-07-01',
    concludedOn: '2025-07-25',
    disposition: 'unavailable.not_held',
  },
  E: {
    applicantType: 'natural_person',
    receivedOn: '2025-08-01',
    concludedOn: '2025-08-05',
    disposition: 'other.other',
  },
  F: { applicantType: 'natural_person', receivedOn: '2025-12-22', concludedOn: null, disposition: null },
};

function crossTab(facts: Table3Fact[], year: number): Table3Cell[] {
  const cells = new Map<string, Table3Cell>();
  for (const f of facts) {
    const p = placeInYear(f, year);
    if (p) {
      const key = `${p.column}|${p.left}|${p.right}`;
      const cell = cells.get(key) ?? { ...p, n: 0 };
      cell.n++;
      cells.set(key, cell);
    }
  }
  return [...cells.values()];
}

describe('Table 3 layouts', () => {
  it.each([TABLE3_2021, TABLE3_2019])('the $format layout sums every code in exactly one row', (layout) => {
    expect([...codesOf(layout)].sort()).toEqual([...DISPOSITION_CODES].sort());
    expect(new Set(layout.rows.map((r) => r.key)).size).toBe(layout.rows.length);
  });

  it('has 21 result rows in 2021 and 19 in the 2019 trial format (其他处理 one row)', () => {
    expect(TABLE3_2021.rows.filter((r) => r.kind === 'result')).toHaveLength(21);
    expect(TABLE3_2019.rows.filter((r) => r.kind === 'result')).toHaveLength(19);
    expect(TABLE3_2021.rows.map((r) => r.ref)).toEqual(
      expect.arrayContaining([
        '一',
        '二',
        '三（一）',
        '三（二）',
        '三（三）1',
        '三（三）8',
        '三（四）3',
        '三（五）5',
        '三（六）3',
        '三（七）',
        '四',
      ]),
    );
    expect(TABLE3_2019.rows.find((r) => r.key === 'other')!.ref).toBe('三（六）');
  });

  it.each([
    [2019, '2019'],
    [2020, '2019'],
    [2021, '2021'],
    [2025, '2021'],
  ])('report year %i uses the %s format', (year, format) => {
    expect(table3FormatFor(year)).toBe(format);
  });
});

describe('placing a request in a year (P4)', () => {
  it.each([
    // received, concluded, year, left, right
    ['2025-03-03', '2025-03-20', 2025, 'new', 'disclose.full'],
    ['2024-12-20', '2025-01-15', 2025, 'carried_over', 'disclose.full'],
    ['2024-12-20', '2025-01-15', 2024, 'new', 'open'],
    ['2025-12-22', null, 2025, 'new', 'open'],
    ['2025-12-22', null, 2026, 'carried_over', 'open'],
    ['2023-06-01', '2026-01-05', 2025, 'carried_over', 'open'],
    ['2025-12-31', '2025-12-31', 2025, 'new', 'disclose.full'],
    ['2025-01-01', '2026-01-01', 2025, 'new', 'open'],
  ])('received %s, concluded %s: in %i it is %s and %s', (receivedOn, concludedOn, year, left, right) => {
    expect(
      placeInYear(
        { applicantType: 'natural_person', receivedOn, concludedOn, disposition: 'disclose.full' },
        year,
      ),
    ).toEqual({ column: 'natural_person', left, right });
  });

  it.each([
    ['2026-01-01', null, 2025],
    ['2024-05-01', '2024-12-31', 2025],
  ])('received %s, concluded %s: not in %i', (receivedOn, concludedOn, year) => {
    expect(
      placeInYear({ applicantType: 'natural_person', receivedOn, concludedOn, disposition: 'x' }, year),
    ).toBeNull();
  });
});

describe('the worked example of docs/domain-rules.md', () => {
  const rows = buildTable3Rows(TABLE3_2021, crossTab(Object.values(WORKED), 2025));
  const at = (key: string) => {
    const v = rows.find((r) => r.key === key)!.values;
    return [v.natural_person, v.commercial_enterprise, v.legal_service_org, v.total];
  };

  it.each([
    ['new', [3, 1, 1, 5]],
    ['carried_over', [1, 0, 0, 1]],
    ['disclose.full', [1, 0, 0, 1]],
    ['disclose.partial', [0, 1, 0, 1]],
    ['unavailable.not_held', [0, 0, 1, 1]],
    ['other.no_correction', [1, 0, 0, 1]],
    ['other.other', [1, 0, 0, 1]],
    ['withhold.state_secret', [0, 0, 0, 0]],
    ['total', [3, 1, 1, 5]],
    ['carried_forward', [1, 0, 0, 1]],
  ])('%s = C1/C2/C5/C7 %j', (key, expected) => {
    expect(at(key)).toEqual(expected);
  });

  it('passes every check (C1: 3 + 1 = 3 + 1)', () => {
    const checks = checkTable3(rows, {
      ...rows[0].values,
      natural_person: 1,
      commercial_enterprise: 0,
      research_institution: 0,
      public_welfare_org: 0,
      legal_service_org: 0,
      other_org: 0,
      total: 1,
    });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.find((c) => c.rule === 'V1' && c.column === 'natural_person')).toMatchObject({
      expected: 4,
      actual: 4,
    });
  });

  it('sums the three other.* codes into one row in the 2019 format', () => {
    const trial = buildTable3Rows(TABLE3_2019, crossTab(Object.values(WORKED), 2025));
    expect(trial.find((r) => r.key === 'other')!.values.total).toBe(2);
  });

  it('writes the narrative paragraph with the change on last year and each share', () => {
    const text = table3Narrative({
      subject: '示范区教育局',
      year: 2025,
      rows,
      lastYearNew: 4,
      topics: [{ topic: '城乡建设', n: 2 }],
    });
    expect(text).toBe(
      '2025年，示范区教育局共收到政府信息公开申请5件，较上年增加1件（增长25.0%），上年结转1件。' +
        '其中自然人申请3件，商业企业申请1件，法律服务机构申请1件。申请内容主要涉及城乡建设（2件）等方面。' +
        '本年度办结5件，其中予以公开1件，占20.0%；部分公开1件，占20.0%；无法提供（本机关不掌握相关政府信息）1件，占20.0%；' +
        '其他处理（申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请）1件，占20.0%；其他处理（其他）1件，占20.0%；结转下年度继续办理1件。',
    );
  });
});

describe('the checks find what does not add up (P6)', () => {
  it('flags a conclusion without a code in the layout: 三（七） is not the sum of its leaves', () => {
    const cells: Table3Cell[] = [
      { column: 'natural_person', left: 'new', right: 'disclose.full', n: 2 },
      { column: 'natural_person', left: 'new', right: 'unknown', n: 1 },
    ];
    const failed = checkTable3(buildTable3Rows(TABLE3_2021, cells)).filter((c) => !c.ok);
    expect(failed).toEqual([
      expect.objectContaining({ rule: 'SUM', column: 'natural_person', expected: 2, actual: 3 }),
      expect.objectContaining({ rule: 'SUM', column: 'total', expected: 2, actual: 3 }),
    ]);
  });

  it('flags an applicant type outside the columns: C7 is not the sum of C1–C6', () => {
    const cells: Table3Cell[] = [{ column: 'unknown_type', left: 'new', right: 'open', n: 1 }];
    const failed = checkTable3(buildTable3Rows(TABLE3_2021, cells)).filter((c) => !c.ok);
    expect(failed.map((c) => [c.rule, c.row])).toEqual([
      ['C7', 'new'],
      ['C7', 'carried_forward'],
    ]);
  });

  it('flags 二(Y) that differs from the published 四(Y−1)', () => {
    const rows = buildTable3Rows(TABLE3_2021, [
      { column: 'natural_person', left: 'carried_over', right: 'open', n: 2 },
    ]);
    const published = { ...rows[0].values, natural_person: 3, total: 3 };
    const failed = checkTable3(rows, published).filter((c) => !c.ok);
    expect(failed.map((c) => [c.rule, c.column, c.expected, c.actual])).toEqual([
      ['P4', 'natural_person', 3, 2],
      ['P4', 'total', 3, 2],
    ]);
  });
});

describe('Table 4', () => {
  it.each([
    [{ filedOn: '2025-03-01', result: 'upheld', concludedOn: '2025-06-01' }, 'upheld'],
    [{ filedOn: '2025-03-01', result: 'corrected', concludedOn: '2025-12-31' }, 'corrected'],
    [{ filedOn: '2025-11-01', result: 'upheld', concludedOn: '2026-02-01' }, 'pending'],
    [{ filedOn: '2025-11-01', result: null, concludedOn: null }, 'pending'],
    [{ filedOn: '2024-11-01', result: 'upheld', concludedOn: '2025-02-01' }, null],
  ] as const)('a case %j counts in 2025 as %s', (c, column) => {
    expect(table4Column({ kind: 'reconsideration', ...c }, 2025)).toBe(column);
  });

  it('totals each block', () => {
    const t = buildTable4(
      [
        { kind: 'reconsideration', filedOn: '2025-01-02', result: 'upheld', concludedOn: '2025-03-01' },
        { kind: 'reconsideration', filedOn: '2025-02-02', result: null, concludedOn: null },
        { kind: 'litigation_direct', filedOn: '2025-02-02', result: 'other', concludedOn: '2025-09-01' },
      ],
      2025,
    );
    expect(t.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    expect(t.litigation_direct.total).toBe(1);
    expect(t.litigation_after_reconsideration.total).toBe(0);
  });
});
