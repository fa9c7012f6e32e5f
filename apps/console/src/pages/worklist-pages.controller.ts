import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  APPLICANT_TYPE_LABELS,
  DomainError,
  INTAKE_CHANNEL_LABELS,
  REQUEST_STATE_LABELS,
  REQUEST_STATES,
  WORKLIST_QUEUES,
  WORKLIST_SORTS,
  deadlineWords,
  isIsoDate,
} from '@gongkai/domain';
import type { FieldError, RequestState, WorklistQueue, WorklistSort } from '@gongkai/domain';
import { AgencyService } from '@gongkai/core/agencies';
import {
  APP_CONFIG,
  Access,
  AuditService,
  StaffCaller,
  hasPermission,
  scopesFor,
} from '@gongkai/core/platform';
import type { AppConfig, Caller, StaffPrincipal } from '@gongkai/core/platform';
import { AssignmentService } from '@gongkai/core/requests/moves';
import { WorklistService } from '@gongkai/core/requests/queries';
import type { WorklistQuery } from '@gongkai/core/requests/queries';
import { csvFile, formErrors, NO_ERRORS, Pages, UUID } from '@gongkai/web';
import { PAUSED_WORDS, QUEUE_LABELS } from './console-web';
import { HOME_QUEUES } from './staff-pages.controller';

/** Whether the person works this queue (all requests: whoever reads them). */
function mayWork(p: StaffPrincipal, queue: WorklistQueue): boolean {
  const permission = HOME_QUEUES.find(([q]) => q === queue)?.[1] ?? 'request.read';
  return hasPermission(p, permission);
}

const PAGE_SIZE = 20;
/** The most rows one CSV export holds. */
const EXPORT_LIMIT = 10_000;
/** The most requests one batch claim takes. */
const CLAIM_LIMIT = 50;
const SORT_LABELS: Record<WorklistSort, string> = {
  deadline: '答复期限（近到远）',
  '-deadline': '答复期限（远到近）',
  received: '收到日期（早到晚）',
  '-received': '收到日期（晚到早）',
  number: '申请编号',
};
const DATE_FILTERS = ['receivedFrom', 'receivedTo', 'dueFrom', 'dueTo'] as const;

interface Filters {
  queue: WorklistQueue;
  q: string;
  sort: WorklistSort;
  page: number;
  status: RequestState | '';
  agencyId: string;
  scope: 'agency' | 'subtree';
  late: boolean;
  receivedFrom: string;
  receivedTo: string;
  dueFrom: string;
  dueTo: string;
}

const one = (v: unknown, max = 60): string => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** The worklist's address bar as filters; a malformed date is left out and named beside its field. */
export function readFilters(query: Record<string, unknown>): { filters: Filters; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const date = (name: (typeof DATE_FILTERS)[number]) => {
    const v = one(query[name], 20);
    if (v && !isIsoDate(v)) {
      problems.push({ field: name, code: 'invalidDate', message: '日期格式应为 2026-03-02' });
      return '';
    }
    return v;
  };
  const queue = one(query.queue, 30);
  const sort = one(query.sort, 20);
  const status = one(query.status, 30);
  const agencyId = one(query.agencyId, 40);
  const filters: Filters = {
    queue: (WORKLIST_QUEUES as readonly string[]).includes(queue) ? (queue as WorklistQueue) : 'mine',
    q: one(query.q),
    sort: (WORKLIST_SORTS as readonly string[]).includes(sort) ? (sort as WorklistSort) : 'deadline',
    page: Math.min(Math.max(Number.parseInt(one(query.page, 6) || '1', 10) || 1, 1), 10_000),
    status: (REQUEST_STATES as readonly string[]).includes(status) ? (status as RequestState) : '',
    agencyId: UUID.test(agencyId) ? agencyId : '',
    scope: one(query.scope, 10) === 'agency' ? 'agency' : 'subtree',
    late: one(query.late, 5) === '1',
    receivedFrom: date('receivedFrom'),
    receivedTo: date('receivedTo'),
    dueFrom: date('dueFrom'),
    dueTo: date('dueTo'),
  };
  return { filters, problems };
}

/** The filters as the address of a worklist page (or its export). */
function address(path: string, f: Filters, page?: number): string {
  const params = new URLSearchParams({ queue: f.queue, sort: f.sort });
  for (const key of ['q', 'status', 'agencyId', ...DATE_FILTERS] as const) {
    if (f[key]) {
      params.set(key, f[key]);
    }
  }
  if (f.agencyId && f.scope === 'agency') {
    params.set('scope', 'agency');
  }
  if (f.late) {
    params.set('late', '1');
  }
  if (page) {
    params.set('page', String(page));
  }
  return `${path}?${params.toString()}`;
}

/** A name as the export shows it: the first character, the rest masked. */
function maskName(name: string): string {
  return name.length <= 1 ? name : `${name.slice(0, 1)}${'*'.repeat(Math.min(name.length - 1, 6))}`;
}

/**
 * The worklists: one page with a tab per queue; filters by keyword, dates, agency and status;
 * order and paging; a CSV export of the filtered list (audited, personal data masked); and in
 * 认领中心 a batch claim.
 */
