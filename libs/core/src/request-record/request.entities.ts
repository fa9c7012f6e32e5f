// The request's tables: the request itself, and its items, events, number counter and idempotency keys.
export * from './request.entity';
export * from './request-parts.entities';
