import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  RunningPostgres,
  dataSourceOptions,
  databaseNameOf,
  dropDatabase,
  ensureDatabase,
  runMigrations,
  runSeeds,
  startEmbeddedPostgres,
} from '@gongkai/database';
import { TEMPLATE_DB, assertTestDatabaseName } from './test-database';

/**
 * The PostgreSQL of a test run, in a process of its own (started by the Jest global setup): a
 * server (TEST_DATABASE_URL, or an embedded one in a temporary directory) and a template database,
 * migrated and loaded with reference data, from which each test file clones its own database.
 * Prints `READY <server url>`, then stops the server when told to (SIGTERM) or when Jest goes away.
 */
export async function main(): Promise<void> {
  let pg: RunningPostgres | null = null;
  let server = process.env.TEST_DATABASE_URL;
  if (server) {
    assertTestDatabaseName(databaseNameOf(server));
  } else {
    const parent = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
    chmodSync(parent, 0o755); // PostgreSQL runs as its own system user when we are root
    pg = await startEmbeddedPostgres({
      dir: join(parent, 'pg'),
      persistent: false,
      onLog: process.env.GONGKAI_TEST_PG_LOG ? (l) => process.stderr.write(l) : undefined,
    });
    server = pg.urlFor('postgres');
  }
  await dropDatabase(server, TEMPLATE_DB);
  await ensureDatabase(server, TEMPLATE_DB);
  const u = new URL(server);
  u.pathname = `/${TEMPLATE_DB}`;
  await runMigrations(u.toString());
  const ds = new DataSource(dataSourceOptions(u.toString(), { poolSize: 1 }));
  await ds.initialize();
  try {
    await runSeeds(ds, { demo: false, now: new Date('2026-01-01T00:00:00Z') });
  } finally {
    await ds.destroy();
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    await pg?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop()); // Jest's process is gone
  process.stdin.resume();
  process.stdout.write(`READY ${server}\n`);
}
