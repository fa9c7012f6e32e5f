import { DataSource } from 'typeorm';
import { ConsoleModule } from '../apps/console/src/console.module';
import { PortalModule } from '../apps/portal/src/portal.module';
import {
  IdempotencyKeyEntity,
  RequestEntity,
  RequestEventEntity,
  RequestItemEntity,
} from '@gongkai/core/request-record';
import {
  FrozenClock,
  TestApp,
  bearer,
  loadDemoDistrict,
  registerCitizen,
  signIn,
  startTestApp,
  testConfig,
  useTestDatabase,
} from '@gongkai/testing';
import { personApplication, postedRegistration } from './support/applications';
import { binary } from './support/binary';

/** Intake end to end: online application, registration of a posted one, claiming, worklists. */
describe('intake (portal and console)', () => {
  const db = useTestDatabase();
  // Friday 20 November 2026, 10:00 in Shanghai.
  const clock = new FrozenClock('2026-11-20T10:00:00+08:00');
  let portal: TestApp;
  let console_: TestApp;
  let ds: DataSource;
  let agencies: Map<string, { id: string }>;
  let citizen: Record<string, string>;
  let registrar: Record<string, string>;
  let handler: Record<string, string>;

  beforeAll(async () => {
    portal = await startTestApp(PortalModule.forRoot(testConfig(db().url)), { clock });
    console_ = await startTestApp(ConsoleModule.forRoot(testConfig(db().url)), { clock });
    ds = portal.app.get(DataSource);
    agencies = await loadDemoDistrict(ds, clock.now());
    await registerCitizen(portal, 'zhangsan@example.cn');
    await signInAll();
  });

  /** Moving the clock weeks ahead ends every session (idle timeout), as it would in real life. */
  async function signInAll() {
    citizen = bearer(await signIn(portal.http, 'portal', 'zhangsan@example.cn'));
    registrar = bearer(await signIn(console_.http, 'console', 'registrar'));
    handler = bearer(await signIn(console_.http, 'console', 'handler'));
  }

  afterAll(async () => {
    await Promise.all([portal, console_].map((a) => a?.close()));
  });

  const sfq = () => agencies.get('sfq')!.id;
  const count = () => ds.getRepository(RequestEntity).count();

  it('should take an online application, number it and answer the acknowledgement with the deadline', async () => {
    const res = await portal.http
      .post('/api/portal/requests')
      .set(citizen)
      .send(personApplication(sfq()))
      .expect(201);
    // Received Friday 20 Nov; 20 working days later is Friday 18 Dec (no holidays in between).
    expect(res.body).toMatchObject({
      number: '示范区政府依申〔2026〕0001号',
      status: 'registered',
      receivedOn: '2026-11-20',
      replyDue: '2026-12-18',
      replyDueProvisional: false,
      acknowledgement: { title: '政府信息公开申请接收回执' },
    });
    expect(res.body.acknowledgement.text).toContain('2026-12-18');
    expect(res.body.acknowledgement.text).toContain('第三十三条');
    // The 接收回执 is also a stored, numbered letter, linked to the receipt event.
    expect(res.body.acknowledgement.letterNumber).toBe('示范区政府依申收〔2026〕0001号');
    const ack = await portal.http
      .get(`/api/portal/requests/${res.body.id}/letters/${res.body.acknowledgement.letterId}`)
      .set(citizen)
      .expect(200);
    expect(ack.text).toContain('不迟于2026年12月18日');
    expect(ack.text).toContain('示范区政府依申〔2026〕0001号');
    await portal.http
      .get(`/api/portal/requests/${res.body.id}/letters/${res.body.acknowledgement.letterId}?format=pdf`)
      .set(citizen)
      .expect(400);

    const list = await portal.http.get('/api/portal/requests').set(citizen).expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        id: res.body.id,
        status: 'registered',
        replyDue: '2026-12-18',
        workingDaysLeft: 20,
      }),
    ]);
    const detail = await portal.http.get(`/api/portal/requests/${res.body.id}`).set(citizen).expect(200);
    expect(detail.body).toMatchObject({
      number: '示范区政府依申〔2026〕0001号',
      applicant: {
        name: '张三',
        idNumber: '1101**********002X',
        phone: '138****5678',
        address: '示范市示范区****',
      },
      items: [
        {
          position: 1,
          description: '2025 年示范区老旧小区改造项目清单',
          documentNumber: '示政发〔2025〕3号',
        },
      ],
      history: [{ type: 'received', label: '申请已收到', on: '2026-11-20' }],
      letters: [
        {
          id: res.body.acknowledgement.letterId,
          kind: 'acknowledgement',
          title: '政府信息公开申请接收回执',
          number: '示范区政府依申收〔2026〕0001号',
          issuedOn: '2026-11-20',
        },
      ],
    });
    expect(JSON.stringify(detail.body)).not.toContain('11010519491231002X');
  });

  it('should register a posted application with its receipt date three days back and count the deadline from it', async () => {
    const res = await console_.http
      .post('/api/console/requests')
      .set(registrar)
      .send(postedRegistration(sfq(), '2026-11-17'))
      .expect(201);
    expect(res.body.requests).toHaveLength(1);
    const [r] = res.body.requests;
    // Received Tuesday 17 Nov: 20 working days later is Tuesday 15 Dec.
    expect(r).toMatchObject({
      number: '示范区政府依申〔2026〕0002号',
      receivedOn: '2026-11-17',
      replyDue: '2026-12-15',
    });
    const row = await ds.getRepository(RequestEntity).findOneByOrFail({ id: r.id });
    expect(row.createdAt.toISOString()).toBe('2026-11-20T02:00:00.000Z'); // the system time, kept apart
    expect(row.channel).toBe('registered_post');
    // The acknowledgement is dated the day it is issued; it states the receipt date and the deadline.
    expect(r.acknowledgement.letterNumber).toBe('示范区政府依申收〔2026〕0002号');
    const letters = await console_.http
      .get(`/api/console/requests/${r.id}/letters`)
      .set(registrar)
      .expect(200);
    expect(letters.body.letters).toEqual([
      expect.objectContaining({ kind: 'acknowledgement', issuedOn: '2026-11-20', recipient: 'applicant' }),
    ]);
    // The application form (申请登记表) is rendered on demand from the registered data, masked.
    const form = await console_.http
      .get(`/api/console/requests/${r.id}/documents/application_form`)
      .set(registrar)
      .expect(200);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.text).toContain('政府信息公开申请登记表');
    expect(form.text).toContain('收到申请日期：2026年11月17日');
    expect(form.text).toContain('申请方式：挂号信/快递');
    expect(form.text).not.toContain('11010519491231002X');
    const docx = await console_.http
      .get(`/api/console/requests/${r.id}/documents/application_form?format=docx`)
      .set(registrar)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('should let a handler claim it, and show it in the worklists with the working days left', async () => {
    const before = await console_.http
      .get('/api/console/requests')
      .query({ queue: 'unassigned' })
      .set(handler)
      .expect(200);
    const posted = before.body.rows.find((r: { receivedOn: string }) => r.receivedOn === '2026-11-17');
    expect(posted).toMatchObject({
      status: 'registered',
      workingDaysLeft: 17,
      overdue: false,
      assignee: null,
    });

    const claimed = await console_.http
      .post(`/api/console/requests/${posted.id}/claim`)
      .set(handler)
      .send({ version: posted.version })
      .expect(200);
    expect(claimed.body).toMatchObject({ status: 'in_progress', version: posted.version + 1 });

    const mine = await console_.http
      .get('/api/console/requests')
      .query({ queue: 'mine' })
      .set(handler)
      .expect(200);
    expect(mine.body.rows).toEqual([
      expect.objectContaining({
        id: posted.id,
        status: 'in_progress',
        workingDaysLeft: 17,
        assignee: expect.objectContaining({ name: '王承办' }),
      }),
    ]);
    // Correction notices are due 7 working days after receipt: 26 Nov, four working days from today.
    const correction = await console_.http
      .get('/api/console/requests')
      .query({ queue: 'correction_due' })
      .set(handler)
      .expect(200);
    expect(correction.body.rows[0]).toMatchObject({
      id: posted.id,
      correctionNoticeDue: '2026-11-26',
      correctionNoticeWorkingDaysLeft: 4,
    });

    // Seventeen working days on it is due; a day later overdue.
    clock.set('2026-12-14T10:00:00+08:00');
    await signInAll();
    const soon = await console_.http
      .get('/api/console/requests')
      .query({ queue: 'due_soon', withinDays: 1 })
      .set(handler)
      .expect(200);
    expect(
      soon.body.rows.map((r: { id: string; workingDaysLeft: number }) => [r.id, r.workingDaysLeft]),
    ).toEqual([[posted.id, 1]]);
    clock.set('2026-12-16T10:00:00+08:00');
    await signInAll();
    const overdue = await console_.http
      .get('/api/console/requests')
      .query({ queue: 'overdue' })
      .set(handler)
      .expect(200);
    expect(overdue.body.rows[0]).toMatchObject({ id: posted.id, overdue: true, workingDaysLeft: -1 });

    const summary = await console_.http.get('/api/console/requests/summary').set(handler).expect(200);
    expect(summary.body.totals).toMatchObject({ open: 2, unassigned: 1, overdue: 1 });
    clock.set('2026-11-20T10:00:00+08:00');
    await signInAll();
  });

  it('should let a registrar split a multi-matter application into separately numbered requests', async () => {
    const body = postedRegistration(sfq(), '2026-11-19', {
      channel: 'in_person',
      items: [{ description: '事项一' }, { description: '事项二' }, { description: '事项三' }],
      groups: [[0, 2], [1]],
    });
    const res = await console_.http.post('/api/console/requests').set(registrar).send(body).expect(201);
    expect(res.body.requests.map((r: { number: string }) => r.number)).toEqual([
      '示范区政府依申〔2026〕0003号',
      '示范区政府依申〔2026〕0004号',
    ]);
    const items = await ds.getRepository(RequestItemEntity).find({
      where: { requestId: res.body.requests[0].id },
      order: { position: 'ASC' },
    });
    expect(items.map((i) => i.description)).toEqual(['事项一', '事项三']);
  });

  it.each([
    [
      'a wrong ID check digit',
      (a: string) =>
        personApplication(a, {
          applicant: { name: '张三', idType: 'resident_id', idNumber: '110105194912310021' },
        }),
      'applicant.idNumber',
      'residentId.check_digit',
    ],
    [
      'a wrong credit code',
      (a: string) =>
        personApplication(a, {
          applicantType: 'commercial_enterprise',
          applicant: { name: '某公司', creditCode: '91350100M000100Y44', contactPerson: '王' },
        }),
      'applicant.creditCode',
      'creditCode.check_character',
    ],
    ['an empty item list', (a: string) => personApplication(a, { items: [] }), 'items', 'arrayNotEmpty'],
    [
      'an unknown field',
      (a: string) => personApplication(a, { priority: 'high' }),
      'priority',
      'whitelistValidation',
    ],
    [
      'a state set through the body',
      (a: string) => personApplication(a, { status: 'replied' }),
      'status',
      'whitelistValidation',
    ],
    [
      'a number set through the body',
      (a: string) => personApplication(a, { number: 'X-1' }),
      'number',
      'whitelistValidation',
    ],
    [
      'a deadline set through the body',
      (a: string) => personApplication(a, { replyDue: '2027-06-01' }),
      'replyDue',
      'whitelistValidation',
    ],
    [
      'a nested unknown field',
      (a: string) =>
        personApplication(a, {
          applicant: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X', isAdmin: true },
        }),
      'applicant.isAdmin',
      'whitelistValidation',
    ],
  ])(
    'should refuse an online application with %s (400, field-level) and create nothing',
    async (_name, body, field, code) => {
      const before = await count();
      const res = await portal.http.post('/api/portal/requests').set(citizen).send(body(sfq())).expect(400);
      expect(res.body.code).toBe('VALIDATION.FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      expect(await count()).toBe(before);
    },
  );

  it('should refuse __proto__ in the body and create nothing', async () => {
    const before = await count();
    const raw = JSON.stringify(personApplication(sfq())).replace(/^\{/, '{"__proto__":{"status":"replied"},');
    const res = await portal.http
      .post('/api/portal/requests')
      .set(citizen)
      .set('Content-Type', 'application/json')
      .send(raw)
      .expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(await count()).toBe(before);
  });

  it('should refuse a receipt date in the future with a field-level message', async () => {
    const before = await count();
    const res = await console_.http
      .post('/api/console/requests')
      .set(registrar)
      .send(postedRegistration(sfq(), '2026-11-21'))
      .expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'receivedOn', code: 'inFuture', message: '收到申请之日不能晚于今天' }),
    ]);
    expect(await count()).toBe(before);
  });

  it('should give 50 parallel online applications 50 distinct, gap-free numbers', async () => {
    const agency = agencies.get('sfq-jyj')!.id;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        portal.http.post('/api/portal/requests').set(citizen).send(personApplication(agency)),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const seqs = (await ds.getRepository(RequestEntity).findBy({ agencyId: agency }))
      .map((r) => r.seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.body.number)).size).toBe(50);
  });

  it('should create one request for 20 concurrent retries with one Idempotency-Key', async () => {
    const agency = agencies.get('sfq-zjj')!.id;
    const body = personApplication(agency);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        portal.http
          .post('/api/portal/requests')
          .set(citizen)
          .set('Idempotency-Key', 'retry-key-0001')
          .send(body),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await ds.getRepository(RequestEntity).countBy({ agencyId: agency })).toBe(1);
    expect(await ds.getRepository(RequestEventEntity).countBy({ requestId: results[0].body.id })).toBe(1);

    const reused = await portal.http
      .post('/api/portal/requests')
      .set(citizen)
      .set('Idempotency-Key', 'retry-key-0001')
      .send({ ...body, phone: '13900000000' })
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await ds.getRepository(IdempotencyKeyEntity).count()).toBe(1);
  });
});