@ApiExcludeController()
@Controller('worklist')
export class WorklistPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly worklists: WorklistService,
    private readonly agencies: AgencyService,
    private readonly assignment: AssignmentService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private query(f: Filters, page: number, pageSize: number): WorklistQuery {
    return {
      queue: f.queue,
      q: f.q || undefined,
      sort: f.sort,
      page,
      pageSize,
      states: f.status ? [f.status] : undefined,
      agencyId: f.agencyId || undefined,
      scope: f.scope,
      late: f.late || undefined,
      receivedFrom: f.receivedFrom || undefined,
      receivedTo: f.receivedTo || undefined,
      dueFrom: f.dueFrom || undefined,
      dueTo: f.dueTo || undefined,
      withinDays: this.config.dueSoonWorkingDays,
    };
  }

  @Get()
  @Access('request.read')
  async list(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { filters: f, problems } = readFilters(req.query);
    const [list, agencies] = await Promise.all([
      this.worklists.worklist(c, this.query(f, f.page, PAGE_SIZE)),
      this.agencies.subtree(scopesFor(c.principal, 'request.read')),
    ]);
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const claimable = f.queue === 'unassigned' && hasPermission(c.principal, 'request.claim');
    const claimed = one(req.query.claimed, 6);
    const failed = one(req.query.failed, 6);
    return this.pages.render(
      req,
      res,
      'worklist',
      {
        f,
        label: QUEUE_LABELS[f.queue],
        errors: problems.length ? formErrors(problems) : NO_ERRORS,
        sorts: WORKLIST_SORTS.map((value) => ({ value, label: SORT_LABELS[value] })),
        statuses: [
          { value: '', label: '全部状态' },
          ...REQUEST_STATES.map((value) => ({ value, label: REQUEST_STATE_LABELS[value] })),
        ],
        agencyOptions: [
          { value: '', label: '全部部门' },
          ...agencies.map((a) => ({ value: a.id, label: a.name })),
        ],
        filtered: Boolean(f.q || f.status || f.agencyId || f.late || DATE_FILTERS.some((k) => f[k])),
        tabs: WORKLIST_QUEUES.filter((x) => x !== 'correction_due' && mayWork(c.principal, x)).map((x) => ({
          href: `/worklist?queue=${x}`,
          label: QUEUE_LABELS[x],
          current: x === f.queue,
        })),
        total: list.total,
        claimable,
        nopick: req.query.nopick === '1',
        claimedNotice: claimed ? { claimed: Number(claimed), failed: Number(failed) || 0 } : null,
        exportHref: address('/worklist/export.csv', f),
        rows: list.rows.map((r) => ({
          ...r,
          firstItem: r.firstItem && r.firstItem.length > 40 ? `${r.firstItem.slice(0, 40)}…` : r.firstItem,
          applicantTypeLabel: APPLICANT_TYPE_LABELS[r.applicantType],
          channelLabel: INTAKE_CHANNEL_LABELS[r.channel],
          left: deadlineWords(r),
          paused: PAUSED_WORDS[r.status] ?? null,
        })),
        page: f.page,
        pages,
        prev: f.page > 1 ? address('/worklist', f, f.page - 1) : null,
        next: f.page < pages ? address('/worklist', f, f.page + 1) : null,
      },
      { title: QUEUE_LABELS[f.queue], active: `/worklist?queue=${f.queue}` },
    );
  }

  /** The filtered list as CSV for a spreadsheet: names masked, every export audited. */
  @Get('export.csv')
  @Access('request.read')
  async exportCsv(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { filters: f } = readFilters(req.query);
    const list = await this.worklists.worklist(c, this.query(f, 1, EXPORT_LIMIT));
    const header = [
      '申请编号',
      '所需信息',
      '申请人类型',
      '申请人',
      '渠道',
      '收到日期',
      '法定期限',
      '剩余',
      '状态',
      '承办部门',
      '承办人',
    ];
    const lines = list.rows.map((r) => [
      r.number,
      r.firstItem,
      APPLICANT_TYPE_LABELS[r.applicantType],
      maskName(r.applicantName ?? ''),
      INTAKE_CHANNEL_LABELS[r.channel],
      r.receivedOn,
      r.replyDue,
      deadlineWords(r) ?? (PAUSED_WORDS[r.status] ? `暂停（${PAUSED_WORDS[r.status]}）` : ''),
      r.statusLabel,
      r.handlingAgency.name,
      r.assignee?.name ?? '',
    ]);
    await this.audit.record(null, {
      actor: c.principal.login,
      ip: c.ip,
      action: 'worklist.exported',
      objectType: 'worklist',
      objectId: f.queue,
      result: 'success',
      details: { filters: { ...f, page: undefined }, rows: list.rows.length, total: list.total },
    });
    const name = `${QUEUE_LABELS[f.queue]}-${list.today}.csv`;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="worklist-${list.today}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.end(csvFile([header, ...lines]));
  }

  /** 批量认领: the ticked requests of 认领中心, each at the version the clerk saw. */
  @Post('claim')
  @Access('request.claim')
  async claimMany(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const raw = (req.body as Record<string, unknown>).pick;
    const picks = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .filter((v): v is string => typeof v === 'string')
      .slice(0, CLAIM_LIMIT)
      .map((v) => v.split(':'))
      .filter(([id, version]) => UUID.test(id ?? '') && /^\d{1,9}$/.test(version ?? ''));
    if (picks.length === 0) {
      return res.redirect(303, '/worklist?queue=unassigned&nopick=1');
    }
    let claimed = 0;
    for (const [id, version] of picks) {
      try {
        await this.assignment.claim(c, id, Number(version));
        claimed++;
      } catch (e) {
        // Someone else was faster, or it moved on: the rest are still claimed.
        if (!(e instanceof DomainError)) {
          throw e;
        }
      }
    }
    res.redirect(303, `/worklist?queue=unassigned&claimed=${claimed}&failed=${picks.length - claimed}`);
  }
}
