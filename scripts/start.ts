/**
 * `npm start`: the whole system on one machine. Without DATABASE_URL it starts an embedded
 * PostgreSQL (data in $GONGKAI_DATA_DIR/postgres, reused), migrates, loads reference and demo data
 * once, then runs portal, console and worker as child processes until Ctrl-C, restarting any that dies.
 * `npm start -- --replicas` (or REPLICAS=portal:2,console:2,worker:3) runs several of each: the portal's
 * and the console's behind a small reverse proxy on their usual ports (scripts/proxy.ts).
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startProxy } from './proxy';
import { DataSource } from 'typeorm';
import { AppConfig, AppName, ConfigError, loadConfig } from '@gongkai/core/platform';
import {
  DEMO_ACCOUNTS,
  RunningPostgres,
  dataSourceOptions,
  ensureAppRole,
  ensureDatabase,
  grantAppRole,
  portInUse,
  runMigrations,
  runSeeds,
  postgresRunning,
  startEmbeddedPostgres,
  urlAs,
} from '@gongkai/database';

const APPS: { name: AppName; port: (c: AppConfig) => number; portVar: string }[] = [
  { name: 'portal', port: (c) => c.portalPort, portVar: 'PORTAL_PORT' },
  { name: 'console', port: (c) => c.consolePort, portVar: 'CONSOLE_PORT' },
  { name: 'worker', port: (c) => c.workerPort, portVar: 'WORKER_PORT' },
];

/** Replicas per app: `--replicas` gives portal 2, console 2, worker 3; REPLICAS=portal:2,… sets any. */
function replicaCounts(): Record<AppName, number> {
  const counts: Record<AppName, number> = process.argv.includes('--replicas')
    ? { portal: 2, console: 2, worker: 3 }
    : { portal: 1, console: 1, worker: 1 };
  for (const part of (process.env.REPLICAS ?? '').split(',').filter(Boolean)) {
    const [name, n] = part.split(':');
    if (name in counts && Number.isInteger(Number(n)) && Number(n) >= 1 && Number(n) <= 8) {
      counts[name as AppName] = Number(n);
    } else {
      throw new Error(`REPLICAS: "${part}" should be app:count (portal, console or worker; 1 to 8)`);
    }
  }
  return counts;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** An app restarted more often than this within a minute is broken: everything stops instead. */
const MAX_RESTARTS_PER_MINUTE = 5;

function say(line: string): void {
  process.stdout.write(`[gongkai] ${line}\n`);
}

async function checkPorts(config: AppConfig): Promise<void> {
  for (const app of APPS) {
    const port = app.port(config);
    if (await portInUse(port, config.host)) {
      throw new Error(
        `端口 ${port} 已被占用，无法启动 ${app.name}。Port ${port} for the ${app.name} is busy: stop whatever uses it, or set ${app.portVar}.`,
      );
    }
  }
}

async function prepareDatabase(config: AppConfig): Promise<{ url: string; pg: RunningPostgres | null }> {
  if (config.databaseUrl) {
    say('using the PostgreSQL at DATABASE_URL');
    return { url: config.databaseUrl, pg: null };
  }
  const dir = join(config.dataDir, 'postgres');
  say(`starting embedded PostgreSQL (data in ${dir})`);
  const pg = await startEmbeddedPostgres({ dir, port: config.embeddedPgPort });
  const created = await ensureDatabase(pg.urlFor('postgres'), 'gongkai');
  say(`embedded PostgreSQL on 127.0.0.1:${pg.port}, database gongkai ${created ? 'created' : 'reused'}`);
  return { url: pg.urlFor('gongkai'), pg };
}

/**
 * The personal-data key of this data directory: PERSONAL_DATA_KEY when set, else one generated on
 * first start and kept in `<data dir>/personal-data.key` (0600), so encrypted values stay readable.
 */
function personalDataKey(config: AppConfig): string {
  if (process.env.PERSONAL_DATA_KEY) {
    return process.env.PERSONAL_DATA_KEY;
  }
  const file = join(config.dataDir, 'personal-data.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    say(`generated a personal-data key in ${file} (back it up with the database)`);
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The apps' own database role (docs/operations.md "Database roles"): on the embedded PostgreSQL always
 * (`gongkai_app`, its password generated once in `<data dir>/app-db-password`), on another server when
 * APP_DB_ROLE is set. The owner keeps the migrations; the apps get the URL of their role, which owns
 * nothing and can only insert into the append-only records. Answers the URL the apps use.
 */
async function appRoleUrl(ownerUrl: string, config: AppConfig, embedded: boolean): Promise<string> {
  const role = process.env.APP_DB_ROLE ?? (embedded ? 'gongkai_app' : undefined);
  if (!role) {
    return ownerUrl;
  }
  let password = process.env.APP_DB_PASSWORD;
  if (!password && embedded) {
    const file = join(config.dataDir, 'app-db-password');
    if (!existsSync(file)) {
      writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    }
    password = readFileSync(file, 'utf8').trim();
  }
  if (!password) {
    throw new Error(
      "APP_DB_PASSWORD: is required with APP_DB_ROLE (the password of the apps' database role)",
    );
  }
  await ensureAppRole(ownerUrl, role, password);
  await grantAppRole(ownerUrl, role);
  say(
    `the apps connect as ${role}: no ownership, append-only records insert-only (migrations run as the owner)`,
  );
  return urlAs(ownerUrl, role, password);
}

async function migrateAndSeed(url: string, config: AppConfig): Promise<void> {
  const applied = await runMigrations(url);
  say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'migrations are current');
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  await ds.initialize();
  try {
    const seeded = await runSeeds(ds, { demo: config.demoData, now: new Date() });
    say(seeded.length ? `loaded data: ${seeded.join(', ')}` : 'reference and demo data already loaded');
  } finally {
    await ds.destroy();
  }
}

async function waitHealthy(port: number, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(`exited with code ${child.exitCode}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('did not become healthy in time');
}

/**
 * The local demo (no DATABASE_URL) opts in explicitly to what is off by default: demo accounts with
 * published passwords, the testing clock, and it listens on this machine only. Anything set in the
 * environment wins.
 */
function optInToLocalDemo(): boolean {
  if (process.env.DATABASE_URL) {
    return false;
  }
  process.env.DEMO_DATA ??= 'true';
  process.env.CLOCK_CONTROL_ENABLED ??= 'true';
  process.env.HOST ??= '127.0.0.1';
  return true;
}

async function main(): Promise<void> {
  const demo = optInToLocalDemo();
  const config = loadConfig();
  if (demo) {
    say(
      `local demo: demo accounts ${config.demoData ? 'on' : 'off'}, testing clock ${config.clockControlEnabled ? 'on' : 'off'}, listening on ${config.host} only`,
    );
  }
  await checkPorts(config);
  const prepared = await prepareDatabase(config);
  const url = prepared.url;
  let pg = prepared.pg;
  const children: ChildProcess[] = [];
  let stopping = false;

  const shutdown = async (code: number): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    say('stopping…');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((done) => {
            if (c.exitCode !== null || c.signalCode !== null) {
              return done();
            }
            const force = setTimeout(() => c.kill('SIGKILL'), 10_000);
            c.once('exit', () => {
              clearTimeout(force);
              done();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    if (pg) {
      await pg.stop().catch(() => undefined);
      say('embedded PostgreSQL stopped');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const counts = replicaCounts();
  let up = false;
  try {
    await migrateAndSeed(url, config);
    const key = personalDataKey(config);
    const appUrl = await appRoleUrl(url, config, pg !== null);
    // The apps' JSON logs go to files; the terminal keeps the launcher's own lines (LOG_LEVEL=debug or
    // trace shows everything here as well).
    const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';
    const logDir = join(config.dataDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    const restarts: number[] = [];
    /** One replica of an app on its port; if it dies after start-up it is started again. */
    const run = (app: (typeof APPS)[number], n: number, port: number, behindProxy: boolean): ChildProcess => {
      const name = counts[app.name] > 1 ? `${app.name} #${n}` : app.name;
      const logFile = join(logDir, counts[app.name] > 1 ? `${app.name}-${n}.log` : `${app.name}.log`);
      const out = verbose ? 'inherit' : openSync(logFile, 'a');
      const child = spawn(process.execPath, [join(__dirname, '..', 'apps', app.name, 'src', 'main.js')], {
        env: {
          ...process.env,
          DATABASE_URL: appUrl,
          // Running as their own role, the apps check it (a superuser or the owner is refused).
          ...(appUrl !== url ? { DATABASE_ROLE_CHECK: process.env.DATABASE_ROLE_CHECK ?? 'true' } : {}),
          PERSONAL_DATA_KEY: key,
          [app.portVar]: String(port),
          ...(behindProxy
            ? { HOST: '127.0.0.1', TRUST_PROXY_HOPS: process.env.TRUST_PROXY_HOPS ?? '1' }
            : {}),
        },
        stdio: ['ignore', out, out],
      });
      child.once('exit', (code, signal) => {
        children.splice(children.indexOf(child), 1);
        if (stopping) {
          return;
        }
        const how = signal ?? `code ${code}`;
        const now = Date.now();
        restarts.push(now);
        while (restarts.length && restarts[0] < now - 60_000) {
          restarts.shift();
        }
        if (!up || restarts.length > MAX_RESTARTS_PER_MINUTE) {
          say(`${name} exited unexpectedly (${how}); stopping everything`);
          if (!verbose) {
            const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
            say(`last lines of ${logFile}:\n${tail}`);
          }
          void shutdown(1);
          return;
        }
        say(`${name} exited unexpectedly (${how}); starting it again`);
        const again = run(app, n, port, behindProxy);
        waitHealthy(port, again).then(
          () => say(`${name} is back`),
          () => undefined,
        );
      });
      children.push(child);
      return child;
    };
    const starting: Promise<void>[] = [];
    for (const app of APPS) {
      const publicPort = app.port(config);
      const proxied = counts[app.name] > 1 && app.name !== 'worker';
      const replicaPorts: number[] = [];
      for (let n = 1; n <= counts[app.name]; n++) {
        // A single app listens on its own port; replicas behind the proxy on ports of their own, and the
        // first worker keeps the worker's port for its health check.
        const port = !proxied && n === 1 ? publicPort : await freePort();
        replicaPorts.push(port);
        const child = run(app, n, port, proxied);
        starting.push(
          waitHealthy(port, child).catch((err: Error) => {
            throw new Error(`${app.name}: ${err.message}`);
          }),
        );
      }
      if (proxied) {
        await startProxy(publicPort, config.host, {
          upstreams: () => replicaPorts.map((port) => ({ host: '127.0.0.1', port })),
        });
      }
    }
    await Promise.all(starting);
    up = true;
  } catch (err) {
    say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
    return;
  }

  const base = (port: number) => `http://localhost:${port}`;
  say('Gongkai is up (Ctrl-C stops everything):');
  const replicas = (app: AppName) =>
    counts[app] > 1 ? ` (${counts[app]} replicas${app === 'worker' ? '' : ' behind a proxy'})` : '';
  say(
    `  portal   ${base(config.portalPort)}   (citizens)${replicas('portal')}${config.apiDocsEnabled ? `   API docs ${base(config.portalPort)}/api/docs` : ''}`,
  );
  say(
    `  console  ${base(config.consolePort)}   (staff)${replicas('console')}${config.apiDocsEnabled ? `      API docs ${base(config.consolePort)}/api/docs` : ''}`,
  );
  say(`  worker   ${base(config.workerPort)}/health${replicas('worker')}`);
  say(
    `  logs     ${join(config.dataDir, 'logs')}/{portal,console,worker}${Object.values(counts).some((n) => n > 1) ? '[-N]' : ''}.log (LOG_LEVEL=debug shows them here)`,
  );
  if (config.demoData && DEMO_ACCOUNTS.length > 0) {
    say('demo accounts:');
    for (const a of DEMO_ACCOUNTS) {
      say(`  ${a.app.padEnd(8)} ${a.login.padEnd(24)} ${a.password.padEnd(16)} ${a.roles}`);
    }
  }
  if (pg) {
    superviseEmbeddedPostgres(
      join(config.dataDir, 'postgres'),
      pg.port,
      () => stopping,
      (restarted) => (pg = restarted),
      () => void shutdown(1),
    );
  }
}

/**
 * Watches the embedded PostgreSQL: if it dies (a crash, `kill -9`), starts it again on the same port and
 * data directory — the apps answer 503 meanwhile and reconnect by themselves — or, when it cannot be
 * started within a minute, says why and stops everything.
 */
function superviseEmbeddedPostgres(
  dir: string,
  port: number,
  stopping: () => boolean,
  restarted: (pg: RunningPostgres) => void,
  giveUp: () => void,
): void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || stopping() || postgresRunning(dir)) {
      return;
    }
    busy = true;
    say(`embedded PostgreSQL stopped unexpectedly; restarting it on 127.0.0.1:${port}`);
    void (async () => {
      let lastError = '';
      for (let attempt = 1; attempt <= 30 && !stopping(); attempt++) {
        try {
          restarted(await startEmbeddedPostgres({ dir, port }));
          say('embedded PostgreSQL restarted; the apps reconnect by themselves');
          busy = false;
          return;
        } catch (err) {
          lastError = err instanceof Error ? err.message : String(err);
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
      if (!stopping()) {
        clearInterval(timer);
        say(`could not restart the embedded PostgreSQL (${lastError}); stopping everything`);
        giveUp();
      }
    })();
  }, 2000);
  timer.unref();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`[gongkai] ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
