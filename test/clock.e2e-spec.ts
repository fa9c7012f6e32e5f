import { ConsoleModule } from '../apps/console/src/console.module';
import { PortalModule } from '../apps/portal/src/portal.module';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { DataSource } from 'typeorm';
import {
  TestApp,
  bearer,
  loadDemoDistrict,
  signIn,
  startTestApp,
  testConfig,
  useTestDatabase,
} from '@gongkai/testing';

/** Polls until `read` satisfies `ok` (the other apps hear of the change through LISTEN/NOTIFY). */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  let last = await read();
  while (!ok(last) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

describe('PUT /api/console/testing/clock', () => {
  const db = useTestDatabase();
  let portal: TestApp;
  let console_: TestApp;
  let worker: TestApp;

  beforeAll(async () => {
    // Three separate apps with their own clocks, as in a deployment; only the database is shared.
    const url = db().url;
    portal = await startTestApp(PortalModule.forRoot(testConfig(url)), { clock: 'real' });
    console_ = await startTestApp(ConsoleModule.forRoot(testConfig(url)), { clock: 'real' });
    worker = await startTestApp(WorkerModule.forRoot(testConfig(url)), { clock: 'real' });
    await loadDemoDistrict(console_.app.get(DataSource), new Date());
  });

  /** A fresh administrator session at the deployment's current time (moving time ends sessions). */
  const admin = async () => {
    const { now } = await nowOf(console_);
    await console_.app
      .get(DataSource)
      .query(`UPDATE staff_user SET password_changed_at = $1 WHERE login = 'sysadmin'`, [now]);
    return bearer(await signIn(console_.http, 'console', 'sysadmin'));
  };

  afterAll(async () => {
    await Promise.all([portal, console_, worker].map((a) => a?.close()));
  });

  const nowOf = async (app: TestApp) => {
    const res = await app.http.get('/api/testing/clock').expect(200);
    return res.body as { now: string; mode: string };
  };

  it('should freeze the time of portal, console and worker alike', async () => {
    const res = await console_.http
      .put('/api/console/testing/clock')
      .set(await admin())
      .send({ now: '2026-02-13T10:00:00+08:00', freeze: true })
      .expect(200);
    expect(res.body).toEqual({ now: '2026-02-13T02:00:00.000Z', mode: 'frozen' });
    for (const app of [portal, worker, console_]) {
      const seen = await eventually(
        () => nowOf(app),
        (v) => v.mode === 'frozen',
      );
      expect(seen).toEqual({ now: '2026-02-13T02:00:00.000Z', mode: 'frozen' });
    }
  });

  it('should let time run on from a set instant when not frozen', async () => {
    await console_.http
      .put('/api/console/testing/clock')
      .set(await admin())
      .send({ now: '2030-06-01T00:00:00Z' })
      .expect(200);
    for (const app of [portal, worker]) {
      const seen = await eventually(
        () => nowOf(app),
        (v) => v.mode === 'offset',
      );
      const t = Date.parse(seen.now);
      expect(t).toBeGreaterThanOrEqual(Date.parse('2030-06-01T00:00:00Z'));
      expect(t).toBeLessThan(Date.parse('2030-06-01T00:01:00Z'));
    }
  });

  it('should return every app to the real time on reset', async () => {
    await console_.http
      .put('/api/console/testing/clock')
      .set(await admin())
      .send({ reset: true })
      .expect(200);
    for (const app of [portal, worker, console_]) {
      const seen = await eventually(
        () => nowOf(app),
        (v) => v.mode === 'system',
      );
      expect(Math.abs(Date.parse(seen.now) - Date.now())).toBeLessThan(60_000);
    }
  });

  it.each([
    [{ now: '2026-13-01T00:00:00Z' }, 'now'],
    [{ now: '2026-02-13' }, 'now'],
    [{}, 'now'],
    [{ now: '2026-02-13T10:00:00+08:00', freeze: 'yes' }, 'freeze'],
    [{ now: '2026-02-13T10:00:00+08:00', extra: 1 }, 'extra'],
  ])('should refuse %j with a field-level error on %s and change nothing', async (body, field) => {
    const before = await nowOf(portal);
    const res = await console_.http
      .put('/api/console/testing/clock')
      .set(await admin())
      .send(body)
      .expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect((await nowOf(console_)).mode).toBe(before.mode);
  });
});

describe('the testing clock in production', () => {
  const db = useTestDatabase();

  it('should not exist at all', async () => {
    const cfg = testConfig(db().url, { nodeEnv: 'production', clockControlEnabled: false });
    const app = await startTestApp(ConsoleModule.forRoot(cfg));
    try {
      await app.http.put('/api/console/testing/clock').send({ reset: true }).expect(404);
      await app.http.get('/api/testing/clock').expect(404);
    } finally {
      await app.close();
    }
  });
});

describe('moving the testing clock', () => {
  const db = useTestDatabase();

  it('should need a signed-in administrator even where the route exists', async () => {
    const app = await startTestApp(ConsoleModule.forRoot(testConfig(db().url)), { clock: 'real' });
    try {
      await app.http.put('/api/console/testing/clock').send({ reset: true }).expect(401);
      await loadDemoDistrict(app.app.get(DataSource), new Date());
      const handler = bearer(await signIn(app.http, 'console', 'handler'));
      await app.http.put('/api/console/testing/clock').set(handler).send({ reset: true }).expect(403);
    } finally {
      await app.close();
    }
  });
});
