import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, REMEDY_KIND_LABELS } from '@gongkai/domain';
import type { RemedyKind, Table3Column } from '@gongkai/domain';
import { REMEDY_RESULT_LABELS } from './case-moves';
import { AgencyService } from '@gongkai/core/agencies';
import { Access, Clock, StaffCaller, hasPermission, scopesFor } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import {
  LABEL_COLS,
  PublicationService,
  ReportService,
  gridRows,
  reportCsv,
  reportHtml,
  reportXlsx,
  table3Grid,
  table4Grid,
} from '@gongkai/core/reports';
import type { AnnualReport, GridCell } from '@gongkai/core/reports';
import { formErrors, NO_ERRORS, Pages, problemsOf, text, ticked, UUID } from '@gongkai/web';
import { requestRowWords } from './report-scope';

const PAGE_SIZE = 50;

interface ReportChoice {
  agencyId: string;
  year: number;
  scope: 'agency' | 'subtree';
}

/**
 * 年度报告: Table 3 in the official layout with every number a link to the requests it counts, the
 * P6 checks with the requests behind a failing one, Table 4, the section 三 narrative, exports, and
 * publishing (with what it will lock) and unlocking (with a reason).
 */
@ApiExcludeController()
@Controller('reports')
export class ReportPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly reports: ReportService,
    private readonly publications: PublicationService,
    private readonly agencies: AgencyService,
    private readonly clock: Clock,
  ) {}

  /** The agency, year and scope asked for; by default the caller's first agency and last year. */
  private async choice(c: Caller<StaffPrincipal>, q: Record<string, unknown>) {
    const options = await this.agencies.subtree(scopesFor(c.principal, 'report.read'));
    const thisYear = Number(this.clock.today().slice(0, 4));
    const raw = (k: string) => (typeof q[k] === 'string' ? q[k] : '');
    const agencyId = UUID.test(raw('agencyId')) ? raw('agencyId') : (options[0]?.id ?? '');
    const year = Number.parseInt(raw('year'), 10);
    const choice: ReportChoice = {
      agencyId,
      year: year >= 2008 && year <= thisYear ? year : thisYear - 1,
      scope: raw('scope') === 'agency' ? 'agency' : 'subtree',
    };
    return {
      choice,
      agencyOptions: options.map((a) => ({ value: a.id, label: a.name })),
      years: Array.from({ length: 8 }, (_, i) => String(thisYear - i)).map((y) => ({
        value: y,
        label: `${y} 年`,
      })),
    };
  }

  private address(path: string, ch: ReportChoice, extra: Record<string, string> = {}): string {
    const p = new URLSearchParams({
      agencyId: ch.agencyId,
      year: String(ch.year),
      scope: ch.scope,
      ...extra,
    });
    return `${path}?${p.toString()}`;
  }

  @Get()
  @Access('report.read')
  async report(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { choice, agencyOptions, years } = await this.choice(c, req.query);
    return this.renderReport(c, req, res, choice, agencyOptions, years, {});
  }

  private async renderReport(
    c: Caller<StaffPrincipal>,
    req: Request,
    res: Response,
    choice: ReportChoice,
    agencyOptions: { value: string; label: string }[],
    years: { value: string; label: string }[],
    state: {
      message?: string;
      errors?: ReturnType<typeof formErrors>;
      reason?: string;
      narrative?: string;
    },
  ) {
    const [annual, remedyCases, versions] = await Promise.all([
      this.reports.annual(c, choice),
      this.reports.remedyCaseList(c, choice),
      this.publications.versions(c, choice),
    ]);
    const t3 = annual.table3;
    const published = await this.publications.latest(c, choice).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'REPORT.NOT_PUBLISHED') {
        return null;
      }
      throw e;
    });
    const spans = (cell: GridCell) => ({
      rs: cell.rs > 1 ? cell.rs : null,
      cs: cell.cs > 1 ? cell.cs : null,
    });
    const grid = gridRows(table3Grid(t3.rows)).map((row) =>
      row.map((cell) => {
        if (cell.head) {
          return { ...cell, ...spans(cell), label: cell.r >= 3 && cell.c < LABEL_COLS };
        }
        const row = t3.rows[cell.r - 3];
        const column = TABLE3_COLUMNS[cell.c - LABEL_COLS];
        return {
          ...cell,
          href: Number(cell.v) > 0 ? this.address('/reports/cell', choice, { row: row.key, column }) : null,
          failing: t3.checks.some(
            (k) => !k.ok && k.cells.some((x) => x.row === row.key && x.column === column),
          ),
          describe: `${row.ref} ${row.label}，${TABLE3_COLUMN_LABELS[column]}`,
        };
      }),
    );
    const checks = t3.checks.map((k) => ({
      ...k,
      requests: (k.requests ?? []).slice(0, 20),
    }));
    // The passing checks are summed up by rule; the failing ones are listed with their requests.
    const passed = Object.values(
      checks
        .filter((k) => k.ok)
        .reduce<Record<string, { description: string; n: number }>>((acc, k) => {
          acc[k.description] = { description: k.description, n: (acc[k.description]?.n ?? 0) + 1 };
          return acc;
        }, {}),
    );
    const formats = ['html', 'xlsx', 'csv'].map((format) => ({
      format,
      href: this.address('/api/console/reports/annual', choice, { format }),
      label: { html: 'HTML（A4 版式）', xlsx: 'XLSX', csv: 'CSV' }[format],
    }));
    return this.pages.render(
      req,
      res,
      'reports/report',
      {
        choice: { ...choice, year: String(choice.year) },
        agencyOptions,
        years,
        t3,
        grid,
        table4: gridRows(table4Grid(annual.table4)).map((row) =>
          row.map((cell) => ({ ...cell, ...spans(cell) })),
        ),
        narrative: state.narrative ?? annual.narrative,
        draftedNarrative: annual.draftedNarrative,
        narrativeEdit: annual.narrativeEdit,
        charts: annual.charts,
        versions: versions.map((v) => ({
          ...v,
          downloads: ['html', 'xlsx', 'csv'].map((format) => ({
            format,
            label: format.toUpperCase(),
            href: `/reports/published/${v.id}/${format}`,
          })),
        })),
        lockSummary: {
          received: t3.rows.find((r) => r.kind === 'new')?.values.total ?? 0,
          carriedOver: t3.rows.find((r) => r.kind === 'carried_over')?.values.total ?? 0,
          concluded: t3.rows.find((r) => r.kind === 'total')?.values.total ?? 0,
          carriedForward: t3.rows.find((r) => r.kind === 'carried_forward')?.values.total ?? 0,
          remedies: remedyCases.length,
        },
        mayImport: hasPermission(c.principal, 'ledger.import'),
        remedyCases: remedyCases.map((r) => ({
          ...r,
          kindLabel: REMEDY_KIND_LABELS[r.kind as RemedyKind] ?? r.kind,
          resultLabel: r.result ? (REMEDY_RESULT_LABELS[r.result as 'upheld'] ?? r.result) : '尚未审结',
        })),
        failed: checks.filter((k) => !k.ok),
        passed,
        failing: checks.filter((k) => !k.ok).length,
        published,
        formats,
        yearOver: this.clock.today() > `${choice.year}-12-31`,
        mayPublish: hasPermission(c.principal, 'report.publish'),
        mayUnlock: hasPermission(c.principal, 'report.unlock'),
        message: state.message ?? null,
        errors: state.errors ?? NO_ERRORS,
        reason: state.reason ?? '',
        done: typeof req.query.done === 'string' ? req.query.done : null,
      },
      { title: `${t3.agencyName} ${choice.year} 年度报告`, active: '/reports' },
    );
  }

  /** P7: the requests one number counts, each opening its case page; ledger rows marked. */
  @Get('cell')
  @Access('report.read')
  async cell(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { choice } = await this.choice(c, req.query);
    const row = typeof req.query.row === 'string' ? req.query.row.slice(0, 40) : '';
    const rawColumn = typeof req.query.column === 'string' ? req.query.column : '';
    const column = (TABLE3_COLUMNS as readonly string[]).includes(rawColumn)
      ? (rawColumn as Table3Column)
      : 'total';
    const rawPage = typeof req.query.page === 'string' ? req.query.page : '1';
    const page = Math.min(Math.max(Number.parseInt(rawPage, 10) || 1, 1), 10_000);
    const t3 = await this.reports.table3(c, choice);
    const label = t3.rows.find((r) => r.key === row);
    const list = await this.reports.cell(c, { ...choice, row, column, page, pageSize: PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    return this.pages.render(
      req,
      res,
      'reports/cell',
      {
        back: this.address('/reports', choice),
        title: `${label ? `${label.ref} ${label.label}` : row} · ${TABLE3_COLUMN_LABELS[column]}`,
        year: choice.year,
        agencyName: t3.agencyName,
        total: list.total,
        rows: list.requests.map(requestRowWords),
        page,
        pages,
        prev:
          page > 1 ? this.address('/reports/cell', choice, { row, column, page: String(page - 1) }) : null,
        next:
          page < pages
            ? this.address('/reports/cell', choice, { row, column, page: String(page + 1) })
            : null,
      },
      { title: '表三明细', active: '/reports' },
    );
  }

  /** Publishing locks the year (P8): refused while a check fails or before the year is over. */
  @Post('publish')
  @Access('report.publish')
  async publish(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const { choice, agencyOptions, years } = await this.choice(c, req.body as Record<string, unknown>);
    if (!ticked(req.body, 'confirm')) {
      res.status(400);
      return this.renderReport(c, req, res, choice, agencyOptions, years, {
        errors: formErrors([
          { field: 'confirm', code: 'required', message: '请勾选确认已核对将要锁定的数据' },
        ]),
      });
    }
    try {
      await this.publications.publish(c, choice);
      return res.redirect(303, this.address('/reports', choice, { done: 'published' }));
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'internal' || e.kind === 'unavailable') {
        throw e;
      }
      res.status(e.kind === 'invalid_input' ? 400 : 422);
      return this.renderReport(c, req, res, choice, agencyOptions, years, { message: e.message });
    }
  }

  /** Section 三 as it will be published: edited here, or back to the drafted text. */
  @Post('narrative')
  @Access('report.publish')
  async narrative(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const { choice, agencyOptions, years } = await this.choice(c, req.body as Record<string, unknown>);
    const reset = text(req.body, 'reset', 10) === '1';
    const narrative = reset ? '' : text(req.body, 'narrative', 6000);
    try {
      await this.publications.saveNarrative(c, choice, narrative);
      return res.redirect(
        303,
        this.address('/reports', choice, { done: reset ? 'narrative-reset' : 'narrative' }) +
          '#narrative-title',
      );
    } catch (e) {
      const problems = problemsOf(e);
      if (problems) {
        res.status(400);
        return this.renderReport(c, req, res, choice, agencyOptions, years, {
          errors: formErrors(problems),
          narrative,
        });
      }
      if (e instanceof DomainError && e.kind === 'conflict') {
        res.status(409);
        return this.renderReport(c, req, res, choice, agencyOptions, years, { message: e.message });
      }
      throw e;
    }
  }

  /** A published version as it was published: HTML (A4), XLSX or CSV. */
  @Get('published/:id/:format')
  @Access('report.read')
  async publishedVersion(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const id = String(req.params.id);
    const format = String(req.params.format);
    if (!UUID.test(id) || !['html', 'xlsx', 'csv'].includes(format)) {
      throw new DomainError('REPORT.NOT_PUBLISHED', 'not_found', '找不到该发布版本。');
    }
    const v = await this.publications.version(c, id);
    const report: AnnualReport = { table3: v.table3, table4: v.table4, narrative: v.narrative };
    const name = `${v.table3.agencyName}${v.year}年度报告-第${v.version}版`;
    res.setHeader('Cache-Control', 'private, no-store');
    if (format === 'html') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; sandbox allow-modals",
      );
      return res.end(reportHtml(report));
    }
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="annual-report-${v.year}-v${v.version}.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`,
    );
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      return res.end(reportCsv(report));
    }
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return res.end(await reportXlsx(report));
  }

  @Post('unlock')
  @Access('report.unlock')
  async unlock(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const { choice, agencyOptions, years } = await this.choice(c, req.body as Record<string, unknown>);
    const reason = text(req.body, 'reason', 500);
    try {
      await this.publications.unlock(c, { ...choice, reason });
      return res.redirect(303, this.address('/reports', choice, { done: 'unlocked' }));
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.renderReport(c, req, res, choice, agencyOptions, years, {
        errors: formErrors(problems),
        reason,
      });
    }
  }
}
