import type { Permission } from '../identity/roles';
import type { RequestState } from './request-state';

/** The worklists of the handling desk (docs/domain-rules.md, "Worklists"). */
export const WORKLIST_QUEUES = [
  'all',
  'mine',
  'unassigned',
  'due_soon',
  'overdue',
  'correction_due',
  'to_review',
  'to_sign',
  'to_serve',
  'to_archive',
  'consulting',
] as const;
export type WorklistQueue = (typeof WORKLIST_QUEUES)[number];

export const WORKLIST_SORTS = ['deadline', '-deadline', 'received', '-received', 'number'] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

export type StageQueue = 'to_review' | 'to_sign' | 'to_serve' | 'to_archive' | 'consulting';

/**
 * Where the work of each stage waits, and who may take it: a reply in review waits for a legal
 * reviewer, one awaiting sign-off for a signer (who must be neither its drafter nor its reviewer,
 * see separation-of-duties.ts); replied or terminated requests wait to be served (Art. 40), served
 * ones to be archived, and consultations (Art. 32) for the answer.
 */
export const WORKLIST_STAGES: Record<
  StageQueue,
  { states: readonly RequestState[]; permission: Permission }
> = {
  to_review: { states: ['in_review'], permission: 'request.review' },
  to_sign: { states: ['awaiting_signoff'], permission: 'request.sign' },
  to_serve: { states: ['replied', 'terminated'], permission: 'request.handle' },
  to_archive: { states: ['served'], permission: 'request.handle' },
  consulting: { states: ['consulting'], permission: 'request.handle' },
};

/** A registered request nobody has taken yet: it waits in 认领中心 of its handling agency. */
export function isUnassigned(state: RequestState, assigneeId: string | null): boolean {
  return state === 'registered' && assigneeId === null;
}
