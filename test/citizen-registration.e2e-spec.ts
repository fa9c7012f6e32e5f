import { SmsProvider, EmailProvider } from '@gongkai/core/notifications';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

interface Sent {
  to: string;
  body: string;
}

/**
 * Registration through the API proves the phone or e-mail with a one-time code and never reveals
 * whether an address already has an account.
 */
describe('citizen registration through the API', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  const outbox: Sent[] = [];
  const capture = { send: (m: Sent) => (outbox.push(m), Promise.resolve()) };

  beforeAll(() =>
    desk.start(db().url, {
      overrides: [
        { provide: SmsProvider, useValue: capture },
        { provide: EmailProvider, useValue: capture },
      ],
    }),
  );
  afterAll(() => desk.close());

  const askCode = (login: string) => desk.portal.http.post('/api/portal/auth/register/code').send({ login });
  const register = (login: string, code: string) =>
    desk.portal.http
      .post('/api/portal/auth/register')
      .send({ login, code, password: 'Gongkai#Reg2026', displayName: '李四' });
  const lastCodeFor = (to: string) =>
    /验证码为 (\d{6})/.exec(outbox.filter((m) => m.to === to).at(-1)?.body ?? '')?.[1];

  it('should open an account only with the code sent to the phone', async () => {
    expect((await register('13900000321', '123456')).status).toBe(400);
    const asked = await askCode('13900000321');
    expect(asked.status).toBe(202);
    await new Promise((r) => setTimeout(r, 50));
    const code = lastCodeFor('13900000321')!;
    expect(code).toMatch(/^\d{6}$/);
    const res = await register('13900000321', code);
    expect(res.status).toBe(201);
    expect(typeof res.body.token).toBe('string');
    expect((await register('13900000321', code)).status).toBe(400);
  });

  it('should answer the same for an address that already has an account, and send it no code', async () => {
    const taken = await askCode('13800000001');
    const fresh = await askCode('13900000999');
    expect(taken.status).toBe(fresh.status);
    expect(taken.body).toEqual(fresh.body);
    await new Promise((r) => setTimeout(r, 50));
    expect(lastCodeFor('13800000001')).toBeUndefined();
    expect(outbox.filter((m) => m.to === '13800000001').at(-1)?.body).toContain('已注册');
    const guessed = await register('13800000001', '000000');
    const wrong = await register(
      '13900000999',
      lastCodeFor('13900000999') === '000000' ? '111111' : '000000',
    );
    expect(guessed.status).toBe(400);
    expect(guessed.body.code).toBe(wrong.body.code);
    expect(guessed.body.details).toEqual(wrong.body.details);
  });

  it('should send the code by e-mail to an e-mail address', async () => {
    expect((await askCode('lisi@example.cn')).status).toBe(202);
    await new Promise((r) => setTimeout(r, 50));
    const code = lastCodeFor('lisi@example.cn')!;
    expect((await register('lisi@example.cn', code)).status).toBe(201);
  });
});
