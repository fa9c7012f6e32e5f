import { Controller, Get, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@gongkai/domain';
import { AgencyService } from '@gongkai/core/agencies';
import { UPLOAD_LIMITS, uploadedFile } from '@gongkai/core/attachments';
import type { UploadedFileLike } from '@gongkai/core/attachments';
import { Access, Clock, StaffCaller, scopesFor } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { LEDGER_COLUMNS, LedgerImportService } from '@gongkai/core/reports';
import type { LedgerJobView } from '@gongkai/core/reports';
import { csvFile, formErrors, NO_ERRORS, Pages, problemsOf, UUID } from '@gongkai/web';

/** Problems shown on the page; the whole list is in the CSV download. */
const SHOWN_PROBLEMS = 200;

const STATE_LABELS: Record<LedgerJobView['state'], string> = {
  queued: '排队中',
  reading: '正在读取文件',
  checking: '正在逐行检查',
  writing: '正在导入',
  done: '已完成',
  failed: '失败',
};

/** A column's Chinese header (the first of its accepted names written in Chinese). */
const chineseName = (names: readonly string[]) => names.find((n) => /[\u4e00-\u9fff]/.test(n)) ?? names[0];

const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(LEDGER_COLUMNS).map(([k, names]) => [k, chineseName(names)])),
  file: '文件',
};

/** What a job comes to, in the words of the page. */
function outcome(job: LedgerJobView): string {
  if (job.state === 'failed') {
    return `失败：${job.error?.message ?? '未导入任何数据'}`;
  }
  if (job.state !== 'done') {
    return STATE_LABELS[job.state];
  }
  const r = job.report;
  if (r?.replayed) {
    return '该文件已导入过，未重复导入';
  }
  if (job.mode === 'import') {
    return `已导入 ${r?.accepted ?? 0} 行`;
  }
  if (r && r.problems.length > 0) {
    return `检查未通过：${r.problems.length} 处问题，未导入`;
  }
  return `检查通过：${r?.accepted ?? 0} 行可导入`;
}

/**
 * 台账导入: an agency's earlier ledger (CSV in UTF-8 or GBK, or XLSX) is checked in the background, its
 * problems shown row by row; a clean file is then imported, again in the background, the page following
 * the progress. Every import is listed with who, when, the file's hash and its counts.
 */
