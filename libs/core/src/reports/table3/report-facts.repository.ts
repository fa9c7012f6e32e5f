import type { EntityManager } from 'typeorm';
import { RemedyCaseFact, Table3Cell, yearBounds } from '@gongkai/domain';
import type { CellRequest, ReportCoverage } from './report-types';

/**
 * Where a fact (a request or an imported ledger row, view `report_fact`) counts in year `$2..$3`:
 * its column, whether it is new (一) or carried over (二), and whether and how it concluded. This is
 * placeInYear of libs/domain written as SQL; test/table3-placement.e2e-spec.ts proves that the two,
 * and the database function `report_cell` of the lock trigger, agree on every case.
 */
export const TABLE3_PLACEMENT_SQL = {
  inYear: 'f.received_on <= $3 AND (f.concluded_on IS NULL OR f.concluded_on >= $2)',
  column: 'f.applicant_type',
  isNew: 'f.received_on >= $2',
  concluded: 'f.concluded_on <= $3',
  code: 'CASE WHEN f.concluded_on <= $3 THEN f.disposition END',
} as const;

type PlacementGroup = { column: string; is_new: boolean; concluded: boolean; code: string | null; n: number };

/** Names a grouped row the way placeInYear does. */
export function placementOf(g: PlacementGroup): Table3Cell {
  return {
    column: g.column,
    left: g.is_new ? 'new' : 'carried_over',
    right: g.concluded ? (g.code ?? 'unknown') : 'open',
    n: g.n,
  };
}

const FACT_COLUMNS = `f.id, f.number, a.name AS "agencyName", f.applicant_type AS "applicantType",
       f.received_on::text AS "receivedOn", f.concluded_on::text AS "concludedOn", f.disposition, f.imported`;

