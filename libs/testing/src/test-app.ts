import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppConfig, Clock, configureHttpApp, loadConfig } from '@gongkai/core/platform';
import { FrozenClock } from './frozen-clock';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  clock: FrozenClock | null;
  close(): Promise<void>;
}

export type DbConfig = AppConfig & { databaseUrl: string };

/** The configuration of an app under test: the test database, quiet logs, everything else default. */
export function testConfig(databaseUrl: string, overrides: Partial<AppConfig> = {}): DbConfig {
  // Each app under test keeps its own audit-head sink, away from a developer's .data/.
  const auditHeadFile = join(tmpdir(), `gongkai-audit-heads-${randomUUID()}.jsonl`);
  return { ...loadConfig({ NODE_ENV: 'test' }), auditHeadFile, ...overrides, databaseUrl };
}

/**
 * Starts one real app (its full module, real PostgreSQL) in this process. By default its clock
 * is a FrozenClock the test controls; pass `clock: 'real'` to keep the synchronised clock.
 */
export async function startTestApp(
  module: DynamicModule,
  opts: {
    clock?: FrozenClock | 'real';
    listen?: boolean;
    docs?: boolean;
    /** Providers replaced for the outside world (e.g. an SMS provider that keeps what it sends). */
    overrides?: { provide: unknown; useValue: unknown }[];
  } = {},
): Promise<TestApp> {
  const clock = opts.clock === 'real' ? null : (opts.clock ?? new FrozenClock());
  let builder = Test.createTestingModule({ imports: [module] });
  if (clock) {
    builder = builder.overrideProvider(Clock).useValue(clock);
  }
  for (const o of opts.overrides ?? []) {
    builder = builder.overrideProvider(o.provide).useValue(o.useValue);
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureHttpApp(app, { title: 'test', description: 'test', docs: opts.docs ?? true });
  try {
    if (opts.listen) {
      await app.listen(0, '127.0.0.1');
    } else {
      await app.init();
    }
  } catch (e) {
    // An app refused at start-up (a production check) lets go of its connections before the test goes on.
    await app.close().catch(() => undefined);
    throw e;
  }
  return { app, http: request(app.getHttpServer()), clock, close: () => app.close() };
}
