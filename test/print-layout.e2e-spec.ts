import ExcelJS from 'exceljs';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';
import { isA4, printToPdf, sofficePath } from './support/libreoffice';
import { binary } from './support/binary';

const soffice = sofficePath();
if (!soffice) {
  console.log('print-layout: LibreOffice (soffice) is not installed here; the PDF print checks are skipped');
}
const withLibreOffice = soffice ? it : it.skip;

/** The annual report's XLSX and a letter's DOCX as they print: A4, one page wide, the text all there. */
describe('print layout of the XLSX and DOCX exports', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2025-11-03T09:00:00+08:00'));
  let sfq: string;
  let requestId: string;

  beforeAll(async () => {
    await desk.start(db().url);
    sfq = desk.agencies.get('sfq')!.id;
    requestId = await desk.applyAndClaim(2);
    await desk.act('handler', requestId, 'draft-reply', {
      items: [
        { position: 1, outcome: 'disclose.full' },
        { position: 2, outcome: 'withhold.process_info', reasons: '属于过程性信息' },
      ],
    });
    await desk.act('legal', requestId, 'approve-review', {});
    await desk.act('signer', requestId, 'sign-off', {});
  });
  afterAll(() => desk.close());

  const xlsx = async () =>
    (
      await desk.console.http
        .get('/api/console/reports/annual')
        .query({ agencyId: sfq, year: 2025, scope: 'subtree', format: 'xlsx' })
        .set(desk.as.officehead)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;

  it('should set up every sheet for A4, one page wide, with the header rows repeated and tall label rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx()) as unknown as ArrayBuffer);
    const [t3, t4] = wb.worksheets;
    for (const ws of [t3, t4]) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.printTitlesRow).toBe('2:4');
    }
    expect(t3.pageSetup.orientation).toBe('portrait');
    expect(t4.pageSetup.orientation).toBe('landscape');
    // The long label of 其他处理 wraps, and its row is tall enough for every line at 10 pt.
    let labelRow = 0;
    let labelText = '';
    t3.eachRow((row, n) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && cell.value.includes('逾期不补正')) {
          labelRow = n;
          labelText = cell.value;
          expect(cell.alignment).toMatchObject({ wrapText: true });
        }
      }),
    );
    expect(labelRow).toBeGreaterThan(4);
    const perLine = (t3.getColumn(3).width! - 1) / 2; // CJK characters per line
    const lines = Math.ceil(labelText.length / perLine);
    expect(lines).toBeGreaterThanOrEqual(2);
    expect(t3.getRow(labelRow).height).toBeGreaterThanOrEqual(lines * 13);
    expect(t3.getColumn(3).width).toBeGreaterThan(t3.getColumn(4).width!);
  });

  withLibreOffice(
    'should print the Table 3 XLSX one A4 page wide with its text, in LibreOffice',
    async () => {
      const pages = printToPdf(soffice!, await xlsx(), 'table3.xlsx', 'print-annual-report-xlsx');
      expect(pages.every(isA4)).toBe(true);
      // Table 3 fits on one page (30 rows), Table 4 on another: never split across pages sideways.
      expect(pages).toHaveLength(2);
      const [t3, t4] = pages.map((p) => p.text.replace(/\s+/g, ''));
      for (const text of [
        '申请人情况',
        '一、本年新收政府信息公开申请数量',
        '其他处理',
        '总计',
        '结转下年度继续办理',
      ]) {
        expect(t3).toContain(text);
      }
      expect(t4).toContain('行政诉讼');
      expect(t4).toContain('复议后起诉');
    },
    180_000,
  );

  withLibreOffice(
    'should print the reply letter DOCX on A4 with its number and the remedies',
    async () => {
      const letters = await desk.console.http
        .get(`/api/console/requests/${requestId}/letters`)
        .set(desk.as.handler)
        .expect(200);
      const reply = (
        letters.body as { letters: { id: string; kind: string; number: string }[] }
      ).letters.find((l) => l.kind.startsWith('reply'))!;
      const docx = await desk.console.http
        .get(`/api/console/requests/${requestId}/letters/${reply.id}/docx`)
        .set(desk.as.handler)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const pages = printToPdf(soffice!, docx.body as Buffer, 'reply.docx', 'print-reply-docx');
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.length).toBeLessThanOrEqual(3);
      expect(pages.every(isA4)).toBe(true);
      const text = pages
        .map((p) => p.text)
        .join('')
        .replace(/\s+/g, '');
      expect(text).toContain(reply.number.replace(/\s+/g, ''));
      expect(text).toContain('行政复议');
    },
    180_000,
  );
});
