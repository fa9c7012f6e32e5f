import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  ensureDatabase,
  freePort,
  runMigrations,
  runSeeds,
  startEmbeddedPostgres,
} from '@gongkai/database';
import { Benchmark, percentile } from './harness';

const CONCURRENCY = 50;
const DURATION_MS = Number(process.env.BENCH_INTAKE_MS ?? 10_000);

interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Runs `CONCURRENCY` clients, each calling `once` back to back for `ms`; latency per call. */
async function load(once: (i: number) => Promise<boolean>, ms: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const until = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const ok = await once(n++).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: Math.round(latencies.length / elapsed),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
  };
}

async function waitHealthy(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      throw new Error(`portal exited with ${child.exitCode}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('portal did not become healthy');
}

/**
 * Online applications per second at 50 concurrent clients against the real portal (its own
 * process, real PostgreSQL), beside plain single-row INSERTs through the same driver at the same
 * concurrency: the ratio is what the whole intake path (validation, session, numbering, encryption,
 * events, audit chain) costs over the bare minimum of one write.
 */
export const intakeBenchmark: Benchmark = {
  name: 'intake.online-application',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as its own system user when we are root
    const pg = await startEmbeddedPostgres({ dir: join(dir, 'pg'), persistent: false });
    let portal: ChildProcess | null = null;
    try {
      await ensureDatabase(pg.urlFor('postgres'), 'gongkai_bench');
      const url = pg.urlFor('gongkai_bench');
      await runMigrations(url);
      const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
      await ds.initialize();
      await runSeeds(ds, { demo: true, now: new Date() });
      const agency = await ds.query<{ id: string }[]>(`SELECT id FROM agency WHERE code = 'sfq'`);
      await ds.destroy();

      const port = await freePort();
      portal = spawn(process.execPath, [join(__dirname, '..', 'apps', 'portal', 'src', 'main.js')], {
        env: {
          ...process.env,
          DATABASE_URL: url,
          PORTAL_PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          NODE_ENV: 'development',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitHealthy(port, portal);
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/portal/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: '13800000001', password: 'Gongkai#Demo2026' }),
      });
      const { token } = (await login.json()) as { token: string };
      const body = JSON.stringify({
        agencyId: agency[0].id,
        applicantType: 'natural_person',
        applicant: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
        phone: '13812345678',
        address: '示范市示范区东湖路 8 号',
        items: [{ description: '2025 年示范区老旧小区改造项目清单' }],
        formOfProvision: 'electronic',
        deliveryChannel: 'online',
      });
      const intake = await load(async (i) => {
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
      }, DURATION_MS);

      const pool = new Pool({ connectionString: url, max: 10 });
      // A client still closing when the cluster stops must not crash the run.
      pool.on('error', () => undefined);
      await pool.query(
        'CREATE TABLE bench_insert (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL)',
      );
      const inserts = await load(async () => {
        await pool.query('INSERT INTO bench_insert (payload, at) VALUES ($1, now())', [body]);
        return true;
      }, DURATION_MS);
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
    } finally {
      portal?.kill('SIGTERM');
      await pg.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
