import type { RequestState, WorklistQueue, WorklistSort } from '@gongkai/domain';

/** One worklist page as asked for: the queue, filters, order and page. */
export interface WorklistQuery {
  queue: WorklistQueue;
  states?: RequestState[];
  agencyId?: string;
  scope: 'agency' | 'subtree';
  withinDays: number;
  q?: string;
  sort: WorklistSort;
  page: number;
  pageSize: number;
}

/** The columns each order sorts on. */
export const SORTS: Record<WorklistSort, [string, 'ASC' | 'DESC']> = {
  deadline: ['r.reply_due', 'ASC'],
  '-deadline': ['r.reply_due', 'DESC'],
  received: ['r.received_on', 'ASC'],
  '-received': ['r.received_on', 'DESC'],
  number: ['r.number', 'ASC'],
};
