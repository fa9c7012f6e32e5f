import Handlebars from 'handlebars';
import ExcelJS from 'exceljs';
import {
  REMEDY_KINDS,
  REMEDY_KIND_LABELS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  TABLE4_COLUMN_LABELS,
  Table4,
} from '@gongkai/domain';
import { Grid, gridRows, table3Grid, table4Grid } from './report-grid';
import type { ReportChart } from './report-charts';
import type { Table3Report } from './report-types';

export interface AnnualReport {
  table3: Table3Report;
  table4: Table4;
  narrative: string;
  /** The figures (附图), drawn as SVG; left out of JSON and CSV. */
  charts?: ReportChart[];
}

export const EXPORT_FORMATS = ['json', 'csv', 'html', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const hbs = Handlebars.create();

const PAGE = hbs.compile(
  `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{title}}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong", "仿宋", "STFangsong", serif; font-size: 12pt; color: #000; }
h1 { font-family: "SimHei", "黑体", sans-serif; font-size: 16pt; text-align: center; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 14pt; }
p.narrative { text-indent: 2em; line-height: 1.8; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #000; padding: 4px 6px; font-size: 10.5pt; }
th { font-weight: normal; text-align: center; vertical-align: middle; }
th.label { text-align: left; }
td { text-align: center; }
figure { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-family: "SimHei", "黑体", sans-serif; font-size: 11pt; }
</style>
</head>
<body>
<h1>{{title}}</h1>
<h2>三、收到和处理政府信息公开申请情况</h2>
<p class="narrative">{{narrative}}</p>
<table class="table3">
{{#each table3}}<tr>{{#each this}}{{#if head}}<th{{#if label}} class="label"{{/if}}{{#if rs}} rowspan="{{rs}}"{{/if}}{{#if cs}} colspan="{{cs}}"{{/if}}>{{v}}</th>{{else}}<td>{{v}}</td>{{/if}}{{/each}}</tr>
{{/each}}</table>
<p class="source">表格格式：{{source}}</p>
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>
<table class="table4">
{{#each table4}}<tr>{{#each this}}{{#if head}}<th{{#if rs}} rowspan="{{rs}}"{{/if}}{{#if cs}} colspan="{{cs}}"{{/if}}>{{v}}</th>{{else}}<td>{{v}}</td>{{/if}}{{/each}}</tr>
{{/each}}</table>
{{#if charts.length}}<h2>附图</h2>
{{#each charts}}<figure>{{{svg}}}<figcaption id="{{id}}-caption">{{caption}}</figcaption></figure>
{{/each}}{{/if}}</body>
</html>
`,
  { strict: true },
);

function htmlRows(grid: Grid, labelColumns: number) {
  return gridRows(grid).map((row) =>
    row.map((c) => ({
      v: c.v,
      head: c.head,
      label: c.head && c.r >= 3 && c.c < labelColumns,
      rs: c.rs > 1 ? c.rs : null,
      cs: c.cs > 1 ? c.cs : null,
    })),
  );
}

function title(report: AnnualReport): string {
  const t = report.table3;
  return `${t.agencyName}${t.scope === 'subtree' ? '（含所属部门和单位）' : ''}${t.year}年政府信息公开工作年度报告（节选）`;
}

/** The official layout as HTML (handlebars, merged header cells), ready for the published report. */
export function reportHtml(report: AnnualReport): string {
  return PAGE({
    title: title(report),
    narrative: report.narrative,
    source: report.table3.source,
    table3: htmlRows(table3Grid(report.table3.rows), 3),
    table4: htmlRows(table4Grid(report.table4), 0),
    charts: report.charts ?? [],
  });
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese): Table 3 rows, then Table 4. */
export function reportCsv(report: AnnualReport): string {
  const lines: (string | number)[][] = [
    ['表三', 'key', '项目', ...TABLE3_COLUMNS.map((c) => TABLE3_COLUMN_LABELS[c])],
    ...report.table3.rows.map((r) => [
      r.ref,
      r.key,
      r.labels.join(' · '),
      ...TABLE3_COLUMNS.map((c) => r.values[c]),
    ]),
    [],
    ['表四', 'kind', '项目', ...TABLE4_COLUMNS.map((c) => TABLE4_COLUMN_LABELS[c])],
    ...REMEDY_KINDS.map((k) => [
      '',
      k,
      REMEDY_KIND_LABELS[k],
      ...TABLE4_COLUMNS.map((c) => report.table4[k][c]),
    ]),
  ];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Display width of a text in spreadsheet column units: a CJK character takes two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  }
  return w;
}

