import { DataSource } from 'typeorm';
import { ConsoleModule } from '../apps/console/src/console.module';
import { PortalModule } from '../apps/portal/src/portal.module';
import {
  DEMO_PASSWORD,
  FrozenClock,
  TestApp,
  bearer,
  loadDemoDistrict,
  signIn,
  startTestApp,
  testConfig,
  useTestDatabase,
} from '@gongkai/testing';

/**
 * The API's rate limits (as in production: `apiRateLimits` on) and the sign-in lockout under
 * parallel guesses: counted in PostgreSQL, answered 429 `RATE.LIMITED` with Retry-After.
 */
describe('rate limits and lockout', () => {
  const db = useTestDatabase();
  const clock = new FrozenClock('2026-03-02T09:00:00+08:00');
  let console_: TestApp;
  let portal: TestApp;

  beforeAll(async () => {
    console_ = await startTestApp(ConsoleModule.forRoot(testConfig(db().url, { apiRateLimits: true })), {
      clock,
    });
    portal = await startTestApp(PortalModule.forRoot(testConfig(db().url, { apiRateLimits: true })), {
      clock,
    });
    await loadDemoDistrict(console_.app.get(DataSource), clock.now());
  });
  afterAll(async () => {
    await portal?.close();
    await console_?.close();
  });

  it('should check only 5 of 20 simultaneous wrong guesses, then answer locked', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        console_.http.post('/api/console/auth/login').send({ login: 'signer', password: 'wrong-guess-123' }),
      ),
    );
    const codes = answers.map((a) => (a.body as { code: string }).code);
    expect(codes.filter((c) => c === 'AUTH.INVALID_CREDENTIALS')).toHaveLength(5);
    // The rest find the name locked, or past 10 tries per name are not even let in.
    expect(codes.filter((c) => c === 'AUTH.LOCKED').length).toBeGreaterThanOrEqual(5);
    expect(codes.every((c) => ['AUTH.INVALID_CREDENTIALS', 'AUTH.LOCKED', 'RATE.LIMITED'].includes(c))).toBe(
      true,
    );
    const right = await console_.http
      .post('/api/console/auth/login')
      .send({ login: 'signer', password: DEMO_PASSWORD });
    expect(right.status).not.toBe(200);
  });

  it('should limit sign-in attempts per login name across addresses, with Retry-After', async () => {
    let last = 0;
    for (let i = 0; i < 11; i++) {
      const res = await console_.http
        .post('/api/console/auth/login')
        .send({ login: `nobody-${'x'.repeat(3)}`, password: 'wrong-guess-123' });
      last = res.status;
      if (i === 10) {
        expect(res.status).toBe(429);
        expect((res.body as { code: string }).code).toBe('RATE.LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(last).toBe(429);
  });

  it('should limit a citizen applying through the API', async () => {
    const token = bearer(await signIn(portal.http, 'portal', '13800000001'));
    const agencyId = (
      await console_.app.get(DataSource).query<{ id: string }[]>(`SELECT id FROM agency WHERE code = 'sfq'`)
    )[0].id;
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await portal.http
        .post('/api/portal/requests')
        .set(token)
        .send({
          agencyId,
          applicantType: 'natural_person',
          applicant: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
          phone: '13812345678',
          items: [{ description: `第 ${i} 件：示范区 2025 年财政预算执行情况` }],
          formOfProvision: 'electronic',
          deliveryChannel: 'online',
        });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    const count = await console_.app
      .get(DataSource)
      .query<{ n: number }[]>('SELECT count(*)::int AS n FROM request');
    expect(count).toEqual([{ n: 20 }]);
  });
});
