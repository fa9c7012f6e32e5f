import { DataSource } from 'typeorm';
import { ConsoleModule } from '../apps/console/src/console.module';
import { CalendarWatchJob } from '../apps/worker/src/calendar/calendar-watch.job';
import { PortalModule } from '../apps/portal/src/portal.module';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { RequestEntity, RequestEventEntity } from '@gongkai/core/request-record';
import { SystemAlertEntity } from '@gongkai/core/alerts';
import {
  FrozenClock,
  TestApp,
  bearer,
  createStaff,
  insertRequest,
  loadDemoDistrict,
  signIn,
  startTestApp,
  testConfig,
  useTestDatabase,
} from '@gongkai/testing';

const SCHEDULE_2027 = {
  noticeRef: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-11', kind: 'holiday', name: '测试假日' },
    { date: '2027-01-12', kind: 'holiday', name: '测试假日' },
    { date: '2027-01-16', kind: 'makeup_workday', name: '测试调休上班' },
  ],
};

describe('publishing a year (console)', () => {
  const db = useTestDatabase();
  const clock = new FrozenClock('2026-12-01T09:00:00+08:00');
  let console_: TestApp;
  let portal: TestApp;
  let worker: TestApp;
  let ds: DataSource;
  let sfq: string;
  let ACTOR: Record<string, string>;
  let OTHER_ADMIN: Record<string, string>;
  let READER: Record<string, string>;

  beforeAll(async () => {
    console_ = await startTestApp(ConsoleModule.forRoot(testConfig(db().url)), { clock });
    portal = await startTestApp(PortalModule.forRoot(testConfig(db().url)), { clock });
    worker = await startTestApp(WorkerModule.forRoot(testConfig(db().url)), { clock });
    ds = console_.app.get(DataSource);
    sfq = (await loadDemoDistrict(ds, clock.now())).get('sfq')!.id;
    await createStaff(ds, 'sysadmin2', [['system_admin', 'sfq']], { now: clock.now() });
    ACTOR = bearer(await signIn(console_.http, 'console', 'sysadmin'));
    OTHER_ADMIN = bearer(await signIn(console_.http, 'console', 'sysadmin2'));
    READER = bearer(await signIn(console_.http, 'console', 'handler'));
  });

  afterAll(async () => {
    await Promise.all([console_, portal, worker].map((a) => a?.close()));
  });

  it('should warn administrators exactly once from 1 December that next year is not published', async () => {
    const jobs = [worker.app.get(CalendarWatchJob), worker.app.get(CalendarWatchJob)];
    clock.set('2026-11-30T12:00:00+08:00');
    expect((await jobs[0].run()).raised).toEqual([]);
    clock.set('2026-12-01T09:00:00+08:00');
    const results = await Promise.all(jobs.map((j) => j.run()));
    expect(results.flatMap((r) => r.raised)).toEqual([2027]);
    expect((await jobs[0].run()).raised).toEqual([]);
    const alerts = await console_.http.get('/api/console/alerts').set(ACTOR).expect(200);
    expect(alerts.body).toEqual([
      expect.objectContaining({ kind: 'calendar.year_unpublished', subject: '2027' }),
    ]);
  });

  it('should recompute open deadlines that cross into the year, recording old and new dates', async () => {
    const open = await insertRequest(ds, { receivedOn: '2026-12-20', agencyId: sfq });
    const closed = await insertRequest(ds, {
      receivedOn: '2026-12-21',
      concludedOn: '2026-12-28',
      agencyId: sfq,
    });
    const early = await insertRequest(ds, { receivedOn: '2026-11-02', agencyId: sfq });
    expect(await ds.getRepository(RequestEntity).findOneByOrFail({ id: open })).toMatchObject({
      replyDue: '2027-01-15',
      replyDueProvisional: true,
    });

    const res = await console_.http
      .put('/api/console/calendars/national/2027')
      .set(ACTOR)
      .send(SCHEDULE_2027)
      .expect(200);
    expect(res.body).toEqual({
      region: 'national',
      year: 2027,
      action: 'publish',
      revision: 1,
      recomputedRequests: 1,
    });

    expect(await ds.getRepository(RequestEntity).findOneByOrFail({ id: open })).toMatchObject({
      replyDue: '2027-01-19',
      replyDueProvisional: false,
      version: 2,
    });
    const events = await ds
      .getRepository(RequestEventEntity)
      .findBy({ requestId: open, type: 'deadline_recomputed' });
    expect(events).toEqual([
      expect.objectContaining({
        onDate: '2026-12-01',
        actor: 'sysadmin',
        data: expect.objectContaining({
          oldDue: '2027-01-15',
          newDue: '2027-01-19',
          oldProvisional: true,
          newProvisional: false,
          year: 2027,
        }),
      }),
    ]);
    expect(
      await ds.getRepository(RequestEventEntity).countBy({ requestId: closed, type: 'deadline_recomputed' }),
    ).toBe(0);
    expect(
      await ds.getRepository(RequestEventEntity).countBy({ requestId: early, type: 'deadline_recomputed' }),
    ).toBe(0);

    const why = await console_.http.get(`/api/console/requests/${open}/deadline`).set(READER).expect(200);
    expect(why.body.reply).toMatchObject({ due: '2027-01-19', provisional: false, basis: 'Art. 33 ¶1' });
    expect(why.body.recomputations).toEqual([
      expect.objectContaining({ oldDue: '2027-01-15', newDue: '2027-01-19' }),
    ]);
  });

  it('should let the other apps see the new schedule at once', async () => {
    const deadline = async () =>
      (await portal.http.get('/api/calendar/deadline').query({ from: '2026-12-20', workingDays: 20 })).body;
    let seen = await deadline();
    for (let i = 0; i < 100 && seen.provisional; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await deadline();
    }
    expect(seen).toMatchObject({ deadline: '2027-01-19', provisional: false });
  });

  it('should resolve the warning once the year is published', async () => {
    await worker.app.get(CalendarWatchJob).run();
    expect(await ds.getRepository(SystemAlertEntity).findOneByOrFail({ subject: '2027' })).toMatchObject({
      resolvedAt: expect.any(Date),
    });
  });

  it('should record a correction with who, when, the notice and the previous days', async () => {
    const corrected = {
      ...SCHEDULE_2027,
      noticeRef: '国办发明电〔2027〕1号（更正）',
      days: SCHEDULE_2027.days.slice(0, 1),
    };
    const res = await console_.http
      .put('/api/console/calendars/national/2027')
      .set(OTHER_ADMIN)
      .send(corrected)
      .expect(200);
    expect(res.body).toMatchObject({ action: 'correct', revision: 2, recomputedRequests: 1 });
    const history = await console_.http
      .get('/api/console/calendars/national/2027/history')
      .set(ACTOR)
      .expect(200);
    expect(history.body.map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual([
      ['publish', 'sysadmin'],
      ['correct', 'sysadmin2'],
    ]);
    expect(history.body[1].previousDays).toHaveLength(4);
    const list = await console_.http.get('/api/console/calendars').set(ACTOR).expect(200);
    const national = list.body.find((r: { code: string }) => r.code === 'national');
    expect(national.years.map((y: { year: number }) => y.year)).toEqual([
      2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027,
    ]);
  });

  it.each([
    ['nobody', 401, 'AUTH.UNAUTHENTICATED', SCHEDULE_2027],
    ['reader', 403, 'AUTH.FORBIDDEN', SCHEDULE_2027],
    [
      'admin',
      400,
      'CALENDAR.INVALID_DAYS',
      { ...SCHEDULE_2027, days: [...SCHEDULE_2027.days, SCHEDULE_2027.days[0]] },
    ],
    [
      'admin',
      400,
      'CALENDAR.INVALID_DAYS',
      { ...SCHEDULE_2027, days: [{ date: '2029-05-01', kind: 'holiday', name: '劳动节' }] },
    ],
    [
      'admin',
      400,
      'VALIDATION.FAILED',
      { ...SCHEDULE_2027, days: [{ date: '2027-02-30', kind: 'holiday', name: 'x' }] },
    ],
    [
      'admin',
      400,
      'VALIDATION.FAILED',
      { ...SCHEDULE_2027, days: [{ date: '2027-02-03', kind: 'vacation', name: 'x' }] },
    ],
  ])('should refuse a bad publication (%s → %i %s) and change nothing', async (who, status, code, body) => {
    const headers = who === 'admin' ? ACTOR : who === 'reader' ? READER : {};
    const before = await ds.getRepository(RequestEventEntity).count();
    const res = await console_.http
      .put('/api/console/calendars/national/2027')
      .set(headers)
      .send(body)
      .expect(status);
    expect(res.body.code).toBe(code);
    expect(await ds.getRepository(RequestEventEntity).count()).toBe(before);
    const history = await console_.http.get('/api/console/calendars/national/2027/history').set(ACTOR);
    expect(history.body).toHaveLength(2);
  });

  it('should give a region its own days on top of the national schedule', async () => {
    await console_.http
      .post('/api/console/calendars/regions')
      .set(ACTOR)
      .send({ code: 'hubei', name: '湖北省' })
      .expect(201);
    await console_.http
      .put('/api/console/calendars/hubei/2026')
      .set(ACTOR)
      .send({
        noticeRef: '湖北省人民政府通知（测试）',
        days: [{ date: '2026-03-02', kind: 'holiday', name: '地方假日' }],
      })
      .expect(200);
    const res = await portal.http
      .get('/api/calendar/deadline')
      .query({ from: '2026-02-13', workingDays: 7, region: 'hubei' })
      .expect(200);
    expect(res.body).toMatchObject({ region: 'hubei', deadline: '2026-03-03' });
    const national = await portal.http
      .get('/api/calendar/deadline')
      .query({ from: '2026-02-13', workingDays: 7 })
      .expect(200);
    expect(national.body.deadline).toBe('2026-03-02');
  });
});
