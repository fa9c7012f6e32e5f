export {
  REVEALABLE_FIELDS,
  RequestQueryService,
  WORKLIST_QUEUES,
  WORKLIST_SORTS,
} from './request-query.service';
export type { RevealableField, WorklistQueue, WorklistSort } from './request-query.service';
export { RequestQueriesModule } from './request-queries.module';
