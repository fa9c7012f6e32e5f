import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';
import { binary } from './support/binary';

/** GBK bytes of the characters the GBK test uses, found by decoding every two-byte GBK code. */
const GBK = (() => {
  const map = new Map<string, Buffer>();
  const decoder = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const bytes = Buffer.from([hi, lo]);
      const ch = decoder.decode(bytes);
      if (ch.length === 1 && !map.has(ch)) {
        map.set(ch, bytes);
      }
    }
  }
  return map;
})();

/** A ledger workbook as spreadsheet programs write it: shared strings and date-formatted cells. */
async function ledgerXlsx(rows: (string | { date: string })[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      const cell = ws.getCell(r + 1, c + 1);
      if (typeof v === 'object') {
        cell.value = new Date(`${v.date}T00:00:00Z`);
        cell.numFmt = 'yyyy/m/d';
      } else {
        cell.value = v;
      }
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Ledger import (P9), Table 4 from recorded cases, and the exports of the annual report. */
describe('annual report: ledger, Table 4 and exports', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2025-11-03T09:00:00+08:00'));
  let sfq: string;
  let jyj: string;
  let requestId: string;

  beforeAll(async () => {
    await desk.start(db().url);
    sfq = desk.agencies.get('sfq')!.id;
    jyj = desk.agencies.get('sfq-jyj')!.id;
  });
  afterAll(() => desk.close());

  const upload = (file: Buffer, name: string, agencyId: string, dryRun = false) =>
    desk.console.http
      .post('/api/console/reports/ledger-imports')
      .set(desk.as.registrar)
      .field('agencyId', agencyId)
      .field('dryRun', String(dryRun))
      .attach('file', file, name);

  const table4 = async (year: number) =>
    (
      await desk.console.http
        .get('/api/console/reports/table4')
        .query({ agencyId: sfq, year })
        .set(desk.as.officehead)
        .expect(200)
    ).body.table4 as Record<string, Record<string, number>>;

  it('should count reconsiderations and lawsuits in the year filed, with the result as of 31 December', async () => {
    requestId = await desk.applyAndClaim();
    await desk.act('handler', requestId, 'draft-reply', {
      items: [{ position: 1, outcome: 'withhold.process_info', reasons: '属于过程性信息' }],
    });
    await desk.act('legal', requestId, 'approve-review', {});
    await desk.act('signer', requestId, 'sign-off', {});

    await desk.moveTo('2025-11-20');
    const url = `/api/console/requests/${requestId}/remedy-cases`;
    const recon = await desk.console.http
      .post(url)
      .set(desk.as.legal)
      .send({ kind: 'reconsideration', filedOn: '2025-11-20', body: '示范市人民政府' })
      .expect(201);
    await desk.console.http
      .post(url)
      .set(desk.as.legal)
      .send({ kind: 'litigation_direct', filedOn: '2025-11-20', body: '示范区人民法院' })
      .expect(201);
    const future = await desk.console.http
      .post(url)
      .set(desk.as.legal)
      .send({ kind: 'reconsideration', filedOn: '2025-11-21', body: '示范市人民政府' })
      .expect(400);
    expect(future.body.details[0]).toMatchObject({ field: 'filedOn', code: 'filedOn.outOfRange' });
    await desk.console.http
      .post(url)
      .set(desk.as.signer)
      .send({ kind: 'reconsideration', filedOn: '2025-11-20', body: '示范市人民政府' })
      .expect(403);

    await desk.moveTo('2025-12-15');
    const onlyResult = await desk.console.http
      .put(`${url}/${recon.body.id}`)
      .set(desk.as.legal)
      .send({ result: 'corrected', version: 1 })
      .expect(400);
    expect(onlyResult.body.details[0]).toMatchObject({ field: 'concludedOn' });
    await desk.console.http
      .put(`${url}/${recon.body.id}`)
      .set(desk.as.legal)
      .send({ result: 'corrected', concludedOn: '2025-12-15', version: 1 })
      .expect(200);
    const stale = await desk.console.http
      .put(`${url}/${recon.body.id}`)
      .set(desk.as.legal)
      .send({ result: 'upheld', concludedOn: '2025-12-15', version: 1 })
      .expect(409);
    expect(stale.body.code).toBe('REMEDY_CASE.STALE_VERSION');

    await desk.moveTo('2026-02-02');
    const cases = await desk.console.http.get(url).set(desk.as.handler).expect(200);
    const lawsuit = (cases.body as { id: string; kind: string; version: number }[]).find(
      (c) => c.kind === 'litigation_direct',
    )!;
    await desk.console.http
      .put(`${url}/${lawsuit.id}`)
      .set(desk.as.legal)
      .send({ result: 'upheld', concludedOn: '2026-01-30', version: lawsuit.version })
      .expect(200);
    const t = await table4(2025);
    expect(t.reconsideration).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
    expect(t.litigation_direct).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(t.litigation_after_reconsideration.total).toBe(0);
    expect((await table4(2026)).litigation_direct.total).toBe(0);
  });

  const GOOD_CSV =
    '申请编号,收到申请日期,申请人类型,办结日期,处理结果,主题\r\n' +
    '旧台账-001,2025/3/3,自然人,2025/3/20,予以公开,教育\r\n' +
    '旧台账-002,2025年4月1日,商业企业,2025年4月20日,不予公开·属于国家秘密,教育\r\n' +
    '旧台账-003,2024-12-30,legal_service_org,2025-01-08,属于四类过程性信息,"招生, 入学"\r\n' +
    '旧台账-004,2025-05-06,其他,2025-05-10,other.other,\r\n';

  it('should check every row of a ledger and import nothing while any row is wrong', async () => {
    const bad =
      '申请编号,收到申请日期,申请人类型,办结日期,处理结果\n' +
      'X-1,2025-03-03,自然人,2025-03-01,予以公开\n' +
      'X-2,2025-03-03,个体户,2025-03-20,予以公开\n' +
      'X-1,2025-03-03,自然人,,予以公开\n' +
      'X-4,2025-02-30,自然人,2025-03-20,全部公开\n';
    const res = await upload(Buffer.from(bad), 'ledger.csv', sfq).expect(400);
    expect(res.body.code).toBe('LEDGER.ROWS_INVALID');
    expect(
      (res.body.details.problems as { row: number; field: string; code: string }[]).map((p) => [
        p.row,
        p.field,
        p.code,
      ]),
    ).toEqual([
      [1, 'concludedOn', 'concludedOn.beforeReceipt'],
      [2, 'applicantType', 'applicantType.unknown'],
      [3, 'number', 'number.duplicateInFile'],
      [3, 'concludedOn', 'concludedOn.required'],
      [4, 'receivedOn', 'receivedOn.invalid'],
      [4, 'disposition', 'disposition.unknown'],
    ]);
    expect(res.body.details).toMatchObject({ rows: 4, accepted: 0, rejected: 4 });
    const missing = await upload(Buffer.from('编号,收到日期\nA,2025-01-01\n'), 'x.csv', sfq).expect(400);
    expect(missing.body.details.problems.map((p: { field: string }) => p.field)).toEqual([
      'applicantType',
      'concludedOn',
      'disposition',
    ]);
    expect(await desk.ds.query('SELECT count(*)::int AS n FROM ledger_entry')).toEqual([{ n: 0 }]);
  });

  it('should import a CSV ledger once, read-only, counted in Table 3 and marked as imported', async () => {
    const dry = await upload(Buffer.from(GOOD_CSV), '2025台账.csv', sfq, true).expect(201);
    expect(dry.body).toMatchObject({ dryRun: true, importId: null, accepted: 4, problems: [] });
    expect(await desk.ds.query('SELECT count(*)::int AS n FROM ledger_entry')).toEqual([{ n: 0 }]);

    const first = await upload(Buffer.from(GOOD_CSV), '2025台账.csv', sfq).expect(201);
    expect(first.body).toMatchObject({ replayed: false, accepted: 4, rejected: 0 });
    const again = await upload(Buffer.from(GOOD_CSV), '2025台账.csv', sfq).expect(201);
    expect(again.body).toMatchObject({ replayed: true, importId: first.body.importId });
    const entries = await desk.ds.query<
      { number: string; disposition: string; applicant_type: string; topic: string }[]
    >('SELECT number, disposition, applicant_type, topic FROM ledger_entry ORDER BY number');
    expect(entries.map((e) => [e.number, e.applicant_type, e.disposition, e.topic])).toEqual([
      ['旧台账-001', 'natural_person', 'disclose.full', '教育'],
      ['旧台账-002', 'commercial_enterprise', 'withhold.state_secret', '教育'],
      ['旧台账-003', 'legal_service_org', 'withhold.process_info', '招生, 入学'],
      ['旧台账-004', 'other_org', 'other.other', null],
    ]);
    await expect(desk.ds.query(`UPDATE ledger_entry SET disposition = 'disclose.full'`)).rejects.toThrow(
      /immutable/,
    );
    // A number already in the system is refused on a later file.
    const dup = await upload(
      Buffer.from(
        '申请编号,收到申请日期,申请人类型,办结日期,处理结果\n旧台账-001,2025-06-01,自然人,2025-06-02,予以公开\n',
      ),
      'more.csv',
      sfq,
    ).expect(400);
    expect(dup.body.details.problems[0]).toMatchObject({ row: 1, field: 'number', code: 'number.exists' });

    const t = await desk.console.http
      .get('/api/console/reports/table3')
      .query({ agencyId: sfq, year: 2025 })
      .set(desk.as.officehead)
      .expect(200);
    const row = (key: string) => t.body.rows.find((r: { key: string }) => r.key === key).values;
    // Ledger: three received in 2025 plus one carried over from 2024; the online request of Nov 2025.
    expect(row('new').total).toBe(4);
    expect(row('carried_over')).toMatchObject({ legal_service_org: 1, total: 1 });
    expect(row('withhold.process_info').total).toBe(2);
    expect(row('other.other').other_org).toBe(1);
    expect(t.body.ok).toBe(true);
    const cell = await desk.console.http
      .get('/api/console/reports/table3/cell')
      .query({ agencyId: sfq, year: 2025, row: 'withhold.state_secret', column: 'commercial_enterprise' })
      .set(desk.as.officehead)
      .expect(200);
    expect(cell.body.requests).toEqual([expect.objectContaining({ number: '旧台账-002', imported: true })]);
  });

  it('should import an XLSX ledger with Excel date cells', async () => {
    const file = await ledgerXlsx([
      ['申请编号', '收到申请日期', '申请人类型', '办结日期', '处理结果', '主题'],
      ['教台-01', { date: '2025-02-20' }, '自然人', { date: '2025-03-04' }, '部分公开', '教育'],
      ['教台-02', '2025-06-03', '科研机构', '2025-06-09', '重复申请', '招生'],
    ]);
    const res = await upload(file, '教育局台账.xlsx', jyj).expect(201);
    expect(res.body).toMatchObject({ accepted: 2 });
    const rows = await desk.ds.query<
      { number: string; received_on: string; concluded_on: string; disposition: string }[]
    >(
      `SELECT number, received_on::text, concluded_on::text, disposition FROM ledger_entry WHERE agency_id = $1 ORDER BY number`,
      [jyj],
    );
    expect(rows).toEqual([
      {
        number: '教台-01',
        received_on: '2025-02-20',
        concluded_on: '2025-03-04',
        disposition: 'disclose.partial',
      },
      {
        number: '教台-02',
        received_on: '2025-06-03',
        concluded_on: '2025-06-09',
        disposition: 'not_processed.repeat',
      },
    ]);
    // The district's subtree report counts the department's ledger; its own-agency report does not.
    const count = async (scope: string) =>
      (
        await desk.console.http
          .get('/api/console/reports/table3')
          .query({ agencyId: sfq, year: 2025, scope })
          .set(desk.as.officehead)
          .expect(200)
      ).body.rows[0].values.total as number;
    expect(await count('subtree')).toBe((await count('agency')) + 2);
  });

  it('should read a GBK-encoded CSV, as older Excel saves it', async () => {
    const text =
      '申请编号,收到申请日期,申请人类型,办结日期,处理结果,主题\r\n国标-01,2025-04-01,自然人,2025-04-10,予以公开,社会保障\r\n';
    const gbk = Buffer.from(
      [...text].flatMap((ch) => {
        const code = ch.codePointAt(0)!;
        return code < 0x80 ? [code] : [...GBK.get(ch)!];
      }),
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const dry = await upload(gbk, '国标台账.csv', jyj, true).expect(201);
    expect(dry.body).toMatchObject({ accepted: 1, encoding: 'gbk', problems: [] });
    await upload(gbk, '国标台账.csv', jyj).expect(201);
    const [row] = await desk.ds.query<{ topic: string }[]>(
      `SELECT topic FROM ledger_entry WHERE number = '国标-01'`,
    );
    expect(row.topic).toBe('社会保障');
  });

  it('should refuse an XLSX that unzips beyond the limits, whatever its headers claim', async () => {
    const wb = await ledgerXlsx([['申请编号'], ['x']]);
    const parts = unzipSync(wb);
    // 80 MB of one repeated character: a few hundred kilobytes zipped.
    parts['xl/worksheets/sheet1.xml'] = new Uint8Array(80 * 1024 * 1024).fill(0x20);
    const bomb = Buffer.from(zipSync(parts, { level: 9 }));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const res = await upload(bomb, 'bomb.xlsx', jyj, true).expect(400);
    expect(res.body).toMatchObject({ code: 'LEDGER.TOO_LARGE', details: { limit: 'entryBytes' } });
  });

  it('should export the official layout as HTML, XLSX with merged cells, CSV and JSON', async () => {
    const get = (format: string) =>
      desk.console.http
        .get('/api/console/reports/annual')
        .query({ agencyId: sfq, year: 2025, scope: 'agency', format })
        .set(desk.as.officehead)
        .buffer(true)
        .parse(binary)
        .expect(200);
    const html = (await get('html')).body.toString('utf8');
    // The figures are drawn by ECharts (checked below, not snapshotted with its exact drawing).
    const figures = /<h2>附图<\/h2>([\s\S]*?)<\/body>/.exec(html)![1];
    expect(figures.match(/<figure><svg role="img" aria-labelledby="[a-z]+-caption"/g)).toHaveLength(4);
    expect(figures).toContain('<figcaption id="months-caption">图1 2025年各月收到和办结的申请</figcaption>');
    expect(figures).not.toMatch(/<script|<style| style=/);
    expect(html.replace(figures, '')).toMatchSnapshot();
    expect(html).toContain(
      '<th rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>',
    );
    expect(html).toContain('<th class="label" rowspan="22">三、本年度办理结果</th>');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get('xlsx')).body as ArrayBuffer);
    const [sheet, table4] = wb.worksheets;
    expect(sheet.name).toContain('表三');
    expect(table4.name).toContain('表四');
    // The title takes row 1; the official layout starts on row 2.
    const merges = (ws: ExcelJS.Worksheet) => (ws.model as unknown as { merges: string[] }).merges;
    expect(merges(sheet)).toEqual(
      expect.arrayContaining(['A2:C4', 'D2:J2', 'D3:D4', 'E3:I3', 'J3:J4', 'A5:C5', 'A7:A28', 'B9:B16']),
    );
    expect(merges(sheet)).toContain('B28:C28'); // （七）总计 over two label columns
    expect(merges(sheet)).toContain('A29:C29'); // 四、结转下年度继续办理
    expect(sheet.getCell('J5').value).toBe(4); // 一, 总计
    expect(sheet.getCell('J6').value).toBe(1); // 二, 总计
    expect(merges(table4)).toContain('F2:O2'); // 行政诉讼 over ten columns

    const csv = (await get('csv')).body.toString('utf8');
    expect(
      csv.startsWith('\uFEFF表三,key,项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计\r\n'),
    ).toBe(true);
    expect(csv).toContain('一,new,一、本年新收政府信息公开申请数量,2,1,0,0,0,1,4\r\n');
    expect(csv).toContain(',reconsideration,行政复议,0,1,0,0,1\r\n');

    const json = JSON.parse((await get('json')).body.toString('utf8'));
    expect(Object.keys(json)).toEqual(['table3', 'table4', 'narrative']);
    expect(json.narrative).toContain('申请内容主要涉及教育（2件）');
  });

  it('should refuse a ledger row or a case that would alter a published year', async () => {
    await desk.console.http
      .post('/api/console/reports/publish')
      .set(desk.as.officehead)
      .send({ agencyId: sfq, year: 2025, scope: 'subtree' })
      .expect(201);
    const late = await upload(
      Buffer.from(
        '申请编号,收到申请日期,申请人类型,办结日期,处理结果\n晚-1,2025-09-01,自然人,2025-09-02,予以公开\n',
      ),
      'late.csv',
      jyj,
    ).expect(409);
    expect(late.body.code).toBe('REPORT.YEAR_LOCKED');
    const lateCase = await desk.console.http
      .post(`/api/console/requests/${requestId}/remedy-cases`)
      .set(desk.as.legal)
      .send({ kind: 'litigation_after_reconsideration', filedOn: '2025-12-20', body: '示范区人民法院' })
      .expect(409);
    expect(lateCase.body.code).toBe('REPORT.YEAR_LOCKED');
    // A 2026 row changes nothing published: allowed.
    await upload(
      Buffer.from(
        '申请编号,收到申请日期,申请人类型,办结日期,处理结果\n新-1,2026-01-05,自然人,2026-01-20,予以公开\n',
      ),
      'new.csv',
      jyj,
    ).expect(201);
  });
});
