import { FrozenClock, bearer, signIn, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

const PEOPLE = [
  { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
  { name: '李四', idType: 'resident_id', idNumber: '110105198001010016' },
  { name: '王五', idType: 'resident_id', idNumber: '440524188001010014' },
];

/**
 * 转主动公开: several people asking for the same information form a group; marking it as published
 * proactively is recorded and audited, a later request like it tells its handler where it was published,
 * and the annual narrative counts the requests that led to it.
 */
describe('proactive disclosure of what many people ask for', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2025-03-03T09:00:00+08:00'));
  let sfq: string;
  let head: Record<string, string>;
  const query = () => ({ agencyId: sfq, from: '2025-01-01', to: '2025-12-31' });

  beforeAll(async () => {
    await desk.start(db().url);
    sfq = desk.agencies.get('sfq')!.id;
    head = bearer(await signIn(desk.console.http, 'console', 'officehead'));
    const asks = [
      '建设路拓宽工程征地拆迁补偿安置方案',
      '请公开建设路拓宽工程拆迁补偿安置方案全文',
      '建设路道路拓宽项目征地补偿安置方案',
      '申请公开建设路拓宽工程征地拆迁补偿安置方案及批复',
      '建设路拓宽工程的拆迁补偿安置方案（含附件）',
    ];
    for (const [i, description] of asks.entries()) {
      await desk.applyAndClaim(1, { items: [{ description }], applicant: PEOPLE[i % 3] });
    }
    await desk.applyAndClaim(1, { items: [{ description: '示范小学2025年学区划分方案' }] });
  }, 120_000);
  afterAll(() => desk.close());

  it('should find the group, record its publication (audited) and point a later request to it', async () => {
    const candidates = await desk.console.http
      .get('/api/console/disclosure/candidates')
      .query(query())
      .set(head)
      .expect(200);
    expect(candidates.body).toHaveLength(1);
    const group = candidates.body[0] as { key: string; size: number; applicants: number; keywords: string[] };
    expect(group).toMatchObject({ size: 5, applicants: 3 });
    expect(group.keywords.join('')).toContain('拆迁');

    const bad = await desk.console.http
      .post('/api/console/disclosure')
      .set(head)
      .send({ ...query(), key: group.key, title: '', url: 'ftp://x', publishedOn: '2025-13-01' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'publishedOn',
      'title',
      'url',
    ]);
    await desk.console.http
      .post('/api/console/disclosure')
      .set(desk.as.handler)
      .send({ ...query(), key: group.key, title: 'x', url: 'https://x.cn', publishedOn: '2025-03-01' })
      .expect(403);
    await desk.console.http
      .post('/api/console/disclosure')
      .set(head)
      .send({
        ...query(),
        key: group.key,
        title: '建设路拓宽工程征地拆迁补偿安置方案',
        url: 'https://www.sfq.gov.cn/zwgk/2025/0301.html',
        publishedOn: '2025-03-03',
      })
      .expect(201);
    const audit = await desk.ds.query(`SELECT 1 FROM audit_log WHERE action = 'disclosure.marked'`);
    expect(audit).toHaveLength(1);
    const again = await desk.console.http.get('/api/console/disclosure/candidates').query(query()).set(head);
    expect(again.body[0].published).toMatchObject({ publishedOn: '2025-03-03' });

    const later = await desk.applyAndClaim(1, {
      items: [{ description: '申请获取建设路拓宽征收补偿安置方案' }],
      applicant: PEOPLE[1],
    });
    const hints = await desk.console.http
      .get(`/api/console/requests/${later}/hints`)
      .set(desk.as.handler)
      .expect(200);
    expect(hints.body.published).toEqual([
      expect.objectContaining({
        url: 'https://www.sfq.gov.cn/zwgk/2025/0301.html',
        publishedOn: '2025-03-03',
      }),
    ]);
    const unrelated = await desk.applyAndClaim(1, {
      items: [{ description: '东湖公园改造工程环境影响评价报告' }],
    });
    const none = await desk.console.http.get(`/api/console/requests/${unrelated}/hints`).set(desk.as.handler);
    expect(none.body.published).toEqual([]);
    const token = String(desk.as.handler.Authorization).replace(/^Bearer /, '');
    const page = await desk.console.http
      .get(`/requests/${later}`)
      .set('Cookie', `gk_staff=${token}`)
      .expect(200);
    expect(page.text).toContain('已主动公开');
    expect(page.text).toContain('https://www.sfq.gov.cn/zwgk/2025/0301.html');

    const headToken = String(head.Authorization).replace(/^Bearer /, '');
    const list = await desk.console.http
      .get('/analysis/disclosure?from=2025-01-01&to=2025-12-31')
      .set('Cookie', `gk_staff=${headToken}`)
      .expect(200);
    expect(list.text).toContain('已转为主动公开');

    const annual = await desk.console.http
      .get('/api/console/reports/annual')
      .query({ agencyId: sfq, year: 2025, format: 'json' })
      .set(head)
      .expect(200);
    expect(annual.body.narrative).toContain('有5件所涉及的信息因申请较为集中已转为主动公开');
  });
});
