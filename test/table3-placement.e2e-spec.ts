import { DataSource } from 'typeorm';
import { placeInYear, yearBounds } from '@gongkai/domain';
import type { Table3Fact } from '@gongkai/domain';
import { TABLE3_PLACEMENT_SQL, placementOf } from '@gongkai/core/reports';
import { dataSourceOptions } from '@gongkai/database';
import { useTestDatabase } from '@gongkai/testing';

/**
 * Where a request counts in Table 3 is written once as a rule (placeInYear, libs/domain) and used
 * twice in SQL: the report's cross-tab (TABLE3_PLACEMENT_SQL) and the lock trigger's `report_cell`.
 * This test runs all three on every combination of dates around a year and requires one answer.
 */
describe('Table 3 placement', () => {
  const db = useTestDatabase();
  const YEAR = 2025;
  const dates = ['2024-06-01', '2024-12-31', '2025-01-01', '2025-06-30', '2025-12-31', '2026-01-01'];
  const facts: Table3Fact[] = [];
  for (const receivedOn of dates) {
    for (const concludedOn of [null, ...dates.filter((d) => d >= receivedOn)]) {
      for (const disposition of ['disclose.full', 'not_processed.repeat', null]) {
        for (const applicantType of ['natural_person', 'commercial_enterprise']) {
          facts.push({ applicantType, receivedOn, concludedOn, disposition });
        }
      }
    }
  }
  const words = (p: ReturnType<typeof placeInYear>) => (p ? `${p.column}|${p.left}|${p.right}` : null);

  it('should place every fact alike in the domain, the report query and the lock trigger', async () => {
    const ds = new DataSource(dataSourceOptions(db().url, { poolSize: 1 }));
    await ds.initialize();
    try {
      const { first, last } = yearBounds(YEAR);
      const p = TABLE3_PLACEMENT_SQL;
      const rows = await ds.query<
        {
          i: number;
          in_year: boolean;
          column: string;
          is_new: boolean;
          concluded: boolean;
          code: string | null;
          cell: string | null;
        }[]
      >(
        `SELECT f.i, ${p.inYear} AS in_year, ${p.column} AS "column", ${p.isNew} AS is_new,
                ${p.concluded} AS concluded, ${p.code} AS code,
                report_cell(f.applicant_type, f.received_on, f.concluded_on, f.disposition, $4) AS cell
           FROM jsonb_to_recordset($1::jsonb)
             AS f(i int, applicant_type text, received_on date, concluded_on date, disposition text)
          ORDER BY f.i`,
        [
          JSON.stringify(
            facts.map((f, i) => ({
              i,
              applicant_type: f.applicantType,
              received_on: f.receivedOn,
              concluded_on: f.concludedOn,
              disposition: f.disposition,
            })),
          ),
          first,
          last,
          YEAR,
        ],
      );
      expect(rows).toHaveLength(facts.length);
      const disagreements = rows.flatMap((r) => {
        const domain = words(placeInYear(facts[r.i], YEAR));
        const query = r.in_year ? words(placementOf({ ...r, n: 1 })) : null;
        return domain === query && domain === r.cell
          ? []
          : [{ fact: facts[r.i], domain, query, trigger: r.cell }];
      });
      expect(disagreements).toEqual([]);
      // The grid reaches every kind of placement, so the agreement above means something.
      const kinds = new Set(
        facts.map((f) => words(placeInYear(f, YEAR))?.replace(/^[^|]+\|/, '') ?? 'outside'),
      );
      expect([...kinds].sort()).toEqual(
        [
          'carried_over|disclose.full',
          'carried_over|not_processed.repeat',
          'carried_over|open',
          'carried_over|unknown',
          'new|disclose.full',
          'new|not_processed.repeat',
          'new|open',
          'new|unknown',
          'outside',
        ].sort(),
      );
    } finally {
      await ds.destroy();
    }
  });
});
