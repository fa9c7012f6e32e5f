import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AdjustableClock, ReadDatabase } from '@gongkai/core/platform';
import { AnalysisService, ReportService } from '@gongkai/core/reports';
import { dataSourceOptions, ensureDatabase, runMigrations, startEmbeddedPostgres } from '@gongkai/database';
import { Benchmark, percentile } from './harness';

const REQUESTS = Number(process.env.BENCH_REPORT_ROWS ?? 1_000_000);
const RUNS = 9;

async function median(fn: () => Promise<unknown>): Promise<{ medianMs: number; p90Ms: number }> {
  await fn(); // warm-up: plans and caches
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: Number(percentile(times, 50).toFixed(1)),
    p90Ms: Number(percentile(times, 90).toFixed(1)),
  };
}

/**
 * A five-level tree of 3,000 agencies (1 + 10 + 100 + 1,000 + 1,889) and `requests` requests over
 * 2023–2025, most concluded 0–60 days later with a random code; answers how many agencies.
 */
export async function generateReportData(ds: DataSource, requests: number): Promise<number> {
  // Agencies: level k has 10^(k-1) nodes up to level 4, then 1,889 leaves; each node's parent is n/10.
  await ds.query(`
    CREATE TEMP TABLE bench_agency AS
    SELECT g AS n, CASE WHEN g = 0 THEN 1 WHEN g <= 10 THEN 2 WHEN g <= 110 THEN 3 WHEN g <= 1110 THEN 4 ELSE 5 END AS level,
           gen_random_uuid() AS id
      FROM generate_series(0, 2999) g`);
  await ds.query(`
    INSERT INTO agency (id, parent_id, path, code, kind, name, short_name, letter_header, seal_text, address,
                        postal_code, phone, email, reconsideration_body, court, number_pattern, legal_review,
                        retention_class, calendar_region, accepts_applications, active, created_at, updated_at)
    WITH RECURSIVE t AS (
      SELECT b.n, b.id, NULL::uuid AS parent_id, '/' || b.id || '/' AS path FROM bench_agency b WHERE b.n = 0
      UNION ALL
      SELECT c.n, c.id, t.id, t.path || c.id || '/'
        FROM bench_agency c JOIN t ON t.n = CASE
          WHEN c.n <= 10 THEN 0 WHEN c.n <= 110 THEN (c.n - 11) / 10 + 1 WHEN c.n <= 1110 THEN (c.n - 111) / 10 + 11
          ELSE (c.n - 1111) % 1000 + 111 END
       WHERE c.n > 0
    )
    SELECT id, parent_id, path, 'b' || n, CASE WHEN n = 0 THEN 'government' ELSE 'department' END, '机关' || n, '机关' || n,
           '机关' || n, '章', '地址', '100000', '010', 'a@example.cn', '复议机关', '法院', '{agencyShort}依申〔{year}〕{seq:4}号',
           '{}'::jsonb, '10y', 'national', true, true, now(), now()
      FROM t`);
  const [{ agencies }] = await ds.query<{ agencies: number }[]>(
    'SELECT count(*)::int AS agencies FROM agency',
  );
  // Requests: received over 2023–2025, most concluded 0–60 days later with a random code.
  await ds.query(`ALTER TABLE request DISABLE TRIGGER USER`);
  await ds.query(
    `INSERT INTO request (id, status, agency_id, handling_agency_id, number, year, seq, application_id, channel,
                          applicant_type, applicant_name, phone_enc, phone_masked, form_of_provision, delivery_channel,
                          received_on, concluded_on, disposition, calendar_region, created_at,
                          reply_due, correction_noticed, extended, consulted, working_days_taken, topic)
     SELECT gen_random_uuid(), 'archived', a.id, a.id, 'B-' || g, 2025, g, gen_random_uuid(), 'online',
            (ARRAY['natural_person','natural_person','natural_person','commercial_enterprise','research_institution',
                   'public_welfare_org','legal_service_org','other_org'])[1 + g % 8],
            '申请人', 'x', '138****0000', 'electronic', 'online',
            DATE '2023-01-01' + (g % 1095), CASE WHEN g % 20 = 0 THEN NULL ELSE DATE '2023-01-01' + (g % 1095) + (g % 61) END,
            CASE WHEN g % 20 = 0 THEN NULL ELSE (ARRAY[${"'disclose.full','disclose.partial','withhold.state_secret','withhold.law_prohibited','withhold.three_safety_one_stability','withhold.third_party_rights','withhold.internal_affairs','withhold.process_info','withhold.enforcement_file','withhold.administrative_query','unavailable.not_held','unavailable.needs_creation','unavailable.unclear_after_correction','not_processed.petition_complaint','not_processed.repeat','not_processed.publication','not_processed.excessive','not_processed.confirm_or_reissue','other.no_correction','other.fee_unpaid','other.other'"}])[1 + (g / 7) % 21] END,
            'national', now(),
            DATE '2023-01-01' + (g % 1095) + 28, g % 13 = 0, g % 17 = 0, g % 19 = 0,
            CASE WHEN g % 20 = 0 THEN NULL ELSE (g % 61) * 5 / 7 END,
            (ARRAY['征地拆迁','国土空间规划','社会保障','教育','交通','环境保护','住房'])[1 + g % 7]
       FROM generate_series(1, $1) g
       JOIN bench_agency b ON b.n = (g::bigint * 7919) % 3000
       JOIN agency a ON a.id = b.id`,
    [requests],
  );
  await ds.query(`ALTER TABLE request ENABLE TRIGGER USER`);
  await ds.query('VACUUM ANALYZE request');
  await ds.query('VACUUM ANALYZE agency');
  return agencies;
}