@ApiExcludeController()
@Controller('reports/ledger')
export class LedgerPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly ledger: LedgerImportService,
    private readonly agencies: AgencyService,
    private readonly clock: Clock,
  ) {}

  private async agencyOptions(c: Caller<StaffPrincipal>) {
    return (await this.agencies.subtree(scopesFor(c.principal, 'ledger.import'))).map((a) => ({
      value: a.id,
      label: a.name,
    }));
  }

  @Get()
  @Access('ledger.import')
  async page(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const wanted = typeof req.query.agencyId === 'string' ? req.query.agencyId : '';
    return this.render(c, req, res, wanted, NO_ERRORS);
  }

  private async render(
    c: Caller<StaffPrincipal>,
    req: Request,
    res: Response,
    wanted: string,
    errors: ReturnType<typeof formErrors>,
  ) {
    const options = await this.agencyOptions(c);
    const agencyId = options.some((o) => o.value === wanted) ? wanted : (options[0]?.value ?? '');
    const [jobs, imports] = agencyId
      ? await Promise.all([this.ledger.jobs(c, agencyId), this.ledger.listFor(c, agencyId)])
      : [[], []];
    return this.pages.render(
      req,
      res,
      'reports/ledger',
      {
        agencyId,
        agencyOptions: options,
        errors,
        columns: Object.entries(LEDGER_COLUMNS).map(([key, names]) => ({
          key,
          label: chineseName(names),
          names: names.join('、'),
          optional: key === 'topic',
        })),
        jobs: jobs.map((j) => ({ ...j, outcome: outcome(j) })),
        imports: imports.map((i) => ({
          fileName: i.fileName,
          fileSha256: i.fileSha256,
          format: i.format.toUpperCase(),
          accepted: i.accepted,
          importedAt: i.importedAt,
          importedBy: i.importedBy,
        })),
      },
      { title: '导入以往台账', active: '/reports' },
    );
  }

  /** The columns as a CSV with one example row, to fill in. */
  @Get('template.csv')
  @Access('ledger.import')
  template(@Res() res: Response) {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ledger-template.csv"; filename*=UTF-8''${encodeURIComponent('台账模板.csv')}`,
    );
    res.end(
      csvFile([
        Object.values(LEDGER_COLUMNS).map((names) => chineseName(names)),
        ['2024-001', '2024-03-05', '自然人', '2024-03-20', '予以公开', '社会保障'],
      ]),
    );
  }

  @Post()
  @Access('ledger.import')
  @UseInterceptors(FileInterceptor('file', { limits: UPLOAD_LIMITS }))
  async upload(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Req() req: Request & { file?: UploadedFileLike },
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const body = req.body as Record<string, unknown>;
    const agencyId = typeof body.agencyId === 'string' && UUID.test(body.agencyId) ? body.agencyId : '';
    const file = req.file ? uploadedFile(req.file) : null;
    if (!file || file.bytes.length === 0) {
      res.status(400);
      return this.render(
        c,
        req,
        res,
        agencyId,
        formErrors([{ field: 'file', code: 'required', message: '请选择台账文件（CSV 或 XLSX）' }]),
      );
    }
    try {
      const id = await this.ledger.startCheck(c, agencyId, file);
      return res.redirect(303, `/reports/ledger/jobs/${id}`);
    } catch (e) {
      const problems = problemsOf(e);
      if (problems) {
        res.status(400);
        return this.render(c, req, res, agencyId, formErrors(problems));
      }
      throw e;
    }
  }

  private async jobOr404(c: Caller<StaffPrincipal>, id: string): Promise<LedgerJobView> {
    if (!UUID.test(id)) {
      throw new DomainError('LEDGER.JOB_NOT_FOUND', 'not_found', '找不到该导入任务。');
    }
    return this.ledger.job(c, id);
  }

  @Get('jobs/:id')
  @Access('ledger.import')
  async job(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const job = await this.jobOr404(c, String(req.params.id));
    const running = !['done', 'failed'].includes(job.state);
    const problems = job.report?.problems ?? [];
    const year = Number(this.clock.today().slice(0, 4)) - 1;
    return this.pages.render(
      req,
      res,
      'reports/ledger-job',
      {
        job,
        running,
        stateLabel: STATE_LABELS[job.state],
        outcome: outcome(job),
        percent: job.rowsTotal > 0 ? Math.floor((job.rowsDone / job.rowsTotal) * 100) : running ? 0 : 100,
        problems: problems.slice(0, SHOWN_PROBLEMS).map((p) => ({
          ...p,
          fieldLabel: FIELD_LABELS[p.field] ?? p.field,
        })),
        moreProblems: Math.max(0, problems.length - SHOWN_PROBLEMS),
        hasProblems: problems.length > 0,
        imported: job.mode === 'import' && job.state === 'done' && !job.report?.replayed,
        reportHref: `/reports?agencyId=${job.agencyId}&year=${year}`,
        error: req.query.error === 'stale' ? '该文件已经开始导入或不能导入。' : null,
      },
      { title: job.mode === 'import' ? '台账导入' : '台账检查', active: '/reports' },
    );
  }

  /** The job's progress for the page's script (the page itself works without it). */
  @Get('jobs/:id/progress')
  @Access('ledger.import')
  async progress(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const job = await this.jobOr404(c, String(req.params.id));
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      state: job.state,
      stateLabel: STATE_LABELS[job.state],
      rowsTotal: job.rowsTotal,
      rowsDone: job.rowsDone,
      finished: ['done', 'failed'].includes(job.state),
    });
  }

  /** The whole problem list of a checked file, as CSV. */
  @Get('jobs/:id/problems.csv')
  @Access('ledger.import')
  async problemsCsv(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const job = await this.jobOr404(c, String(req.params.id));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Disposition', 'attachment; filename="ledger-problems.csv"');
    res.end(
      csvFile([
        ['行', '字段', '代码', '说明'],
        ...(job.report?.problems ?? []).map((p) => [
          p.row,
          FIELD_LABELS[p.field] ?? p.field,
          p.code,
          p.message,
        ]),
      ]),
    );
  }

  @Post('jobs/:id/import')
  @Access('ledger.import')
  async startImport(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const id = String(req.params.id);
    await this.jobOr404(c, id);
    try {
      await this.ledger.startImport(c, id);
      return res.redirect(303, `/reports/ledger/jobs/${id}`);
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'conflict') {
        return res.redirect(303, `/reports/ledger/jobs/${id}?error=stale`);
      }
      throw e;
    }
  }
}
