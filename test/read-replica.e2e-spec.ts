import { AnalysisService } from '@gongkai/core/reports';
import { Clock, ReadDatabase } from '@gongkai/core/platform';
import { FrozenClock, bearer, createTestDatabase, signIn, useTestDatabase } from '@gongkai/testing';
import type { TestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * DATABASE_READ_URL: the analysis page and the case library search read a replica (here a second, empty
 * database stands in for one, so where each figure came from shows), and the page says so with the
 * replica's lag; everything else — writes, the agency checks, the audit row of a search — stays on the
 * primary.
 */
describe('reads that may be seconds old on a replica', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2025-03-03T09:00:00+08:00'));
  let replica: TestDatabase;
  let head: Record<string, string>;

  beforeAll(async () => {
    replica = await createTestDatabase();
    await desk.start(db().url, {}, [], { databaseReadUrl: replica.url });
    head = bearer(await signIn(desk.console.http, 'console', 'officehead'));
    await desk.applyAndClaim();
    await desk.applyAndClaim();
  }, 60_000);
  afterAll(async () => {
    await desk.close();
    await replica?.drop();
  });

  const query = () => ({ agencyId: desk.agencies.get('sfq')!.id, from: '2025-01-01', to: '2025-12-31' });

  it('should read the analysis figures from the replica and say where they came from', async () => {
    const res = await desk.console.http.get('/api/console/analysis').query(query()).set(head).expect(200);
    // The stand-in replica has none of the primary's requests.
    expect(res.body).toMatchObject({ received: 0, source: { replica: true, lagSeconds: null } });
    const onPrimary = new AnalysisService(
      desk.ds,
      desk.console.app.get(Clock),
      new ReadDatabase(desk.ds, false),
    );
    expect(await onPrimary.analyse(null, query())).toMatchObject({
      received: 2,
      source: { replica: false, lagSeconds: null },
    });
    const token = String(head.Authorization).replace(/^Bearer /, '');
    const page = await desk.console.http
      .get('/analysis')
      .query(query())
      .set('Cookie', `gk_staff=${token}`)
      .expect(200);
    expect(page.text).toContain('data-source="replica"');
    expect(page.text).toContain('数据读自只读副本');
  });

  it('should search the case library on the replica, and write its audit row on the primary', async () => {
    await desk.console.http
      .post('/api/console/library')
      .set(head)
      .send({
        kind: 'law',
        title: '政府信息公开条例',
        body: '第三十三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。',
      })
      .expect(201);
    const found = await desk.console.http
      .get('/api/console/library')
      .query({ q: '当场答复' })
      .set(head)
      .expect(200);
    expect(found.body.total).toBe(0);
    const audited = await desk.ds.query(`SELECT 1 FROM audit_log WHERE action = 'library.searched'`);
    expect(audited).toHaveLength(1);
  });
});
