import { randomBytes, scryptSync } from 'node:crypto';
import { OneTimeCodeService } from '@gongkai/core/identity';
import { DEMO_PASSWORD, FrozenClock, signIn, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/** Passwords: the common ones refused, and a hash made with weaker parameters redone at sign-in. */
describe('password hygiene', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  it('should refuse one of the common passwords at registration, whatever its case', async () => {
    const code = await desk.portal.app.get(OneTimeCodeService).issue('citizen.register', '13900000123');
    const res = await desk.portal.http
      .post('/api/portal/auth/register')
      .send({ login: '13900000123', password: 'Password123', displayName: '王五', code });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('breached');
  });

  it('should redo a hash made with the earlier, weaker parameters when its owner signs in', async () => {
    const salt = randomBytes(16);
    const key = scryptSync(DEMO_PASSWORD.normalize('NFKC'), salt, 32, {
      N: 1 << 15,
      r: 8,
      p: 1,
      maxmem: 64 << 20,
    });
    const old = `scrypt$32768$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    await desk.ds.query(`UPDATE staff_user SET password_hash = $1 WHERE login = 'registrar'`, [old]);
    await signIn(desk.console.http, 'console', 'registrar');
    const [{ password_hash: now }] = await desk.ds.query<{ password_hash: string }[]>(
      `SELECT password_hash FROM staff_user WHERE login = 'registrar'`,
    );
    expect(now).toMatch(/^scrypt\$32768\$8\$3\$/);
    await signIn(desk.console.http, 'console', 'registrar');
  });
});
