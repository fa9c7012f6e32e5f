import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  databaseNameOf,
  dropDatabase,
  ensureDatabase,
  runMigrations,
  runSeeds,
  startEmbeddedPostgres,
} from '@gongkai/database';
import { SERVER_URL_ENV, TEMPLATE_DB, assertTestDatabaseName } from './test-database';

interface Global {
  __GONGKAI_PG__?: { stop(): Promise<void> };
}

/**
 * Jest global setup: a PostgreSQL for the whole run (TEST_DATABASE_URL, or an embedded one in a
 * temporary directory), and a template database migrated and loaded with reference data, from
 * which each test file clones its own database.
 */
export default async function globalSetup(): Promise<void> {
  let server = process.env.TEST_DATABASE_URL;
  if (server) {
    assertTestDatabaseName(databaseNameOf(server));
  } else {
    const parent = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
    chmodSync(parent, 0o755); // PostgreSQL runs as its own system user when we are root
    const dir = join(parent, 'pg');
    const pg = await startEmbeddedPostgres({ dir, persistent: false });
    (globalThis as Global).__GONGKAI_PG__ = pg;
    server = pg.urlFor('postgres');
  }
  process.env[SERVER_URL_ENV] = server;
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
}
