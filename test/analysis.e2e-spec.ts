import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';
import { binary } from './support/binary';

type Row = { dim: string; key: string; label: string; n: number; share: number | null };
type Result = {
  received: number;
  concluded: number;
  medianDays: number | null;
  onTimeShare: number | null;
  dims: Record<string, Row[]>;
  remedies: { cases: number };
  lastYear: { from: string; to: string; received: number };
};

/**
 * 多维度分析 over the requests a district handled: each dimension counts what happened (the flags and
 * working days kept by triggers from the events and dates), and every figure drills down to exactly
 * that many requests.
 */
describe('multi-dimensional analysis', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2025-03-03T09:00:00+08:00')); // a Monday
  let sfq: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await desk.start(db().url);
    sfq = desk.agencies.get('sfq')!.id;
    // Last year, the same period: one request.
    await desk.moveTo('2024-03-04');
    await desk.applyAndClaim();
    await desk.moveTo('2025-03-03');
    // Answered on the day (0 working days).
    ids.quick = await desk.applyAndClaim();
    await desk.act('handler', ids.quick, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', ids.quick, 'sign-off', {});
    // A correction notice, then still open.
    ids.corrected = await desk.applyAndClaim();
    await desk.act('handler', ids.corrected, 'issue-correction-notice', { defects: ['请写明年份'] });
    // A consultation, then still open.
    ids.consulted = await desk.applyAndClaim();
    await desk.act('handler', ids.consulted, 'open-consultation', {
      party: 'third_party',
      partyName: '示范建设有限公司',
      subject: '贵公司投标文件中的报价明细',
    });
    // Extended, then answered a week later (Mon 3 → Mon 10 March: 5 working days).
    ids.extended = await desk.applyAndClaim();
    await desk.act('handler', ids.extended, 'request-extension', {
      workingDays: 15,
      reason: '需协调多个部门',
    });
    await desk.act('officehead', ids.extended, 'approve-extension', {});
    await desk.moveTo('2025-03-10');
    await desk.act('handler', ids.extended, 'draft-reply', {
      items: [{ position: 1, outcome: 'withhold.process_info', reasons: '属于过程性信息' }],
    });
    await desk.act('legal', ids.extended, 'approve-review', {});
    await desk.act('signer', ids.extended, 'sign-off', {});
  }, 120_000);
  afterAll(() => desk.close());

  const analyse = async (query: Record<string, string> = {}) =>
    (
      await desk.console.http
        .get('/api/console/analysis')
        .query({ agencyId: sfq, from: '2025-01-01', to: '2025-03-10', ...query })
        .set(desk.as.officehead)
        .expect(200)
    ).body as Result;

  it('should count the period along every dimension, with working days and the flags', async () => {
    const r = await analyse();
    expect(r.received).toBe(4);
    expect(r.concluded).toBe(2);
    expect(r.medianDays).toBe(2.5); // 0 and 5 working days
    expect(r.onTimeShare).toBe(1);
    const n = (dim: string, key: string) => r.dims[dim].find((x) => x.key === key)?.n ?? 0;
    expect(n('month', '2025-03')).toBe(4);
    expect(n('concluded_month', '2025-03')).toBe(2);
    expect(n('group', 'disclose')).toBe(1);
    expect(n('group', 'withhold')).toBe(1);
    expect(n('group', '')).toBe(2);
    expect(n('disposition', 'withhold.process_info')).toBe(1);
    expect(n('timeliness', 'on_time')).toBe(1);
    expect(n('timeliness', 'extended')).toBe(1);
    expect(n('timeliness', 'open')).toBe(2);
    expect(n('flag', 'correction_noticed')).toBe(1);
    expect(n('flag', 'consulted')).toBe(1);
    expect(n('flag', 'extended')).toBe(1);
    expect(n('applicant_type', 'natural_person')).toBe(4);
    expect(n('channel', 'online')).toBe(4);
    expect(r.dims.unit.find((u) => u.key === '')!.label).toContain('本机关');
    expect(r.lastYear).toMatchObject({ from: '2024-01-01', to: '2024-03-10', received: 1 });
    // Filters narrow every figure.
    expect((await analyse({ applicantType: 'commercial_enterprise' })).received).toBe(0);
  });

  it.each([
    ['2025-03-03', '2025-03-10', 5], // Monday to Monday
    ['2025-04-03', '2025-04-07', 1], // 清明 on Friday 4 April, then the weekend
    ['2025-04-25', '2025-04-28', 2], // Sunday 27 April is a make-up working day
    ['2025-03-03', '2025-03-03', 0],
  ])('should count working days from %s to %s in the national calendar as %i', async (from, to, expected) => {
    const [{ n }] = await desk.ds.query<{ n: number }[]>(`SELECT gk_working_days('national', $1, $2) AS n`, [
      from,
      to,
    ]);
    expect(n).toBe(expected);
  });

  it('should drill down from every figure to exactly its requests', async () => {
    const r = await analyse();
    for (const dim of Object.keys(r.dims)) {
      for (const row of r.dims[dim]) {
        const list = await desk.console.http
          .get('/api/console/analysis/requests')
          .query({ agencyId: sfq, from: '2025-01-01', to: '2025-03-10', dim, key: row.key })
          .set(desk.as.officehead)
          .expect(200);
        expect([dim, row.key, list.body.total]).toEqual([dim, row.key, row.n]);
      }
    }
    const flagged = await desk.console.http
      .get('/api/console/analysis/requests')
      .query({ agencyId: sfq, from: '2025-01-01', to: '2025-03-10', dim: 'flag', key: 'extended' })
      .set(desk.as.officehead)
      .expect(200);
    expect(flagged.body.rows).toEqual([expect.objectContaining({ id: ids.extended, workingDays: 5 })]);
  });

  it('should refuse a bad period field by field, and keep other agencies out', async () => {
    const bad = await desk.console.http
      .get('/api/console/analysis')
      .query({ agencyId: sfq, from: '2025-13-01', to: '2025-03-10' })
      .set(desk.as.officehead)
      .expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'from' });
    const reversed = await desk.console.http
      .get('/api/console/analysis')
      .query({ agencyId: sfq, from: '2025-03-10', to: '2025-01-01' })
      .set(desk.as.officehead)
      .expect(400);
    expect(reversed.body.details[0]).toMatchObject({ field: 'to', code: 'to.beforeFrom' });
    const other = await desk.console.http
      .get('/api/console/analysis')
      .query({ agencyId: sfq, from: '2025-01-01', to: '2025-03-10' })
      .set(desk.as['handler.jyj']);
    expect([403, 404]).toContain(other.status);
  });

  it('should export the figures as CSV and XLSX from the page', async () => {
    const token = String(desk.as.officehead.Authorization).replace(/^Bearer /, '');
    const query = `agencyId=${sfq}&from=2025-01-01&to=2025-03-10`;
    const page = await desk.console.http
      .get(`/analysis?${query}`)
      .set('Cookie', `gk_staff=${token}`)
      .expect(200);
    expect(page.text).toContain('多维度分析');
    expect(page.text.match(/<figure class="chart">/g)).toHaveLength(5);
    const csv = await desk.console.http
      .get(`/analysis/export.csv?${query}`)
      .set('Cookie', `gk_staff=${token}`)
      .expect(200);
    expect(csv.text).toContain(`"办理时效","延期后按期办结","1","25"`);
    const xlsx = await desk.console.http
      .get(`/analysis/export.xlsx?${query}`)
      .set('Cookie', `gk_staff=${token}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });
});
