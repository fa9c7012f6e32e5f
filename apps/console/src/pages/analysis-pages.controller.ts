import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  DISPOSITION_INFO,
  INTAKE_CHANNELS,
  INTAKE_CHANNEL_LABELS,
  isDispositionCode,
} from '@gongkai/domain';
import type { ApplicantType, IntakeChannel } from '@gongkai/domain';
import { AgencyService } from '@gongkai/core/agencies';
import { Access, Clock, StaffCaller } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import {
  ANALYSIS_DIMS,
  AnalysisService,
  GROUP_LABELS,
  TIMELINESS_LABELS,
  svgChart,
} from '@gongkai/core/reports';
import type { AnalysisDim, AnalysisQuery, AnalysisResult, AnalysisRow } from '@gongkai/core/reports';
import { csvFile, formErrors, NO_ERRORS, Pages, problemsOf } from '@gongkai/web';
import { agencyPeriod, requestRowWords } from './report-scope';

const PAGE_SIZE = 50;

/** The tables of the page, in order, with their headings. */
const SECTIONS: { dim: AnalysisDim; title: string; of: string }[] = [
  { dim: 'unit', title: '按机关', of: '占收到' },
  { dim: 'topic', title: '按主题（前 20 个）', of: '占收到' },
  { dim: 'applicant_type', title: '按申请人类型', of: '占收到' },
  { dim: 'channel', title: '按申请渠道', of: '占收到' },
  { dim: 'group', title: '按办理结果（大类）', of: '占收到' },
  { dim: 'disposition', title: '按办理结果（细类）', of: '占收到' },
  { dim: 'timeliness', title: '办理时效', of: '占收到' },
  { dim: 'flag', title: '补正、延期和征求意见', of: '占收到' },
  { dim: 'remedy', title: '行政复议和行政诉讼（本期立案）', of: '占案件' },
];

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const days = (x: number | null) => (x === null ? '—' : `${Number(x).toFixed(1)} 个工作日`);

/**
 * 多维度分析: the requests of an agency subtree in a period along every dimension the yearly work plans
 * ask about, with figures drawn on the server, every number a link to its requests, the same period a
 * year earlier, and CSV/XLSX exports.
 */
