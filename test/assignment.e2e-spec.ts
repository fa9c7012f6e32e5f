import { DataSource } from 'typeorm';
import { ConsoleModule } from '../apps/console/src/console.module';
import { AuditLogEntity } from '@gongkai/core/platform';
import { RequestEntity, RequestEventEntity } from '@gongkai/core/request-record';
import { StaffUserEntity } from '@gongkai/core/identity';
import {
  FrozenClock,
  TestApp,
  bearer,
  loadDemoDistrict,
  signIn,
  startTestApp,
  testConfig,
  useTestDatabase,
} from '@gongkai/testing';
import { postedRegistration } from './support/applications';

/** Assignment moves (assign, claim, return, transfer) and agency administration through the console. */
describe('assignment and agencies (console)', () => {
  const db = useTestDatabase();
  const clock = new FrozenClock('2026-11-20T10:00:00+08:00');
  let app: TestApp;
  let ds: DataSource;
  let agencies: Map<string, { id: string }>;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    app = await startTestApp(ConsoleModule.forRoot(testConfig(db().url)), { clock });
    ds = app.app.get(DataSource);
    agencies = await loadDemoDistrict(ds, clock.now());
    for (const login of [
      'registrar',
      'handler',
      'handler.jyj',
      'handler.zjj',
      'officehead',
      'sysadmin',
      'legal',
    ]) {
      as[login] = bearer(await signIn(app.http, 'console', login));
    }
  });

  afterAll(() => app?.close());

  const userId = async (login: string) =>
    (await ds.getRepository(StaffUserEntity).findOneByOrFail({ login })).id;
  async function register(): Promise<string> {
    const res = await app.http
      .post('/api/console/requests')
      .set(as.registrar)
      .send(postedRegistration(agencies.get('sfq')!.id, '2026-11-19'))
      .expect(201);
    return res.body.requests[0].id as string;
  }
  const row = (id: string) => ds.getRepository(RequestEntity).findOneByOrFail({ id });

  it('should dispatch to a department, where its handler claims it, and record each move as an event', async () => {
    const id = await register();
    const jyj = agencies.get('sfq-jyj')!.id;
    const dispatched = await app.http
      .post(`/api/console/requests/${id}/assign`)
      .set(as.registrar)
      .send({ handlingAgencyId: jyj, note: '请教育局承办' })
      .expect(200);
    expect(dispatched.body).toMatchObject({
      status: 'registered',
      handlingAgencyId: jyj,
      assigneeId: null,
      version: 2,
    });
    // The department's handler sees it waiting and takes it.
    const waiting = await app.http
      .get('/api/console/requests')
      .query({ queue: 'unassigned' })
      .set(as['handler.jyj'])
      .expect(200);
    expect(waiting.body.rows.map((r: { id: string }) => r.id)).toEqual([id]);
    await app.http.post(`/api/console/requests/${id}/claim`).set(as['handler.jyj']).send({}).expect(200);
    expect(await row(id)).toMatchObject({ status: 'in_progress', assigneeId: await userId('handler.jyj') });

    // It goes back to the office with a reason, and the office head hands it to another department's handler.
    await app.http
      .post(`/api/console/requests/${id}/return`)
      .set(as['handler.jyj'])
      .send({ reason: '不属于本部门职责' })
      .expect(200);
    expect(await row(id)).toMatchObject({
      status: 'registered',
      assigneeId: null,
      handlingAgencyId: agencies.get('sfq')!.id,
    });
    await app.http
      .post(`/api/console/requests/${id}/assign`)
      .set(as.officehead)
      .send({ handlingAgencyId: agencies.get('sfq-zjj')!.id, assigneeId: await userId('handler.zjj') })
      .expect(200);
    await app.http
      .post(`/api/console/requests/${id}/transfer`)
      .set(as.officehead)
      .send({
        handlingAgencyId: agencies.get('sfq')!.id,
        assigneeId: await userId('handler'),
        reason: '涉及多个部门，由办公室统筹',
      })
      .expect(200);
    const events = await ds
      .getRepository(RequestEventEntity)
      .find({ where: { requestId: id }, order: { id: 'ASC' } });
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['received', 'registrar'],
      ['assigned', 'registrar'],
      ['claimed', 'handler.jyj'],
      ['returned', 'handler.jyj'],
      ['assigned', 'officehead'],
      ['transferred', 'officehead'],
    ]);
    expect(events[3].data).toMatchObject({
      action: 'return',
      from: 'in_progress',
      to: 'registered',
      reason: '不属于本部门职责',
    });
    expect(
      await ds.getRepository(AuditLogEntity).countBy({ objectId: id, action: 'request.transferred' }),
    ).toBe(1);
  });

  it.each([
    ['claim a request already in progress', 'handler', 'claim', {}, 409, 'REQUEST.INVALID_TRANSITION'],
    [
      'assign outside the filing agency',
      'registrar',
      'assign',
      { handlingAgencyId: 'x' },
      400,
      'VALIDATION.FAILED',
    ],
    ['transfer without a reason', 'officehead', 'transfer', { assigneeId: 'x' }, 400, 'VALIDATION.FAILED'],
    ['assign without the permission', 'legal', 'assign', {}, 403, 'AUTH.FORBIDDEN'],
  ])('should refuse to %s and change nothing', async (_name, who, action, body, status, code) => {
    const id = await register();
    await app.http.post(`/api/console/requests/${id}/claim`).set(as.handler).send({}).expect(200);
    const before = await row(id);
    const res = await app.http
      .post(`/api/console/requests/${id}/${action}`)
      .set(as[who])
      .send(body)
      .expect(status);
    expect(res.body.code).toBe(code);
    expect(await row(id)).toEqual(before);
  });

  it('should refuse a handler who does not work in the target department', async () => {
    const id = await register();
    const res = await app.http
      .post(`/api/console/requests/${id}/assign`)
      .set(as.registrar)
      .send({ handlingAgencyId: agencies.get('sfq-zjj')!.id, assigneeId: await userId('handler.jyj') })
      .expect(422);
    expect(res.body.code).toBe('REQUEST.ASSIGNEE_NOT_HANDLER');
    expect((await row(id)).version).toBe(1);
  });

  it('should answer 409 to a move made on a stale version, and to the loser of two concurrent moves', async () => {
    const id = await register();
    await app.http.post(`/api/console/requests/${id}/claim`).set(as.handler).send({ version: 1 }).expect(200);
    const stale = await app.http
      .post(`/api/console/requests/${id}/return`)
      .set(as.handler)
      .send({ reason: '重复登记', version: 1 })
      .expect(409);
    expect(stale.body.code).toBe('REQUEST.STALE_VERSION');

    const other = await register();
    const [a, b] = await Promise.all([
      app.http.post(`/api/console/requests/${other}/claim`).set(as.handler).send({}),
      app.http
        .post(`/api/console/requests/${other}/assign`)
        .set(as.registrar)
        .send({ assigneeId: await userId('handler') }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await ds.getRepository(RequestEventEntity).countBy({ requestId: other })).toBe(2);
  });

  it('should let a system administrator add a department and change its settings, audited with before and after', async () => {
    const created = await app.http
      .post('/api/console/agencies')
      .set(as.sysadmin)
      .send({
        parentId: agencies.get('sfq')!.id,
        code: 'sfq-wjw',
        kind: 'department',
        name: '示范区卫生健康委员会',
        shortName: '示范区卫健委',
        reconsiderationBody: '示范区人民政府',
        court: '示范市示范区人民法院',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      depth: 1,
      numberPattern: '{agencyShort}依申〔{year}〕{seq:4}号',
      retentionClass: '10y',
    });
    const bad = await app.http
      .patch(`/api/console/agencies/${created.body.id}`)
      .set(as.sysadmin)
      .send({ numberPattern: '{agencyShort}-{seq}' })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'numberPattern' })]);
    await app.http
      .patch(`/api/console/agencies/${created.body.id}`)
      .set(as.sysadmin)
      .send({ numberPattern: 'WJW{year}-{seq:3}', retentionClass: 'permanent' })
      .expect(200);
    const entry = await ds
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ action: 'agency.settings_changed', objectId: created.body.id });
    expect(entry.details).toEqual({
      before: { numberPattern: '{agencyShort}依申〔{year}〕{seq:4}号', retentionClass: '10y' },
      after: { numberPattern: 'WJW{year}-{seq:3}', retentionClass: 'permanent' },
    });
    await app.http.post('/api/console/agencies').set(as.registrar).send({}).expect(403);
    const tree = await app.http.get('/api/console/agencies').set(as['handler.jyj']).expect(200);
    expect(tree.body.map((a: { code: string }) => a.code)).toEqual(['sfq-jyj']);
  });
});
