import { FrozenClock, bearer, createStaff, signIn, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * Administration reaches only the administrator's own subtree: a street office's administrators
 * cannot touch the district's accounts, the national calendar belongs to the root, and administrator
 * accounts are managed only from the root.
 */
describe('administration is scoped to the subtree', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  const as: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await desk.start(db().url);
    const now = desk.clock.now();
    ids.streetSys = await createStaff(desk.ds, 'sys.xsjd', [['system_admin', 'sfq-xsjd']], { now });
    ids.streetSec = await createStaff(desk.ds, 'sec.xsjd', [['security_admin', 'sfq-xsjd']], { now });
    ids.streetCal = await createStaff(desk.ds, 'cal.xsjd', [['system_admin', 'sfq-xsjd']], { now });
    ids.streetClerk = await createStaff(desk.ds, 'clerk.xsjd', [['handler', 'sfq-xsjd']], { now });
    ids.dismissed = await createStaff(desk.ds, 'dismissed', [], { now });
    await desk.ds.query(`UPDATE staff_user SET active = false WHERE id = $1`, [ids.dismissed]);
    for (const login of ['sys.xsjd', 'sec.xsjd', 'sysadmin']) {
      as[login] = bearer(await signIn(desk.console.http, 'console', login));
    }
    const rows = await desk.ds.query<{ id: string; login: string }[]>(
      `SELECT id, login FROM staff_user WHERE login IN ('auditor', 'handler', 'sysadmin')`,
    );
    for (const r of rows) {
      ids[r.login] = r.id;
    }
  });
  afterAll(() => desk.close());

  const post = (who: string, path: string, body: object = {}) =>
    desk.console.http.post(path).set(as[who]).send(body);

  it("should refuse a street office's system administrator disabling the district's auditor", async () => {
    const res = await post('sys.xsjd', `/api/console/users/${ids.auditor}/disable`, { reason: '越权测试' });
    expect(res.status).toBe(404);
    const [row] = await desk.ds.query<{ active: boolean }[]>('SELECT active FROM staff_user WHERE id = $1', [
      ids.auditor,
    ]);
    expect(row.active).toBe(true);
  });

  it('should refuse it re-enabling a dismissed account without roles, and let the root do it', async () => {
    expect(
      (await post('sys.xsjd', `/api/console/users/${ids.dismissed}/enable`, { reason: '恢复' })).status,
    ).toBe(404);
    expect(
      (await post('sysadmin', `/api/console/users/${ids.dismissed}/enable`, { reason: '恢复' })).status,
    ).toBe(204);
  });

  it('should let it manage the accounts of its own office', async () => {
    const res = await post('sys.xsjd', `/api/console/users/${ids.streetClerk}/disable`, { reason: '调离' });
    expect(res.status).toBe(204);
  });

  it("should refuse a street office's security administrator ending the district handler's sessions", async () => {
    const before = await desk.ds.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM session WHERE staff_id = $1 AND revoked_at IS NULL',
      [ids.handler],
    );
    const res = await post('sec.xsjd', `/api/console/users/${ids.handler}/sessions/revoke`, {
      reason: '越权测试',
    });
    expect(res.status).toBe(404);
    const after = await desk.ds.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM session WHERE staff_id = $1 AND revoked_at IS NULL',
      [ids.handler],
    );
    expect(after).toEqual(before);
  });

  it('should refuse granting an administrator role from below the root', async () => {
    const res = await post('sec.xsjd', `/api/console/users/${ids.streetClerk}/roles`, {
      role: 'auditor',
      agencyId: desk.agencies.get('sfq-xsjd')!.id,
    });
    expect(res.status).toBe(403);
  });

  it("should list only the accounts and roles of the administrator's subtree", async () => {
    const res = await desk.console.http.get('/api/console/users').set(as['sys.xsjd']);
    expect(res.status).toBe(200);
    const logins = (res.body as { login: string }[]).map((u) => u.login);
    expect(logins).toContain('clerk.xsjd');
    expect(logins).not.toContain('handler');
    expect(logins).not.toContain('auditor');
    expect(logins).not.toContain('dismissed');
  });

  it('should keep the national calendar to the root', async () => {
    const cal = bearer(await signIn(desk.console.http, 'console', 'cal.xsjd'));
    const res = await desk.console.http
      .put('/api/console/calendars/national/2027')
      .set(cal)
      .send({ noticeRef: '国办发明电〔2026〕1号', days: [] });
    expect(res.status).toBe(403);
    expect((res.body as { code: string }).code).toBe('CALENDAR.NOT_YOURS');
    const region = await desk.console.http
      .post('/api/console/calendars/regions')
      .set(cal)
      .send({ code: 'xsjd', name: '西山' });
    expect(region.status).toBe(403);
  });
});
