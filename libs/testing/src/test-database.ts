import { randomBytes } from 'node:crypto';
import { databaseNameOf, dropDatabase, ensureDatabase } from '@gongkai/database';

export const TEMPLATE_DB = 'gongkai_test_template';
export const SERVER_URL_ENV = 'GONGKAI_TEST_SERVER_URL';

/** The harness refuses to touch any database whose name does not say it is for tests. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) {
    throw new Error(`refusing to use database "${name}": a test database's name must contain "test"`);
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export function testServerUrl(): string {
  const url = process.env[SERVER_URL_ENV];
  if (!url) {
    throw new Error(
      `${SERVER_URL_ENV} is not set: run tests through jest (its global setup starts PostgreSQL)`,
    );
  }
  return url;
}

/** A fresh database cloned from the migrated template (fast: a file copy inside PostgreSQL). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `gongkai_test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  assertTestDatabaseName(name);
  await ensureDatabase(server, name, TEMPLATE_DB);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  assertTestDatabaseName(databaseNameOf(url));
  return { name, url, drop: () => dropDatabase(server, name) };
}

/** Registers beforeAll/afterAll hooks giving this test file its own database. */
export function useTestDatabase(): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  return () => {
    if (!db) {
      throw new Error('the test database is created in beforeAll');
    }
    return db;
  };
}
