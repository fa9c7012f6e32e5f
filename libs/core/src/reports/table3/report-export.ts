import Handlebars from 'handlebars';
import { strToU8, zipSync } from 'fflate';
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
import type { Table3Report } from './report-types';

export interface AnnualReport {
  table3: Table3Report;
  table4: Table4;
  narrative: string;
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
</body>
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

function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function sheetXml(grid: Grid, widths: number[]): string {
  const byPos = new Map(grid.cells.map((c) => [`${c.r}:${c.c}`, c]));
  const covered = new Set<string>();
  for (const c of grid.cells) {
    for (let r = c.r; r < c.r + c.rs; r++) {
      for (let k = c.c; k < c.c + c.cs; k++) {
        covered.add(`${r}:${k}`);
      }
    }
  }
  const rows: string[] = [];
  for (let r = 0; r < grid.rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < grid.cols; c++) {
      const cell = byPos.get(`${r}:${c}`);
      const ref = `${colName(c)}${r + 1}`;
      if (cell && typeof cell.v === 'number') {
        cells.push(`<c r="${ref}" s="2"><v>${cell.v}</v></c>`);
      } else if (cell) {
        cells.push(`<c r="${ref}" s="1" t="inlineStr"><is><t>${xml(String(cell.v))}</t></is></c>`);
      } else if (covered.has(`${r}:${c}`)) {
        cells.push(`<c r="${ref}" s="1"/>`); // bordered part of a merged cell
      }
    }
    rows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  }
  const merges = grid.cells
    .filter((c) => c.rs > 1 || c.cs > 1)
    .map((c) => `<mergeCell ref="${colName(c.c)}${c.r + 1}:${colName(c.c + c.cs - 1)}${c.r + c.rs}"/>`);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>` +
    '</worksheet>'
  );
}

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>' +
  '</cellXfs></styleSheet>';

const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

/** XLSX in the same layout, merged cells included (what clerks paste into their report); reproducible. */
export function reportXlsx(report: AnnualReport): Buffer {
  const sheets = [
    {
      name: '表三 收到和处理政府信息公开申请情况',
      xml: sheetXml(table3Grid(report.table3.rows), [14, 14, 36, 10, 10, 10, 12, 12, 10, 10]),
    },
    {
      name: '表四 行政复议、行政诉讼情况',
      xml: sheetXml(table4Grid(report.table4), Array(15).fill(10) as number[]),
    },
  ];
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        sheets
          .map((s, i) => `<sheet name="${xml(s.name.slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ),
    'xl/styles.xml': strToU8(STYLES),
  };
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(s.xml)));
  return Buffer.from(zipSync(files, { level: 6, mtime: FIXED_MTIME }));
}
