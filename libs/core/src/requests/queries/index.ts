export { REVEALABLE_FIELDS, RequestQueryService } from './request-query.service';
export type { RevealableField } from './request-query.service';
export { WorklistService } from './worklist.service';
export type { WorklistQuery } from './worklist-query';
export { RequestQueriesModule } from './request-queries.module';
export { RequestReadRepository } from './request-read.repository';
export { REPEAT_SIMILARITY, RequestHintsService } from './request-hints.service';
export type { FrequentHint, RepeatHint, RequestHints } from './request-hints.service';