const POINTS_PER_LINE = 15;
const THIN = { style: 'thin' } as const;

/**
 * One printed table on a worksheet: an optional title row, merged cells with borders, wrapped labels
 * with rows tall enough to hold them, and the page set up for A4 (one page wide, header rows repeated).
 */
function writeGrid(
  ws: ExcelJS.Worksheet,
  grid: Grid,
  options: { title: string; widths: number[]; headerRows: number; fontSize: number },
) {
  const top = 1; // the title takes the first row
  ws.columns = options.widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, grid.cols);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = options.title;
  titleCell.font = { name: '黑体', size: 14, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 2 * POINTS_PER_LINE + 6;
  const needed = Array.from({ length: grid.rows }, () => 1);
  for (const cell of grid.cells) {
    const r = cell.r + top + 1;
    const c = cell.c + 1;
    if (cell.rs > 1 || cell.cs > 1) {
      ws.mergeCells(r, c, r + cell.rs - 1, c + cell.cs - 1);
    }
    const target = ws.getCell(r, c);
    target.value = cell.v;
    const isLabel = cell.head && cell.r >= options.headerRows;
    target.alignment = {
      horizontal: isLabel ? 'left' : 'center',
      vertical: 'middle',
      wrapText: typeof cell.v === 'string',
    };
    if (typeof cell.v === 'number') {
      target.numFmt = '0';
    }
    // The lines the text needs across its merged width, spread over the rows it spans.
    const width = options.widths.slice(cell.c, cell.c + cell.cs).reduce((a, b) => a + b, 0);
    const lines = Math.ceil(textWidth(String(cell.v)) / Math.max(width - 1, 1));
    const perRow = Math.ceil(lines / cell.rs);
    for (let k = cell.r; k < cell.r + cell.rs; k++) {
      needed[k] = Math.max(needed[k], perRow);
    }
  }
  for (let r = 0; r < grid.rows; r++) {
    const row = ws.getRow(r + top + 1);
    row.height = needed[r] * POINTS_PER_LINE + 4;
    for (let c = 1; c <= grid.cols; c++) {
      const cell = row.getCell(c);
      cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      cell.font = { name: '宋体', size: options.fontSize };
    }
  }
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: grid.cols > 10 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as it takes
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${top + 1}:${top + options.headerRows}`,
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

/**
 * XLSX in the same layout, merged cells included (what clerks paste into their report), set up to print:
 * A4, one page wide, the header rows repeated on every page, rows tall enough for their wrapped labels.
 */
export async function reportXlsx(report: AnnualReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  writeGrid(wb.addWorksheet('表三 收到和处理申请情况'), table3Grid(report.table3.rows), {
    title: `${title(report)}\n表三 收到和处理政府信息公开申请情况`,
    widths: [9, 11, 24, 7, 7, 7, 7, 7, 7, 7],
    headerRows: 3,
    fontSize: 10,
  });
  writeGrid(wb.addWorksheet('表四 行政复议、行政诉讼情况'), table4Grid(report.table4), {
    title: '表四 政府信息公开行政复议、行政诉讼情况',
    widths: Array(15).fill(7) as number[],
    headerRows: 3,
    fontSize: 10,
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