/** The SQL of the annual report: every read of `report_fact` and `remedy_case`. */
export class ReportFactsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The (column, 一/二, code/四) cross-tab of the year: one pass over the year's facts, grouped on
   * the raw columns (cheapest for PostgreSQL) and named afterwards.
   */
  async crossTab(cov: ReportCoverage, year: number): Promise<Table3Cell[]> {
    const { first, last } = yearBounds(year);
    const p = TABLE3_PLACEMENT_SQL;
    const groups = await this.em.query<PlacementGroup[]>(
      `SELECT ${p.column} AS "column", ${p.isNew} AS is_new, ${p.concluded} AS concluded, ${p.code} AS code,
              count(*)::int AS n
         FROM report_fact f JOIN agency a ON a.id = f.agency_id
        WHERE ${cov.sql} AND ${p.inYear}
        GROUP BY 1, 2, 3, 4`,
      [cov.param, first, last],
    );
    return groups.map(placementOf);
  }

  /** The year's facts that also meet `where` (conditions on `f`, parameters from $4), one page. */
  async list(
    cov: ReportCoverage,
    year: number,
    where: string[],
    params: unknown[],
    page: number,
    pageSize: number,
  ): Promise<{ total: number; requests: CellRequest[] }> {
    const { first, last } = yearBounds(year);
    const from = `FROM report_fact f JOIN agency a ON a.id = f.agency_id
        WHERE ${cov.sql} AND ${TABLE3_PLACEMENT_SQL.inYear}
        ${where.map((w) => `AND ${w}`).join(' ')}`;
    const args = [cov.param, first, last, ...params];
    const [{ total }] = await this.em.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${from}`,
      args,
    );
    const requests = await this.em.query<CellRequest[]>(
      `SELECT ${FACT_COLUMNS} ${from}
        ORDER BY f.received_on, f.number
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      args,
    );
    return { total, requests };
  }

  /** Facts by id (those published last year as carried forward), optionally of one column. */
  byIds(ids: string[], column: string | null): Promise<CellRequest[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return this.em.query<CellRequest[]>(
      `SELECT ${FACT_COLUMNS} FROM report_fact f JOIN agency a ON a.id = f.agency_id WHERE f.id = ANY($1)
        ${column ? 'AND f.applicant_type = $2' : ''}`,
      column ? [ids, column] : [ids],
    );
  }

  /** The ids counted in 四 (carried forward), stored with a publication for next year's check. */
  async carriedForwardIds(cov: ReportCoverage, year: number): Promise<string[]> {
    const { last } = yearBounds(year);
    const rows = await this.em.query<{ id: string }[]>(
      `SELECT f.id FROM report_fact f JOIN agency a ON a.id = f.agency_id
        WHERE ${cov.sql} AND f.received_on <= $2 AND (f.concluded_on IS NULL OR f.concluded_on > $2)`,
      [cov.param, last],
    );
    return rows.map((r) => r.id);
  }

  /** The reconsideration and litigation cases against the covered agencies, filed in the year. */
  remedyCases(cov: ReportCoverage, year: number): Promise<RemedyCaseFact[]> {
    const { first, last } = yearBounds(year);
    return this.em.query<RemedyCaseFact[]>(
      `SELECT c.kind, c.filed_on::text AS "filedOn", c.result, c.concluded_on::text AS "concludedOn"
         FROM remedy_case c JOIN agency a ON a.id = c.agency_id
        WHERE ${cov.sql} AND c.filed_on BETWEEN $2 AND $3`,
      [cov.param, first, last],
    );
  }

  /** Table 4's cases one by one, with the request each challenges (for the report page). */
  remedyCaseList(
    cov: ReportCoverage,
    year: number,
  ): Promise<
    {
      kind: string;
      filedOn: string;
      body: string;
      result: string | null;
      concludedOn: string | null;
      requestId: string;
      number: string;
    }[]
  > {
    const { first, last } = yearBounds(year);
    return this.em.query(
      `SELECT c.kind, c.filed_on::text AS "filedOn", c.body, c.result, c.concluded_on::text AS "concludedOn",
              r.id AS "requestId", r.number
         FROM remedy_case c JOIN agency a ON a.id = c.agency_id JOIN request r ON r.id = c.request_id
        WHERE ${cov.sql} AND c.filed_on BETWEEN $2 AND $3
        ORDER BY c.filed_on, r.number`,
      [cov.param, first, last],
    );
  }

  /** How many requests were received in a year (for the narrative's change on last year). */
  async receivedIn(cov: ReportCoverage, year: number): Promise<number> {
    const { first, last } = yearBounds(year);
    const [{ n }] = await this.em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM report_fact f JOIN agency a ON a.id = f.agency_id
        WHERE ${cov.sql} AND f.received_on BETWEEN $2 AND $3`,
      [cov.param, first, last],
    );
    return n;
  }

  /** The year's three most frequent topics. */
  topTopics(cov: ReportCoverage, year: number): Promise<{ topic: string; n: number }[]> {
    const { first, last } = yearBounds(year);
    return this.em.query<{ topic: string; n: number }[]>(
      `SELECT f.topic, count(*)::int AS n FROM report_fact f JOIN agency a ON a.id = f.agency_id
        WHERE ${cov.sql} AND f.received_on BETWEEN $2 AND $3 AND f.topic IS NOT NULL
        GROUP BY f.topic ORDER BY n DESC, f.topic LIMIT 3`,
      [cov.param, first, last],
    );
  }

  /** Received and concluded in each month of the year (January first). */
  async byMonth(cov: ReportCoverage, year: number): Promise<{ received: number[]; concluded: number[] }> {
    const { first, last } = yearBounds(year);
    const rows = await this.em.query<{ m: number; received: number; concluded: number }[]>(
      `SELECT m, sum(received)::int AS received, sum(concluded)::int AS concluded FROM (
         SELECT extract(month FROM f.received_on)::int AS m, 1 AS received, 0 AS concluded
           FROM report_fact f JOIN agency a ON a.id = f.agency_id
          WHERE ${cov.sql} AND f.received_on BETWEEN $2 AND $3
         UNION ALL
         SELECT extract(month FROM f.concluded_on)::int, 0, 1
           FROM report_fact f JOIN agency a ON a.id = f.agency_id
          WHERE ${cov.sql} AND f.concluded_on BETWEEN $2 AND $3) x
        GROUP BY m`,
      [cov.param, first, last],
    );
    const received = Array<number>(12).fill(0);
    const concluded = Array<number>(12).fill(0);
    for (const r of rows) {
      received[r.m - 1] = r.received;
      concluded[r.m - 1] = r.concluded;
    }
    return { received, concluded };
  }

  /** How many of the year's requests (received in it) are in a group turned into proactive disclosure. */
  async ledToDisclosure(cov: ReportCoverage, year: number): Promise<number> {
    const { first, last } = yearBounds(year);
    const [{ n }] = await this.em.query<{ n: number }[]>(
      `SELECT count(DISTINCT r.id)::int AS n
         FROM proactive_disclosure d CROSS JOIN LATERAL unnest(d.request_ids) AS x(id)
         JOIN request r ON r.id = x.id JOIN agency a ON a.id = r.agency_id
        WHERE ${cov.sql} AND r.received_on BETWEEN $2 AND $3`,
      [cov.param, first, last],
    );
    return n;
  }
}
