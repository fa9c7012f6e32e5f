import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { Benchmark } from './harness';
import { demoApplication, load, withPortal } from './app-process';

const CONCURRENCY = 50;
const DURATION_MS = Number(process.env.BENCH_INTAKE_MS ?? 10_000);

const AGENCIES = 100;

/** 100 departments under the demo district that take online applications, each numbering on its own. */
async function addAgencies(ds: DataSource, parentId: string): Promise<void> {
  await ds.query(
    `INSERT INTO agency (id, parent_id, path, code, kind, name, short_name, letter_header, seal_text, address,
                         postal_code, phone, email, office_hours, reconsideration_body, court, number_pattern,
                         legal_review, retention_class, calendar_region, accepts_applications, active,
                         created_at, updated_at)
     SELECT n.id, s.id, s.path || n.id || '/', 'bench-' || n.g, 'department', '测试部门' || n.g, '测试部门' || n.g,
            '测试部门' || n.g, s.seal_text, s.address, s.postal_code, s.phone, s.email, s.office_hours,
            s.reconsideration_body, s.court, s.number_pattern, s.legal_review, s.retention_class,
            s.calendar_region, true, true, now(), now()
       FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, ${AGENCIES}) g) n, agency s
      WHERE s.id = $1`,
    [parentId],
  );
}

/**
 * Online applications per second at 50 concurrent clients against the real portal (its own
 * process, real PostgreSQL): all to one agency (every application numbers on the same counter),
 * then spread over 100 agencies; beside plain single-row INSERTs through the same driver at the
 * same concurrency: the ratio is what the whole intake path (validation, session, numbering,
 * encryption, events, audit chain) costs over the bare minimum of one write.
 */
export const intakeBenchmark: Benchmark = {
  name: 'intake.online-application',
  run() {
    return withPortal(async ({ base, url, agencyId, token }) => {
      const body = demoApplication(agencyId);
      const apply = (key: string, payload: string) =>
        fetch(`${base}/api/portal/requests`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${token}`,
            'Idempotency-Key': key,
          },
          body: payload,
        }).then(async (res) => {
          await res.arrayBuffer();
          return res.status === 201;
        });
      const intake = await load((i) => apply(`bench-${i}-key`, body), DURATION_MS, CONCURRENCY);
      const db = new Pool({ connectionString: url, max: 1 });
      db.on('error', () => undefined);
      const spread = (
        await db.query<{ id: string }>(`SELECT id FROM agency WHERE code LIKE 'bench-%' ORDER BY code`)
      ).rows.map((r) => demoApplication(r.id));
      await db.end();
      const manyAgencies = await load(
        (i) => apply(`bench-many-${i}-key`, spread[i % spread.length]),
        DURATION_MS,
        CONCURRENCY,
      );

      const pool = new Pool({ connectionString: url, max: 10 });
      // A client still closing when the cluster stops must not crash the run.
      pool.on('error', () => undefined);
      await pool.query(
        'CREATE TABLE bench_insert (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL)',
      );
      const inserts = await load(
        async () => {
          await pool.query('INSERT INTO bench_insert (payload, at) VALUES ($1, now())', [body]);
          return true;
        },
        DURATION_MS,
        CONCURRENCY,
      );
      await pool.end();
      return {
        name: 'intake.online-application',
        figures: {
          concurrency: CONCURRENCY,
          seconds: DURATION_MS / 1000,
          ...intake,
          agencies: spread.length,
          manyAgenciesPerSecond: manyAgencies.perSecond,
          manyAgenciesP50Ms: manyAgencies.p50Ms,
          manyAgenciesP99Ms: manyAgencies.p99Ms,
          manyAgenciesErrors: manyAgencies.errors,
        },
        baseline: {
          name: 'single-row INSERT through pg (pool of 10, same concurrency)',
          figures: { ...inserts },
        },
        ratio: Number((intake.perSecond / inserts.perSecond).toFixed(3)),
      };
    }, addAgencies);
  },
};
