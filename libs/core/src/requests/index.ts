export { RequestAccessService } from './request-access.service';
export type { ScopedRequest } from './request-access.service';
export { appendRequestEvent } from './request-events';
export {
  RUNNING_CLOCK_STATES,
  applicantView,
  deadlineView,
  itemsView,
  movedView,
  publicHistory,
  stateView,
  workingDaysLeft,
} from './request-views';
export {
  IdempotencyKeyEntity,
  RequestCounterEntity,
  RequestEntity,
  RequestEventEntity,
  RequestItemEntity,
} from './request.entities';
export type { DraftItem, ReplyDraft } from './request.entities';
export { RequestsModule } from './requests.module';
export { applyTransition, staleVersion } from './transition';
export type { TransitionSet } from './transition';
export { requestNotFound } from './request-errors';
