import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isIsoDate } from '@gongkai/domain';
import type { FieldError } from '@gongkai/domain';
import { Access, AuditService, StaffCaller } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { NO_ERRORS, Pages, csvFile, formErrors } from '@gongkai/web';

const PAGE_SIZE = 50;
const EXPORT_LIMIT = 10_000;
const RESULT_WORDS: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };

interface AuditFilters {
  actor: string;
  action: string;
  objectId: string;
  result: string;
  from: string;
  to: string;
}

const one = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** The filters of the address bar; a malformed date is named beside its field and left out. */
function readFilters(q: Record<string, unknown>): { f: AuditFilters; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const date = (name: 'from' | 'to') => {
    const v = one(q[name], 30);
    if (v && !isIsoDate(v)) {
      problems.push({ field: name, code: 'invalidDate', message: '日期格式应为 2026-03-02' });
      return '';
    }
    return v;
  };
  const result = one(q.result, 10);
  return {
    f: {
      actor: one(q.actor),
      action: one(q.action),
      objectId: one(q.objectId),
      result: ['success', 'failure', 'denied'].includes(result) ? result : '',
      from: date('from'),
      to: date('to'),
    },
    problems,
  };
}

/** Beijing days as instants: from the start of `from` to the end of `to`. */
function searchOf(f: AuditFilters) {
  const next = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();
  return {
    actor: f.actor || undefined,
    action: f.action || undefined,
    objectId: f.objectId || undefined,
    result: f.result || undefined,
    from: f.from ? new Date(`${f.from}T00:00:00+08:00`).toISOString() : undefined,
    to: f.to ? next(f.to) : undefined,
  };
}

/**
 * 审计日志 (auditors only): filter by time, actor, action, object and result; verify the chain and
 * its copied heads; export the filtered records as CSV. Every search and export is itself audited.
 */
@ApiExcludeController()
@Controller('audit')
export class AuditPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Access('audit.read')
  async list(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { f, problems } = readFilters(req.query);
    const page = Math.min(Math.max(Number.parseInt(one(req.query.page, 6) || '1', 10) || 1, 1), 10_000);
    await this.searched(c, 'audit.searched', f);
    const found = await this.audit.search({ ...searchOf(f), page, pageSize: PAGE_SIZE });
    const verification = req.query.verify === '1' ? await this.audit.verify() : null;
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    const link = (p: number) => `/audit?${new URLSearchParams({ ...f, page: String(p) }).toString()}`;
    return this.pages.render(
      req,
      res,
      'audit',
      {
        f,
        errors: problems.length ? formErrors(problems) : NO_ERRORS,
        results: [
          { value: '', label: '全部结果' },
          ...Object.entries(RESULT_WORDS).map(([value, label]) => ({ value, label })),
        ],
        total: found.total,
        rows: found.rows.map((r) => ({
          ...r,
          resultWords: RESULT_WORDS[r.result] ?? r.result,
          detailsText: JSON.stringify(r.details),
        })),
        verification,
        exportHref: `/audit/export.csv?${new URLSearchParams({ ...f }).toString()}`,
        verifyHref: `/audit?${new URLSearchParams({ ...f, verify: '1' }).toString()}`,
        page,
        pages,
        prev: page > 1 ? link(page - 1) : null,
        next: page < pages ? link(page + 1) : null,
      },
      { title: '审计日志', active: '/audit' },
    );
  }

  @Get('export.csv')
  @Access('audit.read')
  async exportCsv(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { f } = readFilters(req.query);
    const found = await this.audit.search({ ...searchOf(f), page: 1, pageSize: EXPORT_LIMIT });
    await this.searched(c, 'audit.exported', f, found.rows.length);
    const rows = [
      ['时间', '操作人', 'IP', '操作', '对象类型', '对象', '结果', '详情', '哈希'],
      ...found.rows.map((r) => [
        r.at.toISOString(),
        r.actor,
        r.ip,
        r.action,
        r.objectType,
        r.objectId,
        r.result,
        r.details,
        r.hash,
      ]),
    ];
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    res.setHeader('Cache-Control', 'no-store');
    res.end(csvFile(rows));
  }

  private searched(c: Caller<StaffPrincipal>, action: string, f: AuditFilters, rows?: number) {
    return this.audit.record(null, {
      actor: c.principal.login,
      ip: c.ip,
      action,
      objectType: 'audit_log',
      objectId: '',
      result: 'success',
      details: { ...f, ...(rows !== undefined ? { rows } : {}) },
    });
  }
}
