import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  ensureDatabase,
  freePort,
  runMigrations,
  runSeeds,
  startEmbeddedPostgres,
} from '@gongkai/database';
import { percentile } from './harness';

export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Runs `concurrency` clients, each calling `once` back to back for `ms`; the latency of each call. */
export async function load(
  once: (i: number) => Promise<boolean>,
  ms: number,
  concurrency: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const until = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
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
  const ms1 = (p: number) => Number(percentile(latencies, p).toFixed(1));
  return {
    requests: latencies.length,
    errors,
    perSecond: Math.round(latencies.length / elapsed),
    p50Ms: ms1(50),
    p95Ms: ms1(95),
    p99Ms: ms1(99),
  };
}

async function waitHealthy(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      throw new Error(`app exited with ${child.exitCode}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('app did not become healthy');
}

export interface RunningPortal {
  base: string;
  url: string;
  agencyId: string;
  /** The demo citizen's session token. */
  token: string;
}

export interface RunningApp {
  base: string;
  url: string;
  agencyId: string;
}

/**
 * One real app (`portal` or `console`) in its own process, on its own embedded PostgreSQL with the
 * demo data, for the length of `fn`; `prepare` may add rows before the app starts. Everything is
 * stopped and removed afterwards.
 */
export async function withApp<T>(
  app: 'portal' | 'console',
  fn: (running: RunningApp) => Promise<T>,
  prepare?: (ds: DataSource, agencyId: string) => Promise<void>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own system user when we are root
  const pg = await startEmbeddedPostgres({ dir: join(dir, 'pg'), persistent: false });
  let child: ChildProcess | null = null;
  try {
    await ensureDatabase(pg.urlFor('postgres'), 'gongkai_bench');
    const url = pg.urlFor('gongkai_bench');
    await runMigrations(url);
    const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
    await ds.initialize();
    await runSeeds(ds, { demo: true, now: new Date() });
    const agency = await ds.query<{ id: string }[]>(`SELECT id FROM agency WHERE code = 'sfq'`);
    await prepare?.(ds, agency[0].id);
    await ds.destroy();
    const port = await freePort();
    child = spawn(process.execPath, [join(__dirname, '..', 'apps', app, 'src', 'main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
        [app === 'portal' ? 'PORTAL_PORT' : 'CONSOLE_PORT']: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'development',
        // Throughput, not anti-automation, is measured: one demo citizen sends every request.
        API_RATE_LIMITS: 'off',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitHealthy(port, child);
    return await fn({ base: `http://127.0.0.1:${port}`, url, agencyId: agency[0].id });
  } finally {
    child?.kill('SIGTERM');
    await pg.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The portal with the demo citizen signed in (`prepare` may add rows before it starts). */
export function withPortal<T>(
  fn: (portal: RunningPortal) => Promise<T>,
  prepare?: (ds: DataSource, agencyId: string) => Promise<void>,
): Promise<T> {
  return withApp(
    'portal',
    async (running) => {
      const login = await fetch(`${running.base}/api/portal/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: '13800000001', password: 'Gongkai#Demo2026' }),
      });
      const { token } = (await login.json()) as { token: string };
      return fn({ ...running, token });
    },
    prepare,
  );
}

/** An online application of the demo citizen, as the JSON API takes it. */
export function demoApplication(agencyId: string): string {
  return JSON.stringify({
    agencyId,
    applicantType: 'natural_person',
    applicant: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
    phone: '13812345678',
    address: '示范市示范区东湖路 8 号',
    items: [{ description: '2025 年示范区老旧小区改造项目清单' }],
    formOfProvision: 'electronic',
    deliveryChannel: 'online',
  });
}