@ApiExcludeController()
@Controller('analysis')
export class AnalysisPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly analysis: AnalysisService,
    private readonly agencies: AgencyService,
    private readonly clock: Clock,
  ) {}

  /** The query of the page: agency (the caller's first by default), period (this year so far), filters. */
  private async query(c: Caller<StaffPrincipal>, q: Record<string, unknown>) {
    const today = this.clock.today();
    const { options, raw, period } = await agencyPeriod(
      this.agencies,
      c,
      q,
      today,
      `${today.slice(0, 4)}-01-01`,
    );
    const query: AnalysisQuery = {
      ...period,
      ...((APPLICANT_TYPES as readonly string[]).includes(raw('applicantType'))
        ? { applicantType: raw('applicantType') as ApplicantType }
        : {}),
      ...((INTAKE_CHANNELS as readonly string[]).includes(raw('channel'))
        ? { channel: raw('channel') as IntakeChannel }
        : {}),
    };
    return { query, options };
  }

  private link(path: string, q: AnalysisQuery, extra: Record<string, string> = {}): string {
    const p = new URLSearchParams({ agencyId: q.agencyId, from: q.from, to: q.to });
    if (q.applicantType) {
      p.set('applicantType', q.applicantType);
    }
    if (q.channel) {
      p.set('channel', q.channel);
    }
    for (const [k, v] of Object.entries(extra)) {
      p.set(k, v);
    }
    return `${path}?${p.toString()}`;
  }

  private charts(r: AnalysisResult) {
    const months = [...new Set([...r.dims.month, ...r.dims.concluded_month].map((m) => m.key))].sort();
    const count = (rows: AnalysisRow[], key: string) => rows.find((x) => x.key === key)?.n ?? 0;
    const groups = r.dims.group.filter((g) => g.n > 0);
    const timeliness = Object.keys(TIMELINESS_LABELS).map((k) => ({
      label: TIMELINESS_LABELS[k as keyof typeof TIMELINESS_LABELS],
      n: count(r.dims.timeliness, k),
    }));
    const applicants = r.dims.applicant_type;
    const compare: [string, number, number][] = [
      ['收到', r.lastYear.received, r.received],
      ['办结', r.lastYear.concluded, r.concluded],
    ];
    return [
      svgChart(
        'a-months',
        '图1 各月收到和办结的申请',
        {
          legend: { top: 4, data: ['收到', '办结'] },
          grid: { left: 48, right: 16, top: 40, bottom: 32 },
          xAxis: { type: 'category', data: months },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { name: '收到', type: 'bar', data: months.map((m) => count(r.dims.month, m)) },
            { name: '办结', type: 'bar', data: months.map((m) => count(r.dims.concluded_month, m)) },
          ],
        },
        {
          head: ['月份', '收到', '办结'],
          rows: months.map((m) => [m, count(r.dims.month, m), count(r.dims.concluded_month, m)]),
        },
      ),
      svgChart(
        'a-outcomes',
        '图2 办理结果',
        {
          series: [
            {
              type: 'pie',
              radius: ['30%', '62%'],
              center: ['50%', '54%'],
              data: (groups.length ? groups : [{ label: '无', n: 0 }]).map((g) => ({
                name: g.label,
                value: g.n,
              })),
              label: { show: true, formatter: '{b}\n{c}件（{d}%）' },
            },
          ],
        },
        { head: ['办理结果', '件数'], rows: r.dims.group.map((g) => [g.label, g.n]) },
      ),
      svgChart(
        'a-timeliness',
        '图3 办理时效',
        {
          grid: { left: 130, right: 40, top: 16, bottom: 24 },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', data: timeliness.map((t) => t.label).reverse() },
          series: [
            {
              type: 'bar',
              data: timeliness.map((t) => t.n).reverse(),
              label: { show: true, position: 'right' },
            },
          ],
        },
        { head: ['时效', '件数'], rows: timeliness.map((t) => [t.label, t.n]) },
      ),
      svgChart(
        'a-applicants',
        '图4 申请人类型',
        {
          grid: { left: 110, right: 40, top: 16, bottom: 24 },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', data: applicants.map((a) => a.label).reverse() },
          series: [
            {
              type: 'bar',
              data: applicants.map((a) => a.n).reverse(),
              label: { show: true, position: 'right' },
            },
          ],
        },
        { head: ['申请人类型', '件数'], rows: applicants.map((a) => [a.label, a.n]) },
      ),
      svgChart(
        'a-compare',
        '图5 本期与上年同期对比',
        {
          legend: { top: 4, data: ['上年同期', '本期'] },
          grid: { left: 48, right: 16, top: 40, bottom: 32 },
          xAxis: { type: 'category', data: compare.map((c) => c[0]) },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            {
              name: '上年同期',
              type: 'bar',
              data: compare.map((c) => c[1]),
              label: { show: true, position: 'top' },
            },
            {
              name: '本期',
              type: 'bar',
              data: compare.map((c) => c[2]),
              label: { show: true, position: 'top' },
            },
          ],
        },
        { head: ['项目', '上年同期', '本期'], rows: compare.map((c) => [c[0], c[1], c[2]]) },
      ),
    ];
  }

  @Get()
  @Access('report.read')
  async page(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { query, options } = await this.query(c, req.query);
    let result: AnalysisResult | null = null;
    let errors = NO_ERRORS;
    try {
      result = await this.analysis.analyse(c, query);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      errors = formErrors(problems);
      res.status(400);
    }
    const drill = (dim: AnalysisDim, key: string, q: AnalysisQuery = query) =>
      this.link('/analysis/requests', q, { dim, key });
    const last = result ? { ...query, from: result.lastYear.from, to: result.lastYear.to } : query;
    return this.pages.render(
      req,
      res,
      'analysis/analysis',
      {
        q: query,
        options,
        errors,
        applicantTypes: [
          { value: '', label: '全部' },
          ...APPLICANT_TYPES.map((t) => ({ value: t, label: APPLICANT_TYPE_LABELS[t] })),
        ],
        channels: [
          { value: '', label: '全部' },
          ...INTAKE_CHANNELS.map((t) => ({ value: t, label: INTAKE_CHANNEL_LABELS[t] })),
        ],
        r: result,
        compare: result
          ? [
              {
                label: '收到申请',
                now: String(result.received),
                nowHref: drill('all', ''),
                last: String(result.lastYear.received),
                lastHref: drill('all', '', last),
              },
              {
                label: '其中已办结',
                now: String(result.concluded),
                last: String(result.lastYear.concluded),
              },
              { label: '按期办结率', now: pct(result.onTimeShare), last: pct(result.lastYear.onTimeShare) },
              {
                label: '办理用时中位数',
                now: days(result.medianDays),
                last: days(result.lastYear.medianDays),
              },
            ]
          : [],
        p90: result ? days(result.p90Days) : '—',
        correctedShare: result ? pct(result.remedies.correctedShare) : '—',
        charts: result ? this.charts(result) : [],
        months: result
          ? result.dims.month.map((m) => ({
              ...m,
              href: drill('month', m.key),
              concluded: result.dims.concluded_month.find((x) => x.key === m.key)?.n ?? 0,
              concludedHref: drill('concluded_month', m.key),
            }))
          : [],
        sections: result
          ? SECTIONS.map((s) => ({
              ...s,
              rows: result.dims[s.dim].map((row) => ({
                ...row,
                shareText: pct(row.share),
                href: row.n > 0 ? drill(row.dim, row.key) : null,
              })),
            }))
          : [],
        exports: result
          ? [
              { label: 'CSV', href: this.link('/analysis/export.csv', query) },
              { label: 'XLSX', href: this.link('/analysis/export.xlsx', query) },
            ]
          : [],
      },
      { title: '多维度分析', active: '/analysis' },
    );
  }

  @Get('requests')
  @Access('report.read')
  async requests(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { query } = await this.query(c, req.query);
    const rawDim = typeof req.query.dim === 'string' ? req.query.dim : 'all';
    const dim = (ANALYSIS_DIMS as readonly string[]).includes(rawDim) ? (rawDim as AnalysisDim) : 'all';
    const key = typeof req.query.key === 'string' ? req.query.key.slice(0, 100) : '';
    const page = Math.min(
      Math.max(Number.parseInt(typeof req.query.page === 'string' ? req.query.page : '1', 10) || 1, 1),
      10_000,
    );
    const list = await this.analysis.requests(c, { ...query, dim, key, page, pageSize: PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const labelOf = (): string => {
      switch (dim) {
        case 'applicant_type':
          return APPLICANT_TYPE_LABELS[key as ApplicantType] ?? key;
        case 'channel':
          return INTAKE_CHANNEL_LABELS[key as IntakeChannel] ?? key;
        case 'disposition':
          return isDispositionCode(key) ? DISPOSITION_INFO[key].label : '尚未办结';
        case 'group':
          return GROUP_LABELS[key] ?? '尚未办结';
        case 'timeliness':
          return TIMELINESS_LABELS[key as keyof typeof TIMELINESS_LABELS] ?? key;
        case 'all':
          return '全部申请';
        default:
          return key || '（空）';
      }
    };
    return this.pages.render(
      req,
      res,
      'analysis/requests',
      {
        back: this.link('/analysis', query),
        title: `${labelOf()}（${query.from} 至 ${query.to}）`,
        total: list.total,
        rows: list.rows.map(requestRowWords),
        page,
        pages,
        prev: page > 1 ? this.link('/analysis/requests', query, { dim, key, page: String(page - 1) }) : null,
        next:
          page < pages ? this.link('/analysis/requests', query, { dim, key, page: String(page + 1) }) : null,
      },
      { title: '分析明细', active: '/analysis' },
    );
  }

  /** Every table of the page as rows: dimension, item, count, share. */
  private exportRows(r: AnalysisResult): (string | number)[][] {
    const rows: (string | number)[][] = [
      ['机关', r.agencyName],
      ['期间', `${r.query.from} 至 ${r.query.to}`],
      ['收到', r.received],
      ['办结', r.concluded],
      ['按期办结率', pct(r.onTimeShare)],
      ['办理用时中位数（工作日）', r.medianDays ?? ''],
      ['办理用时 90% 分位（工作日）', r.p90Days ?? ''],
      ['上年同期收到', r.lastYear.received],
      ['上年同期办结', r.lastYear.concluded],
      ['复议诉讼纠错率', pct(r.remedies.correctedShare)],
      [],
      ['维度', '项目', '件数', '占比'],
    ];
    for (const s of [
      { dim: 'month' as const, title: '按月收到' },
      { dim: 'concluded_month' as const, title: '按月办结' },
      ...SECTIONS,
    ]) {
      for (const row of r.dims[s.dim]) {
        rows.push([
          s.title,
          row.label,
          row.n,
          row.share === null ? '' : Number((row.share * 100).toFixed(1)),
        ]);
      }
    }
    return rows;
  }

  @Get('export.csv')
  @Access('report.read')
  async csv(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { query } = await this.query(c, req.query);
    const r = await this.analysis.analyse(c, query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="analysis.csv"; filename*=UTF-8''${encodeURIComponent(`${r.agencyName}申请分析.csv`)}`,
    );
    res.end(csvFile(this.exportRows(r)));
  }

  @Get('export.xlsx')
  @Access('report.read')
  async xlsx(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { query } = await this.query(c, req.query);
    const r = await this.analysis.analyse(c, query);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申请分析', {
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = [{ width: 26 }, { width: 36 }, { width: 10 }, { width: 10 }];
    for (const row of this.exportRows(r)) {
      ws.addRow(row);
    }
    ws.getRow(12).font = { bold: true };
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="analysis.xlsx"; filename*=UTF-8''${encodeURIComponent(`${r.agencyName}申请分析.xlsx`)}`,
    );
    res.end(Buffer.from(await wb.xlsx.writeBuffer()));
  }
}
