import { Pool } from 'pg';
import { Benchmark } from './harness';
import { demoApplication, load, withPortal } from './app-process';

const CONCURRENCY = 50;
const DURATION_MS = Number(process.env.BENCH_INTAKE_MS ?? 10_000);

/**
 * Online applications per second at 50 concurrent clients against the real portal (its own
 * process, real PostgreSQL), beside plain single-row INSERTs through the same driver at the same
 * concurrency: the ratio is what the whole intake path (validation, session, numbering, encryption,
 * events, audit chain) costs over the bare minimum of one write.
 */
export const intakeBenchmark: Benchmark = {
  name: 'intake.online-application',
  run() {
    return withPortal(async ({ base, url, agencyId, token }) => {
      const body = demoApplication(agencyId);
      const intake = await load(
        async (i) => {
          const res = await fetch(`${base}/api/portal/requests`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Authorization: `Bearer ${token}`,
              'Idempotency-Key': `bench-${i}-key`,
            },
            body,
          });
          await res.arrayBuffer();
          return res.status === 201;
        },
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
        figures: { concurrency: CONCURRENCY, seconds: DURATION_MS / 1000, ...intake },
        baseline: {
          name: 'single-row INSERT through pg (pool of 10, same concurrency)',
          figures: { ...inserts },
        },
        ratio: Number((intake.perSecond / inserts.perSecond).toFixed(3)),
      };
    });
  },
};
