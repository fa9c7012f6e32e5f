import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { personApplication } from './support/applications';
import { Desk } from './support/desk';

/**
 * Bad input never answers 500: every cause found by sending malformed input to every route is
 * refused at the edge with a coded, field-level error, and nothing changes.
 */
describe('bad input', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  const requestCount = async () =>
    Number((await desk.ds.query<{ n: string }[]>('SELECT count(*) AS n FROM request'))[0].n);
  const codesOf = (body: unknown) =>
    ((body as { details?: { code: string }[] }).details ?? []).map((d) => d.code);

  it('should refuse JSON nested 10,000 levels deep with 400, not run out of stack', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const before = await requestCount();
    const res = await desk.portal.http
      .post('/api/portal/requests')
      .set(desk.as.citizen)
      .set('Content-Type', 'application/json')
      .send(deep);
    expect(res.status).toBe(400);
    expect(codesOf(res.body)).toContain('input.tooDeep');
    expect(await requestCount()).toBe(before);
  });

  it.each([
    ['a NUL character', '张\u0000三', 'text.controlCharacter'],
    ['a lone surrogate', '张\ud800三', 'text.invalidUnicode'],
  ])('should refuse %s in any text with a field error', async (_, name, code) => {
    const before = await requestCount();
    const apply = await desk.portal.http
      .post('/api/portal/requests')
      .set(desk.as.citizen)
      .send(
        personApplication(desk.agencies.get('sfq')!.id, {
          applicant: { name, idType: 'resident_id', idNumber: '11010519491231002X' },
        }),
      );
    expect(apply.status).toBe(400);
    expect(apply.body.details).toContainEqual(expect.objectContaining({ field: 'applicant.name', code }));
    expect(await requestCount()).toBe(before);
    const login = await desk.console.http
      .post('/api/console/auth/login')
      .send({ login: name, password: 'x' });
    expect(login.status).toBe(400);
    if (code === 'text.controlCharacter') {
      const param = await desk.portal.http.get(`/api/calendar/2026?region=${encodeURIComponent(name)}`);
      expect(param.status).toBe(400);
    }
  });

  it('should refuse numbers beyond the columns', async () => {
    const page = await desk.console.http
      .get('/api/console/requests?page=99999999999999999999')
      .set(desk.as.handler);
    expect(page.status).toBe(400);
    expect(codesOf(page.body)).toContain('number.outOfRange');
    const note = await desk.portal.http
      .post('/api/portal/notifications/99999999999999999999/read')
      .set(desk.as.citizen);
    expect(note.status).toBe(400);
  });

  it('should refuse a week date in the audit search instead of failing on it', async () => {
    const auditor = await desk.console.http
      .post('/api/console/auth/login')
      .send({ login: 'auditor', password: 'Gongkai#Demo2026' });
    const res = await desk.console.http
      .get('/api/console/audit?from=2026-W05')
      .set({ Authorization: `Bearer ${(auditor.body as { token: string }).token}` });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'from' }));
  });

  it("should answer 404 for an unknown agency's letter templates", async () => {
    const admin = await desk.console.http
      .post('/api/console/auth/login')
      .send({ login: 'sysadmin', password: 'Gongkai#Demo2026' });
    const res = await desk.console.http
      .get('/api/console/agencies/00000000-0000-4000-8000-000000000000/letter-templates')
      .set({ Authorization: `Bearer ${(admin.body as { token: string }).token}` });
    expect(res.status).toBe(404);
  });

  it('should refuse items given as a list of lists', async () => {
    const before = await requestCount();
    const res = await desk.portal.http
      .post('/api/portal/requests')
      .set(desk.as.citizen)
      .send(personApplication(desk.agencies.get('sfq')!.id, { items: [[{ description: '示范区预算' }]] }));
    expect(res.status).toBe(400);
    expect(await requestCount()).toBe(before);
  });

  it('should refuse a form-encoded move with 415 and leave the request as it was', async () => {
    const applied = await desk.portal.http
      .post('/api/portal/requests')
      .set(desk.as.citizen)
      .send(personApplication(desk.agencies.get('sfq')!.id));
    const id = (applied.body as { id: string }).id;
    // `claim` has no required field: read as an empty body, a form post would claim the request.
    const res = await desk.console.http
      .post(`/api/console/requests/${id}/claim`)
      .set(desk.as.handler)
      .type('form')
      .send({ note: 'x' });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('HTTP.UNSUPPORTED_MEDIA_TYPE');
    expect((await desk.row(id)).status).toBe('registered');
    expect((await desk.row(id)).assigneeId).toBeNull();
  });

  it('should refuse a ledger import whose dryRun is neither true nor false, importing nothing', async () => {
    const res = await desk.console.http
      .post('/api/console/reports/ledger-imports')
      .set(desk.as.registrar)
      .field('agencyId', desk.agencies.get('sfq')!.id)
      .field('dryRun', 'maybe')
      .attach('file', Buffer.from('申请编号,收到申请日期,申请人类型,办结日期,处理结果\n'), 'ledger.csv');
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'dryRun' }));
  });

  it('should answer 404 when the sessions of an unknown account are ended', async () => {
    const admin = await desk.console.http
      .post('/api/console/auth/login')
      .send({ login: 'secadmin', password: 'Gongkai#Demo2026' });
    const res = await desk.console.http
      .post('/api/console/users/00000000-0000-4000-8000-000000000000/sessions/revoke')
      .set({ Authorization: `Bearer ${(admin.body as { token: string }).token}` })
      .send({ reason: '离职' });
    expect(res.status).toBe(404);
  });

  it('should refuse a reason of spaces only', async () => {
    const id = await desk.applyAndClaim();
    const res = await desk.console.http
      .post(`/api/console/requests/${id}/return`)
      .set(desk.as.handler)
      .send({ reason: '     ' });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'reason', code: 'hasText' }));
    expect((await desk.row(id)).status).toBe('in_progress');
  });

  it('should refuse a page form with a NUL character with a page, not fail', async () => {
    const page = await desk.portal.http.get('/login');
    const cookie = page.headers['set-cookie'];
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await desk.portal.http
      .post('/login')
      .set('Cookie', cookie)
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&login=%00&password=x`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
