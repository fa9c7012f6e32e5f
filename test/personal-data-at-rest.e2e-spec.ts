import { CitizenAuthService } from '@gongkai/core/identity';
import { DataKeys, PersonalDataCipher } from '@gongkai/core/platform';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * Phones, e-mail addresses and addresses are not kept in the clear where they were before: the login
 * throttle counts by a blind index of the login name, and a consulted third party's address is encrypted.
 */
describe('personal data at rest beyond the request', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  it('should count failed sign-ins without keeping the login name, and still lock it', async () => {
    const wrong = () =>
      desk.portal.http
        .post('/api/portal/auth/login')
        .send({ login: '13800000001', password: 'not-the-password' });
    for (let i = 0; i < 5; i++) {
      expect((await wrong()).status).toBe(401);
    }
    const locked = await wrong();
    expect(locked.body).toMatchObject({ code: 'AUTH.LOCKED' });
    const rows = await desk.ds.query<{ subject: string }[]>(`SELECT subject FROM login_throttle`);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('13800000001');
  });

  it("should keep a new citizen's login encrypted, found by its blind index", async () => {
    // (The portal proves the phone with a one-time code before this; the account is made here directly.)
    await desk.portal.app
      .get(CitizenAuthService)
      .register(
        { login: '139 5555 6666', password: 'Quiet-River-2026!', displayName: '赵女士' },
        { ip: '127.0.0.1', userAgent: 'test' },
      );
    const rows = await desk.ds.query<{ login: string | null; login_enc: string }[]>(
      `SELECT login, login_enc FROM citizen WHERE display_name = '赵女士'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].login).toBeNull();
    expect(rows[0].login_enc).not.toContain('5555');
    expect(desk.console.app.get(PersonalDataCipher).decrypt(rows[0].login_enc)).toBe('13955556666');
    const signIn = await desk.portal.http
      .post('/api/portal/auth/login')
      .send({ login: '13955556666', password: 'Quiet-River-2026!' })
      .expect(200);
    const me = await desk.portal.http
      .get('/api/portal/auth/me')
      .set({ Authorization: `Bearer ${signIn.body.token as string}` });
    expect(me.status).toBe(200);
    expect(me.body.login).toBe('13955556666');
    // The same phone cannot make a second account, nor can the older, clear-text demo account's.
    await expect(
      desk.portal.app
        .get(CitizenAuthService)
        .register(
          { login: '13955556666', password: 'Quiet-River-2026!', displayName: '又一个' },
          { ip: '127.0.0.1', userAgent: 'test' },
        ),
    ).rejects.toMatchObject({ code: 'IDENTITY.LOGIN_TAKEN' });
    await expect(
      desk.portal.app
        .get(CitizenAuthService)
        .register(
          { login: '13800000001', password: 'Quiet-River-2026!', displayName: '又一个' },
          { ip: '127.0.0.1', userAgent: 'test' },
        ),
    ).rejects.toMatchObject({ code: 'IDENTITY.LOGIN_TAKEN' });
  });

  it("should keep a consulted third party's address encrypted", async () => {
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'open-consultation', {
      party: 'third_party',
      partyName: '王某某',
      partyAddress: '示范区建设路 18 号 2 栋 301 室',
      subject: '涉及其个人信息的补偿协议',
    });
    const [row] = await desk.ds.query<{ party_address: string }[]>(
      `SELECT party_address FROM consultation WHERE request_id = $1`,
      [id],
    );
    expect(row.party_address).not.toContain('建设路');
    // Under the request's own data key (shredded with the rest when its retention period ends).
    const [{ data_key_id }] = await desk.ds.query<{ data_key_id: string }[]>(
      `SELECT data_key_id FROM request WHERE id = $1`,
      [id],
    );
    expect(desk.console.app.get(PersonalDataCipher).dataKeyOf(row.party_address)).toBe(data_key_id);
    expect(await desk.console.app.get(DataKeys).decrypt(row.party_address)).toBe(
      '示范区建设路 18 号 2 栋 301 室',
    );
  });
});
