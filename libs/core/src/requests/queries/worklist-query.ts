import type { RequestState, WorklistQueue, WorklistSort } from '@gongkai/domain';

/** One worklist page as asked for: the queue, filters, order and page. */
export interface WorklistQuery {
  queue: WorklistQueue;
  states?: RequestState[];
  agencyId?: string;
  scope: 'agency' | 'subtree';
  withinDays: number;
  q?: string;
  /** Receipt and statutory reply dates, inclusive ranges (YYYY-MM-DD). */
  receivedFrom?: string;
  receivedTo?: string;
  dueFrom?: string;
  dueTo?: string;
  /** Only requests concluded after their statutory date (逾期已办结). */
  late?: boolean;
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
