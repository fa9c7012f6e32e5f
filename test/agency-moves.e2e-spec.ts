import { FrozenClock, bearer, createStaff, signIn, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * Moving an agency in the tree (with everything under it): never into itself, never a top-level
 * government, only within the administrator's reach, and never where it would change a published,
 * locked subtree report; the new path carries to every agency below.
 */
describe('moving an agency', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  let sys: Record<string, string>;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    await desk.start(db().url);
    sys = bearer(await signIn(desk.console.http, 'console', 'sysadmin'));
    for (const code of ['sfq', 'sfq-jyj', 'sfq-scj', 'sfq-xsjd']) {
      id[code] = desk.agencies.get(code)!.id;
    }
  });
  afterAll(() => desk.close());

  const create = async (parentId: string, code: string) =>
    (
      await desk.console.http
        .post('/api/console/agencies')
        .set(sys)
        .send({
          parentId,
          code,
          kind: 'department',
          name: `机关${code}`,
          shortName: `机关${code}`,
          reconsiderationBody: '示范区人民政府',
          court: '示范区人民法院',
        })
        .expect(201)
    ).body.id as string;
  const move = (agencyId: string, parentId: string) =>
    desk.console.http.post(`/api/console/agencies/${agencyId}/move`).set(sys).send({ parentId });
  const pathOf = async (agencyId: string) =>
    (await desk.ds.query<{ path: string }[]>('SELECT path FROM agency WHERE id = $1', [agencyId]))[0].path;

  it('should move an agency with its subtree, and refuse a move into itself or of a government', async () => {
    const office = await create(id['sfq-jyj'], 'zsb');
    const desk2 = await create(office, 'zsb-1');
    const moved = await move(office, id['sfq-scj']).expect(200);
    expect(moved.body.parentId).toBe(id['sfq-scj']);
    expect(await pathOf(office)).toBe(`${await pathOf(id['sfq-scj'])}${office}/`);
    expect(await pathOf(desk2)).toBe(`${await pathOf(id['sfq-scj'])}${office}/${desk2}/`);

    const inside = await move(office, desk2).expect(400);
    expect(inside.body.details[0]).toMatchObject({ field: 'parentId', code: 'parentId.insideItself' });
    const root = await move(id.sfq, id['sfq-jyj']).expect(400);
    expect(root.body.details[0]).toMatchObject({ field: 'parentId', code: 'parentId.root' });
    const bad = await move(office, 'not-a-uuid').expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'parentId' });
    const audit = await desk.ds.query<{ details: { toParentId: string } }[]>(
      `SELECT details FROM audit_log WHERE action = 'agency.moved' AND object_id = $1`,
      [office],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].details.toParentId).toBe(id['sfq-scj']);
  });

  it("should refuse a street office's administrator moving an agency outside the street office", async () => {
    await createStaff(desk.ds, 'sys.street', [['system_admin', 'sfq-xsjd']], { now: desk.clock.now() });
    const street = bearer(await signIn(desk.console.http, 'console', 'sys.street'));
    const res = await desk.console.http
      .post(`/api/console/agencies/${id['sfq-jyj']}/move`)
      .set(street)
      .send({ parentId: id['sfq-xsjd'] });
    expect([403, 404]).toContain(res.status);
    expect(await pathOf(id['sfq-jyj'])).toBe(`${await pathOf(id.sfq)}${id['sfq-jyj']}/`);
  });

  it('should refuse a move that would change a published, locked subtree report', async () => {
    const office = await create(id['sfq-scj'], 'scj-ks');
    // Last year's ledger at the new office counts in 市场监管局's subtree report, then published.
    await desk.console.http
      .post('/api/console/reports/ledger-imports')
      .set(desk.as.registrar)
      .field('agencyId', office)
      .field('dryRun', 'false')
      .attach(
        'file',
        Buffer.from(
          '申请编号,收到申请日期,申请人类型,办结日期,处理结果\nKS-1,2025-05-06,自然人,2025-05-20,予以公开\n',
        ),
        'ks.csv',
      )
      .expect(201);
    await desk.console.http
      .post('/api/console/reports/publish')
      .set(desk.as.officehead)
      .send({ agencyId: id['sfq-scj'], year: 2025, scope: 'subtree' })
      .expect(201);
    const refused = await move(office, id['sfq-jyj']).expect(409);
    expect(refused.body).toMatchObject({
      code: 'AGENCY.MOVE_CHANGES_PUBLISHED_REPORT',
      details: { year: 2025 },
    });
    expect(await pathOf(office)).toContain(id['sfq-scj']);
    // Within the locked subtree nothing changes for its report: allowed.
    const inner = await create(id['sfq-scj'], 'scj-inner');
    await move(office, inner).expect(200);
  });
});
