import { EntityManager } from 'typeorm';
import { DomainError, RequestAction, RequestState, assertTransition } from '@gongkai/domain';
import { AuditService } from '../platform';
import { Caller } from '../platform';
import { appendRequestEvent } from './request-events';
import { RequestEntity } from './request.entities';

export function staleVersion(id: string, expected: number, actual: number): DomainError {
  return new DomainError('REQUEST.STALE_VERSION', 'conflict', '该申请已被他人修改，请刷新后重试。', {
    id,
    expectedVersion: expected,
    currentVersion: actual,
  });
}

/** The columns a move may write besides status and version. */
export type TransitionSet = Partial<
  Pick<
    RequestEntity,
    | 'handlingAgencyId'
    | 'assigneeId'
    | 'disposition'
    | 'concludedOn'
    | 'draft'
    | 'draftedById'
    | 'sensitive'
    | 'topic'
  >
>;

/**
 * Moves a request by the transition table (docs/architecture.md, conventions 3–4): checks the move, writes
 * `UPDATE … WHERE id AND version` (0 rows is a concurrent edit: 409) and appends the event, all in
 * the caller's transaction. Services never assign a status any other way.
 */
export async function applyTransition(
  em: EntityManager,
  audit: AuditService,
  caller: Caller | { actor: string; ip: string },
  request: RequestEntity,
  t: {
    action: RequestAction;
    to?: RequestState;
    /** The version the client saw, when it sent one. */
    expectedVersion?: number;
    set?: TransitionSet;
    event: { type: string; onDate: string; at: Date; data?: Record<string, unknown> };
  },
): Promise<RequestEntity & { eventId: string }> {
  if (t.expectedVersion !== undefined && t.expectedVersion !== request.version) {
    throw staleVersion(request.id, t.expectedVersion, request.version);
  }
  const to = assertTransition(t.action, request.status, t.to);
  const result = await em
    .createQueryBuilder()
    .update(RequestEntity)
    .set({ ...t.set, status: to, version: request.version + 1 })
    .where('id = :id AND version = :version', { id: request.id, version: request.version })
    .execute();
  if (result.affected !== 1) {
    const current = await em.getRepository(RequestEntity).findOneByOrFail({ id: request.id });
    throw staleVersion(request.id, request.version, current.version);
  }
  const event = await appendRequestEvent(em, audit, caller, {
    requestId: request.id,
    type: t.event.type,
    onDate: t.event.onDate,
    at: t.event.at,
    data: { action: t.action, from: request.status, to, ...t.event.data },
  });
  return { ...request, ...t.set, status: to, version: request.version + 1, eventId: event.id };
}
