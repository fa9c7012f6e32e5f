// What the smoke tests share: checks and their results file, free ports, launching `npm start` (the
// compiled launcher in dist/) on a data directory, waiting for its output, and plain HTTP calls.
import { spawn, execSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
export const DEMO_PASSWORD = 'Gongkai#Demo2026';
/** The project's PostgreSQL client (these scripts run as plain Node, outside the build). */
export const { Client } = createRequire(join(root, 'package.json'))('pg');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Checks printed as they go and written to `.test-results/<name>.json` for the closing summary. */
export function checks(name) {
  let passed = 0;
  let failed = 0;
  return {
    check(what, ok, detail = '') {
      if (ok) {
        passed++;
        console.log(`  ✓ ${what}`);
      } else {
        failed++;
        console.log(`  ✗ ${what}${detail ? `\n    ${detail}` : ''}`);
      }
    },
    finish() {
      console.log(`${passed} passed, ${failed} failed`);
      mkdirSync(join(root, '.test-results'), { recursive: true });
      writeFileSync(join(root, `.test-results/${name}.json`), JSON.stringify({ passed, failed }));
      process.exit(failed === 0 ? 0 : 1);
    },
  };
}

export function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

export async function ports() {
  return {
    PORTAL_PORT: String(await freePort()),
    CONSOLE_PORT: String(await freePort()),
    WORKER_PORT: String(await freePort()),
  };
}

/** `npm start` as a user runs it, on `dataDir`, its output collected. */
export function launch(dataDir, env, args = []) {
  const child = spawn(process.execPath, [join(root, 'dist/scripts/start.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.output = '';
  child.stdout.on('data', (d) => (child.output += d));
  child.stderr.on('data', (d) => (child.output += d));
  child.exited = new Promise((res) => child.once('exit', (code) => res(code)));
  return child;
}

export async function waitFor(child, text, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.output.includes(text)) {
      return true;
    }
    if (child.exitCode !== null) {
      return false;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function health(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return (await res.json()).status;
  } catch {
    return 'unreachable';
  }
}

/** A JSON call to an app on this machine: status and body (null when the body is not JSON). */
export async function json(port, path, init = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  return { status: res.status, body: await res.json().catch(() => null), headers: res.headers };
}

export function postgresProcesses(dataDir) {
  try {
    return execSync(`ps -eo args | grep -F -- "${dataDir}" | grep -v grep || true`).toString().trim();
  } catch {
    return '';
  }
}

/** The processes started by `launcher` running `apps/<app>/src/main.js`, by pid. */
export function appProcesses(launcher, app) {
  return execSync('ps -eo pid,ppid,args')
    .toString()
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(
      ([, ppid, , script]) => Number(ppid) === launcher.pid && script?.endsWith(`apps/${app}/src/main.js`),
    )
    .map(([pid]) => Number(pid));
}

/** A fresh data directory for one run (PostgreSQL runs as its own system user when we are root). */
export function dataDirFor(name) {
  const dir = mkdtempSync(join(tmpdir(), `gongkai-${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}
