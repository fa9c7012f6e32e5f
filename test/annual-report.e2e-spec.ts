import { FrozenClock, bearer, signIn, useTestDatabase } from '@gongkai/testing';
import { SweepService } from '@gongkai/core/handling';
import { postedRegistration } from './support/applications';
import { Desk } from './support/desk';

/**
 * the worked example of docs/domain-rules.md, carried through the real lifecycle: six requests at the district
 * government over 2024–2025, then Table 3 for 2025 exactly as the spec prints it, the checks against
 * the published 2024 report, the drill-down, and the lock a publication puts on its year.
 */
describe('annual report: the worked example', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2024-12-20T09:00:00+08:00'));
  const ids: Record<string, string> = {};
  let sfq: string;

  beforeAll(async () => {
    await desk.start(db().url);
    sfq = desk.agencies.get('sfq')!.id;
  });
  afterAll(() => desk.close());

  async function register(receivedOn: string, overrides: Record<string, unknown> = {}) {
    const res = await desk.console.http
      .post('/api/console/requests')
      .set(desk.as.registrar)
      .send(postedRegistration(sfq, receivedOn, overrides));
    if (res.status !== 201) {
      throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const id = res.body.requests[0].id as string;
    await desk.act('handler', id, 'claim', {});
    return id;
  }

  async function reply(id: string, outcomes: string[], review: boolean, topic: string) {
    await desk.act('handler', id, 'draft-reply', {
      topic,
      items: outcomes.map((outcome, i) => ({
        position: i + 1,
        outcome,
        reasons: outcome === 'disclose.full' ? undefined : '经检索，本机关未制作或获取该信息',
        provision: outcome === 'disclose.full' ? '见附件' : undefined,
      })),
    });
    if (review) {
      await desk.act('legal', id, 'approve-review', {});
    }
    await desk.act('signer', id, 'sign-off', {});
  }

  const table3 = async (year: number, scope = 'agency') =>
    (
      await desk.console.http
        .get('/api/console/reports/table3')
        .query({ agencyId: sfq, year, scope })
        .set(desk.as.officehead)
        .expect(200)
    ).body as {
      rows: { key: string; values: Record<string, number> }[];
      checks: { rule: string; column?: string; ok: boolean }[];
      ok: boolean;
      lastYear: { published: boolean };
      format: string;
    };
  const c1c2c5c7 = (t: Awaited<ReturnType<typeof table3>>, key: string) => {
    const v = t.rows.find((r) => r.key === key)!.values;
    return [v.natural_person, v.commercial_enterprise, v.legal_service_org, v.total];
  };

  it('should carry A–F through their lifecycles on their dates', async () => {
    ids.A = await register('2024-12-20');

    await desk.moveTo('2025-01-06');
    // The 2024 report: A is carried forward. Publishing it locks 2024.
    const t2024 = await table3(2024);
    expect(c1c2c5c7(t2024, 'carried_forward')).toEqual([1, 0, 0, 1]);
    await desk.console.http
      .post('/api/console/reports/publish')
      .set(desk.as.officehead)
      .send({ agencyId: sfq, year: 2024, scope: 'agency' })
      .expect(201);

    await desk.moveTo('2025-01-15');
    await reply(ids.A, ['disclose.full'], false, '城乡建设');

    await desk.moveTo('2025-03-03');
    ids.B = await register('2025-03-03', {
      applicantType: 'commercial_enterprise',
      applicant: { name: '示范建设有限公司', creditCode: '91350100M000100Y43', contactPerson: '王经理' },
      items: [{ description: '项目批复文件' }, { description: '项目内部讨论记录' }],
    });
    await desk.moveTo('2025-03-20');
    await reply(ids.B, ['disclose.full', 'withhold.process_info'], true, '城乡建设');

    await desk.moveTo('2025-05-06');
    ids.C = await register('2025-05-06');
    await desk.act('handler', ids.C, 'issue-correction-notice', { defects: ['所需信息的名称不明确'] });
    await desk.moveTo('2025-06-10');
    expect((await desk.console.app.get(SweepService).run()).proposals).toBeGreaterThanOrEqual(1);
    await desk.act('officehead', ids.C, 'terminate', { code: 'other.no_correction' });

    await desk.moveTo('2025-07-01');
    ids.D = await register('2025-07-01', {
      applicantType: 'legal_service_org',
      applicant: { name: '示范律师事务所', creditCode: '91350100M000100Y43', contactPerson: '李律师' },
    });
    await desk.moveTo('2025-07-25');
    await reply(ids.D, ['unavailable.not_held'], false, '财政预算');

    await desk.moveTo('2025-08-01');
    const online = await desk.portal.http
      .post('/api/portal/requests')
      .set(desk.as.citizen)
      .send({
        agencyId: sfq,
        applicantType: 'natural_person',
        applicant: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
        phone: '13812345678',
        items: [{ description: '2025 年示范区老旧小区改造项目清单' }],
        formOfProvision: 'electronic',
        deliveryChannel: 'online',
      })
      .expect(201);
    ids.E = online.body.id as string;
    await desk.moveTo('2025-08-05');
    await desk.portal.http
      .post(`/api/portal/requests/${ids.E}/withdraw`)
      .set(desk.as.citizen)
      .send({})
      .expect(200);

    await desk.moveTo('2025-12-22');
    ids.F = await register('2025-12-22');

    const concluded = Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(async ([k, id]) => {
          const r = await desk.row(id);
          return [k, [r.receivedOn, r.concludedOn, r.disposition]] as const;
        }),
      ),
    );
    expect(concluded).toEqual({
      A: ['2024-12-20', '2025-01-15', 'disclose.full'],
      B: ['2025-03-03', '2025-03-20', 'disclose.partial'],
      C: ['2025-05-06', '2025-06-10', 'other.no_correction'],
      D: ['2025-07-01', '2025-07-25', 'unavailable.not_held'],
      E: ['2025-08-01', '2025-08-05', 'other.other'],
      F: ['2025-12-22', null, null],
    });
  }, 120_000);

  it('should fill Table 3 for 2025 exactly as docs/domain-rules.md prints it, with every check passing', async () => {
    await desk.moveTo('2026-01-05');
    const t = await table3(2025);
    expect(t.format).toBe('2021');
    const expected: Record<string, number[]> = {
      new: [3, 1, 1, 5],
      carried_over: [1, 0, 0, 1],
      'disclose.full': [1, 0, 0, 1],
      'disclose.partial': [0, 1, 0, 1],
      'unavailable.not_held': [0, 0, 1, 1],
      'other.no_correction': [1, 0, 0, 1],
      'other.other': [1, 0, 0, 1],
      total: [3, 1, 1, 5],
      carried_forward: [1, 0, 0, 1],
    };
    for (const row of t.rows) {
      expect([row.key, c1c2c5c7(t, row.key)]).toEqual([row.key, expected[row.key] ?? [0, 0, 0, 0]]);
      expect([
        row.key,
        row.values.research_institution,
        row.values.public_welfare_org,
        row.values.other_org,
      ]).toEqual([row.key, 0, 0, 0]);
    }
    // Check C1: 3 + 1 = 3 + 1; and 二 = the published 四 of 2024.
    expect(t.lastYear.published).toBe(true);
    expect(t.checks.filter((c) => !c.ok)).toEqual([]);
    expect(t.checks.filter((c) => c.rule === 'P4')).toHaveLength(7);
    // The whole tree counts the same six here (nothing elsewhere in the demo district).
    expect((await table3(2025, 'subtree')).rows).toEqual(t.rows);
  });

  it('should list the requests behind a cell', async () => {
    const cell = async (row: string, column: string) =>
      (
        await desk.console.http
          .get('/api/console/reports/table3/cell')
          .query({ agencyId: sfq, year: 2025, scope: 'agency', row, column })
          .set(desk.as.officehead)
          .expect(200)
      ).body as { total: number; requests: { id: string; imported: boolean }[] };
    expect((await cell('other.other', 'natural_person')).requests.map((r) => r.id)).toEqual([ids.E]);
    expect((await cell('new', 'total')).requests.map((r) => r.id).sort()).toEqual(
      [ids.B, ids.C, ids.D, ids.E, ids.F].sort(),
    );
    expect((await cell('carried_forward', 'natural_person')).requests.map((r) => r.id)).toEqual([ids.F]);
    expect((await cell('total', 'commercial_enterprise')).requests.map((r) => r.id)).toEqual([ids.B]);
    const bad = await desk.console.http
      .get('/api/console/reports/table3/cell')
      .query({ agencyId: sfq, year: 2025, row: 'other', column: 'total' })
      .set(desk.as.officehead)
      .expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'row', code: 'row.unknown' });
  });

  it('should write the narrative from the same counts', async () => {
    const res = await desk.console.http
      .get('/api/console/reports/annual')
      .query({ agencyId: sfq, year: 2025, scope: 'agency' })
      .set(desk.as.officehead)
      .expect(200);
    expect(res.body.narrative).toContain(
      '共收到政府信息公开申请5件，较上年增加4件（增长400.0%），上年结转1件',
    );
    expect(res.body.narrative).toContain('申请内容主要涉及城乡建设（1件）、财政预算（1件）等方面');
    expect(res.body.narrative).toContain('予以公开1件，占20.0%');
    expect(res.body.narrative).toContain('结转下年度继续办理1件');
  });

  it('should publish 2025 and refuse a change that would alter it until an administrator unlocks it', async () => {
    const handlerPublish = await desk.console.http
      .post('/api/console/reports/publish')
      .set(desk.as.handler)
      .send({ agencyId: sfq, year: 2025, scope: 'agency' });
    expect(handlerPublish.status).toBe(403);
    const unfinished = await desk.console.http
      .post('/api/console/reports/publish')
      .set(desk.as.officehead)
      .send({ agencyId: sfq, year: 2026, scope: 'agency' })
      .expect(400);
    expect(unfinished.body.details[0]).toMatchObject({ field: 'year', code: 'year.notOver' });

    const published = await desk.console.http
      .post('/api/console/reports/publish')
      .set(desk.as.officehead)
      .send({ agencyId: sfq, year: 2025, scope: 'agency' })
      .expect(201);
    expect(published.body).toMatchObject({ year: 2025, version: 1, locked: true });
    expect(published.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await desk.console.http
      .post('/api/console/reports/publish')
      .set(desk.as.officehead)
      .send({ agencyId: sfq, year: 2025, scope: 'agency' })
      .expect(409);
    expect(again.body.code).toBe('REPORT.ALREADY_PUBLISHED');

    // A paper application received on 30 Dec 2025 and registered only now would change 一 and 四.
    const before = await desk.ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM request');
    const late = await desk.console.http
      .post('/api/console/requests')
      .set(desk.as.registrar)
      .send(postedRegistration(sfq, '2025-12-30'));
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'REPORT.YEAR_LOCKED', details: { year: 2025 } });
    expect(await desk.ds.query('SELECT count(*)::int AS n FROM request')).toEqual(before);

    // Concluding F now (2026) does not alter 2025 (it stays carried forward): allowed.
    await desk.act('handler', ids.F, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', ids.F, 'sign-off', {});

    // The administrator unlocks with a reason (audited); then the registration goes through.
    const admin = bearer(await signIn(desk.console.http, 'console', 'sysadmin'));
    await desk.console.http
      .post('/api/console/reports/unlock')
      .set(admin)
      .send({ agencyId: sfq, year: 2025, scope: 'agency', reason: '补录漏登的邮寄申请' })
      .expect(200);
    const audit = await desk.ds.query<{ actor: string; details: { reason: string } }[]>(
      `SELECT actor, details FROM audit_log WHERE action = 'report.unlocked'`,
    );
    expect(audit).toEqual([
      { actor: 'sysadmin', details: expect.objectContaining({ reason: '补录漏登的邮寄申请' }) },
    ]);
    await desk.console.http
      .post('/api/console/requests')
      .set(desk.as.registrar)
      .send(postedRegistration(sfq, '2025-12-30'))
      .expect(201);
    // The published snapshot still says what was published; a republication is version 2.
    const latest = await desk.console.http
      .get('/api/console/reports/published')
      .query({ agencyId: sfq, year: 2025, scope: 'agency' })
      .set(desk.as.officehead)
      .expect(200);
    expect(latest.body).toMatchObject({ version: 1, locked: false });
    const republished = await desk.console.http
      .post('/api/console/reports/publish')
      .set(desk.as.officehead)
      .send({ agencyId: sfq, year: 2025, scope: 'agency' })
      .expect(201);
    expect(republished.body.version).toBe(2);
    expect(republished.body.table3.rows.find((r: { key: string }) => r.key === 'new').values.total).toBe(6);
  });
});
