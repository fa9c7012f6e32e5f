import { DataSource } from 'typeorm';
import { ConsoleModule } from '../apps/console/src/console.module';
import { base32Decode, hotp, totpStep } from '@gongkai/core/identity';
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
 * The staff second factor as production has it (SECOND_FACTOR=admins): administrators must set up
 * TOTP before anything else; then the session comes only after the code; a code is accepted once; a
 * recovery code once; the secret is encrypted at rest.
 */
describe('the second factor (TOTP)', () => {
  const db = useTestDatabase();
  const clock = new FrozenClock('2026-03-02T09:00:00+08:00');
  let app: TestApp;
  let ds: DataSource;
  let secret = '';
  let recovery: string[] = [];

  const code = (offsetSteps = 0n) => hotp(base32Decode(secret), totpStep(clock.now()) + offsetSteps);
  const login = (who: string) =>
    app.http.post('/api/console/auth/login').send({ login: who, password: DEMO_PASSWORD });

  beforeAll(async () => {
    app = await startTestApp(ConsoleModule.forRoot(testConfig(db().url, { secondFactor: 'admins' })), {
      clock,
    });
    ds = app.app.get(DataSource);
    await loadDemoDistrict(ds, clock.now());
  });
  afterAll(() => app?.close());

  it('should let an administrator do nothing but set up the second factor', async () => {
    const token = bearer(await signIn(app.http, 'console', 'sysadmin'));
    const refused = await app.http.get('/api/console/users').set(token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('AUTH.SECOND_FACTOR_REQUIRED');

    const started = await app.http.post('/api/console/auth/second-factor/enrolment').set(token);
    expect(started.status).toBe(200);
    secret = (started.body as { secret: string }).secret;
    expect((started.body as { uri: string }).uri).toMatch(/^otpauth:\/\/totp\//);
    expect((started.body as { svg: string }).svg).toContain('<svg');
    const [stored] = await ds.query<{ pending_enc: string }[]>('SELECT pending_enc FROM staff_second_factor');
    expect(stored.pending_enc).not.toContain(secret);

    const wrong = await app.http
      .post('/api/console/auth/second-factor/enrolment/confirm')
      .set(token)
      .send({ code: '000000' === code() ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    const confirmed = await app.http
      .post('/api/console/auth/second-factor/enrolment/confirm')
      .set(token)
      .send({ code: code() });
    expect(confirmed.status).toBe(200);
    recovery = (confirmed.body as { recoveryCodes: string[] }).recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect((await app.http.get('/api/console/users').set(token)).status).toBe(200);
  });

  it('should give the session only after the code, and never accept a code twice', async () => {
    const first = await login('sysadmin');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ secondFactorRequired: true });
    expect(first.body.token).toBeUndefined();
    expect(first.headers['set-cookie']).toBeUndefined();
    // The code used to confirm the set-up, in the same 30 seconds: refused (no replay).
    const replay = await app.http
      .post('/api/console/auth/second-factor')
      .send({ challenge: first.body.challenge, code: code() });
    expect(replay.status).toBe(400);
    clock.advance({ ms: 30_000 });
    const ok = await app.http
      .post('/api/console/auth/second-factor')
      .send({ challenge: first.body.challenge, code: code() });
    expect(ok.status).toBe(200);
    expect((await app.http.get('/api/console/users').set(bearer(ok.body.token as string))).status).toBe(200);
    const again = await app.http
      .post('/api/console/auth/second-factor')
      .send({ challenge: first.body.challenge, code: code(1n) });
    expect(again.status).toBe(401);
  });

  it('should accept a recovery code once', async () => {
    const use = async () => {
      const started = await login('sysadmin');
      return app.http
        .post('/api/console/auth/second-factor')
        .send({ challenge: started.body.challenge, code: recovery[0] });
    };
    expect((await use()).status).toBe(200);
    expect((await use()).status).toBe(400);
  });

  it('should end a challenge after 5 wrong codes', async () => {
    const started = await login('sysadmin');
    for (let i = 0; i < 5; i++) {
      const r = await app.http
        .post('/api/console/auth/second-factor')
        .send({ challenge: started.body.challenge, code: '999999' === code() ? '888888' : '999999' });
      expect(r.status).toBe(400);
    }
    const late = await app.http
      .post('/api/console/auth/second-factor')
      .send({ challenge: started.body.challenge, code: code() });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('AUTH.CHALLENGE_EXPIRED');
  });

  it('should leave staff who are not administrators to sign in with their password alone', async () => {
    const res = await login('handler');
    expect(res.status).toBe(200);
    expect(typeof res.body.token).toBe('string');
  });

  it('should walk the administrator through the pages: the code step after the password', async () => {
    const page = await app.http.get('/login');
    const cookie = (page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
    const csrf = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(page.text)![1];
    const res = await app.http
      .post('/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, login: 'sysadmin', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.text).toContain('输入动态口令');
    expect(res.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^gk_staff=/)]),
    );
  });
});
