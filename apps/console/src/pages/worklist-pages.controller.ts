import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  APPLICANT_TYPE_LABELS,
  INTAKE_CHANNEL_LABELS,
  WORKLIST_QUEUES,
  WORKLIST_SORTS,
  deadlineWords,
} from '@gongkai/domain';
import type { WorklistQueue, WorklistSort } from '@gongkai/domain';
import { APP_CONFIG, Access, StaffCaller, hasPermission } from '@gongkai/core/platform';
import type { AppConfig, Caller, StaffPrincipal } from '@gongkai/core/platform';
import { WorklistService } from '@gongkai/core/requests/queries';
import { Pages } from '@gongkai/web';
import { PAUSED_WORDS, QUEUE_LABELS } from './console-web';
import { HOME_QUEUES } from './staff-pages.controller';

/** Whether the person works this queue (all requests: whoever reads them). */
function mayWork(p: StaffPrincipal, queue: WorklistQueue): boolean {
  const permission = HOME_QUEUES.find(([q]) => q === queue)?.[1] ?? 'request.read';
  return hasPermission(p, permission);
}

const PAGE_SIZE = 20;
const SORT_LABELS: Record<WorklistSort, string> = {
  deadline: '答复期限（近到远）',
  '-deadline': '答复期限（远到近）',
  received: '收到日期（早到晚）',
  '-received': '收到日期（晚到早）',
  number: '申请编号',
};

/** The worklists: one page, a tab per queue, keyword search, order and paging. */
@ApiExcludeController()
@Controller('worklist')
export class WorklistPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly worklists: WorklistService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Access('request.read')
  async list(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Query('queue') rawQueue: string | undefined,
    @Query('q') rawQ: string | undefined,
    @Query('sort') rawSort: string | undefined,
    @Query('page') rawPage: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const queue: WorklistQueue = (WORKLIST_QUEUES as readonly string[]).includes(rawQueue ?? '')
      ? (rawQueue as WorklistQueue)
      : 'mine';
    const sort: WorklistSort = (WORKLIST_SORTS as readonly string[]).includes(rawSort ?? '')
      ? (rawSort as WorklistSort)
      : 'deadline';
    const q = typeof rawQ === 'string' ? rawQ.trim().slice(0, 60) : '';
    const page = Math.min(Math.max(Number.parseInt(rawPage ?? '1', 10) || 1, 1), 10_000);
    const list = await this.worklists.worklist(c, {
      queue,
      q: q || undefined,
      sort,
      page,
      pageSize: PAGE_SIZE,
      scope: 'subtree',
      withinDays: this.config.dueSoonWorkingDays,
    });
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const link = (p: number) =>
      `/worklist?${new URLSearchParams({ queue, sort, ...(q ? { q } : {}), page: String(p) }).toString()}`;
    return this.pages.render(
      req,
      res,
      'worklist',
      {
        queue,
        label: QUEUE_LABELS[queue],
        q,
        sort,
        sorts: WORKLIST_SORTS.map((value) => ({ value, label: SORT_LABELS[value] })),
        tabs: WORKLIST_QUEUES.filter((x) => x !== 'correction_due' && mayWork(c.principal, x)).map((x) => ({
          href: `/worklist?queue=${x}`,
          label: QUEUE_LABELS[x],
          current: x === queue,
        })),
        total: list.total,
        rows: list.rows.map((r) => ({
          ...r,
          firstItem: r.firstItem && r.firstItem.length > 40 ? `${r.firstItem.slice(0, 40)}…` : r.firstItem,
          applicantTypeLabel: APPLICANT_TYPE_LABELS[r.applicantType],
          channelLabel: INTAKE_CHANNEL_LABELS[r.channel],
          left: deadlineWords(r),
          paused: PAUSED_WORDS[r.status] ?? null,
        })),
        page,
        pages,
        prev: page > 1 ? link(page - 1) : null,
        next: page < pages ? link(page + 1) : null,
      },
      { title: QUEUE_LABELS[queue], active: `/worklist?queue=${queue}` },
    );
  }
}