/**
 * Generates a five-level government tree of 3,000 agencies (1 + 10 + 100 + 1,000 + 1,889) and
 * 1,000,000 requests over three years, then times Table 3 for 2025 for the root (whole tree) and for
 * one department (its own requests), each beside one hand-written SQL GROUP BY over the same rows; and
 * every figure of the analysis page (多维度分析) for the root over 2025.
 */
export const reportBenchmark: Benchmark = {
  name: 'report.table3',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dir: join(dir, 'pg'), persistent: false });
    let ds: DataSource | null = null;
    try {
      await ensureDatabase(pg.urlFor('postgres'), 'gongkai_report_bench');
      const url = pg.urlFor('gongkai_report_bench');
      await runMigrations(url);
      if (process.env.BENCH_JIT === 'off') {
        await new DataSource(dataSourceOptions(pg.urlFor('postgres'), { poolSize: 1 }))
          .initialize()
          .then(async (admin) => {
            await admin.query('ALTER DATABASE gongkai_report_bench SET jit = off');
            await admin.destroy();
          });
      }
      ds = new DataSource(dataSourceOptions(url, { poolSize: 4 }));
      await ds.initialize();
      const generated = performance.now();
      const agencies = await generateReportData(ds, REQUESTS);
      const generateSeconds = Number(((performance.now() - generated) / 1000).toFixed(1));

      const reports = new ReportService(ds, new AdjustableClock());
      const root = (await ds.query<{ id: string }[]>(`SELECT id FROM agency WHERE code = 'b0'`))[0].id;
      const dept = (
        await ds.query<{ id: string; path: string }[]>(`SELECT id, path FROM agency WHERE code = 'b5'`)
      )[0];
      const handWritten = (condition: string, param: string) => () =>
        ds!.query(
          `SELECT r.applicant_type,
                  r.received_on >= '2025-01-01' AS new,
                  CASE WHEN r.concluded_on IS NULL OR r.concluded_on > '2025-12-31' THEN NULL ELSE r.disposition END AS code,
                  count(*)
             FROM request r JOIN agency a ON a.id = r.agency_id
            WHERE ${condition} AND r.received_on <= '2025-12-31' AND (r.concluded_on IS NULL OR r.concluded_on >= '2025-01-01')
            GROUP BY 1, 2, 3`,
          [param],
        );
      const rootTable = await median(() =>
        reports.table3(null, { agencyId: root, year: 2025, scope: 'subtree' }),
      );
      const rootSql = await median(handWritten('a.path LIKE $1', `/${root}/%`));
      const deptTable = await median(() =>
        reports.table3(null, { agencyId: dept.id, year: 2025, scope: 'agency' }),
      );
      const deptSql = await median(handWritten('a.id = $1', dept.id));
      const rootCheck = await reports.table3(null, { agencyId: root, year: 2025, scope: 'subtree' });
      // 多维度分析: every figure of the page for the root (the whole tree) over 2025.
      const analysis = new AnalysisService(
        ds,
        new AdjustableClock(() => Date.parse('2026-01-15T09:00:00+08:00')),
        new ReadDatabase(ds, false),
      );
      const analysisQuery = { agencyId: root, from: '2025-01-01', to: '2025-12-31' };
      const rootAnalysis = await median(() => analysis.analyse(null, analysisQuery));
      const analysed = await analysis.analyse(null, analysisQuery);
      return {
        name: 'report.table3',
        figures: {
          requests: REQUESTS,
          agencies,
          generateSeconds,
          rootMedianMs: rootTable.medianMs,
          rootP90Ms: rootTable.p90Ms,
          departmentMedianMs: deptTable.medianMs,
          rootNew: rootCheck.rows[0].values.total,
          checksOk: String(rootCheck.ok),
          analysisRootMedianMs: rootAnalysis.medianMs,
          analysisRootP90Ms: rootAnalysis.p90Ms,
          analysisReceived: analysed.received,
        },
        baseline: {
          name: 'one hand-written SQL GROUP BY over the same rows (root; department)',
          figures: { rootMedianMs: rootSql.medianMs, departmentMedianMs: deptSql.medianMs },
        },
        ratio: Number((rootTable.medianMs / rootSql.medianMs).toFixed(2)),
      };
    } finally {
      await ds?.destroy();
      await pg.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
