import * as echarts from 'echarts';
import { TABLE3_COLUMN_LABELS, TABLE3_COLUMNS } from '@gongkai/domain';
import type { Table3Report } from './report-types';

/** What the annual report's figures (附图) are drawn from. */
export interface ReportChartData {
  year: number;
  /** Received and concluded in each month of the year (index 0 = January). */
  months: { received: number[]; concluded: number[] };
  /** Last year's Table 3 for the comparison, where there is one. */
  lastYear: Table3Report | null;
}

/** One figure: its caption, the SVG (inline, no script, no style element) and the same data as a table. */
export interface ReportChart {
  id: string;
  caption: string;
  svg: string;
  table: { head: string[]; rows: (string | number)[][] };
}

// Colours at 3:1 or more against white, told apart by the decal patterns and labels as well.
const PALETTE = ['#1f5fa8', '#b3541e', '#2e7d32', '#6a3d9a', '#8a6d00', '#00796b', '#c2185b'];
const FONT = { fontFamily: 'sans-serif', fontSize: 13, color: '#1a1a1a' };

/**
 * ECharts' SVG output made fit to be inlined under a strict Content-Security-Policy: the hover
 * stylesheet removed and style attributes turned into the equivalent presentation attributes.
 */
function inlineSvg(svg: string, id: string): string {
  return svg
    .replace(/<style\b[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, decls: string) =>
      decls
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [prop, ...rest] = d.split(':');
          return ` ${prop.trim()}="${rest.join(':').trim().replace(/"/g, '&quot;')}"`;
        })
        .join(''),
    )
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(
      /^<svg /,
      `<svg role="img" aria-labelledby="${id}-caption" focusable="false" class="chart-svg" `,
    );
}

/** One figure drawn on the server: the option (palette, font and decal patterns added), its caption and data. */
export function svgChart(
  id: string,
  caption: string,
  option: echarts.EChartsOption,
  table: ReportChart['table'],
): ReportChart {
  return { id, caption, svg: inlineSvg(render(option, 640, 320), id), table };
}

function render(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: FONT,
      aria: { enabled: true, decal: { show: true } },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

const sum = (t: Table3Report, kind: string) =>
  t.rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.values.total, 0);

/** The outcome groups of 三 (（一）予以公开 … （六）其他处理) with their totals. */
function outcomes(t: Table3Report): { name: string; value: number }[] {
  const groups = new Map<string, number>();
  for (const row of t.rows.filter((r) => r.kind === 'result')) {
    const group = (row.labels[1] ?? row.label).replace(/（区分处理的.*$/, '');
    groups.set(group, (groups.get(group) ?? 0) + row.values.total);
  }
  return [...groups].map(([name, value]) => ({ name, value }));
}

/**
 * The report's figures, like the 附图 of published annual reports: received and concluded by month,
 * outcomes, applicant types, and this year against last. Drawn on the server as SVG (no browser script).
 */
export function reportCharts(t3: Table3Report, data: ReportChartData): ReportChart[] {
  const charts: ReportChart[] = [];
  const add = (id: string, caption: string, option: echarts.EChartsOption, table: ReportChart['table']) =>
    charts.push(svgChart(id, caption, option, table));

  add(
    'months',
    `图1 ${data.year}年各月收到和办结的申请`,
    {
      legend: { top: 4, data: ['收到', '办结'] },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: MONTHS },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '收到', type: 'bar', data: data.months.received, label: { show: true, position: 'top' } },
        { name: '办结', type: 'bar', data: data.months.concluded, label: { show: true, position: 'top' } },
      ],
    },
    {
      head: ['月份', '收到', '办结'],
      rows: MONTHS.map((m, i) => [m, data.months.received[i], data.months.concluded[i]]),
    },
  );

  const results = outcomes(t3).filter((o) => o.value > 0);
  add(
    'outcomes',
    `图2 ${data.year}年办理结果`,
    {
      series: [
        {
          type: 'pie',
          radius: ['30%', '62%'],
          center: ['50%', '54%'],
          data: results.length > 0 ? results : [{ name: '本年无办结', value: 0 }],
          label: { show: true, formatter: '{b}\n{c}件（{d}%）' },
        },
      ],
    },
    { head: ['办理结果', '件数'], rows: outcomes(t3).map((o) => [o.name, o.value]) },
  );

  const newRow = t3.rows.find((r) => r.kind === 'new');
  const applicants = TABLE3_COLUMNS.filter((c) => c !== 'total').map((c) => ({
    name: TABLE3_COLUMN_LABELS[c],
    value: newRow?.values[c] ?? 0,
  }));
  add(
    'applicants',
    `图3 ${data.year}年新收申请的申请人类型`,
    {
      grid: { left: 110, right: 40, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: applicants.map((a) => a.name).reverse() },
      series: [
        {
          type: 'bar',
          data: applicants.map((a) => a.value).reverse(),
          label: { show: true, position: 'right' },
        },
      ],
    },
    { head: ['申请人类型', '新收件数'], rows: applicants.map((a) => [a.name, a.value]) },
  );

  const measures: [string, string][] = [
    ['本年新收', 'new'],
    ['上年结转', 'carried_over'],
    ['办结', 'total'],
    ['结转下年度', 'carried_forward'],
  ];
  const last = data.lastYear;
  add(
    'compare',
    `图4 ${data.year}年与${data.year - 1}年对比`,
    {
      legend: { top: 4, data: [`${data.year - 1}年`, `${data.year}年`] },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: measures.map((m) => m[0]) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: `${data.year - 1}年`,
          type: 'bar',
          data: measures.map(([, k]) => (last ? sum(last, k) : 0)),
          label: { show: true, position: 'top' },
        },
        {
          name: `${data.year}年`,
          type: 'bar',
          data: measures.map(([, k]) => sum(t3, k)),
          label: { show: true, position: 'top' },
        },
      ],
    },
    {
      head: ['项目', `${data.year - 1}年`, `${data.year}年`],
      rows: measures.map(([label, k]) => [label, last ? sum(last, k) : '—', sum(t3, k)]),
    },
  );
  return charts;
}
