export { RequestAccessService } from './request-access.service';
export type { ScopedRequest } from './request-access.service';
export { appendRequestEvent } from './request-events';
export { applicantView, deadlineView, itemsView, movedView, publicHistory, stateView } from './request-views';
export {
  IdempotencyKeyEntity,
  RequestCounterEntity,
  RequestEntity,
  RequestEventEntity,
  RequestItemEntity,
} from './request.entities';
export type { ReplyDraft } from './request.entities';
export { RequestRecordModule } from './request-record.module';
export { applyTransition, staleVersion } from './transition';
export type { TransitionSet } from './transition';
export { requestNotFound } from './request-errors';
