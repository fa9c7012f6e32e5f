import { EntityManager } from 'typeorm';
import { AuditService } from '../platform';
import { Caller, actorOf } from '../platform';
import { RequestEventEntity } from './request.entities';

/**
 * Appends one event to a request's history and the same fact to the audit log, in the caller's
 * transaction (docs/domain-rules.md: every request event is audited).
 */
export async function appendRequestEvent(
  em: EntityManager,
  audit: AuditService,
  caller: Caller | { actor: string; ip: string },
  event: { requestId: string; type: string; onDate: string; at: Date; data?: Record<string, unknown> },
): Promise<RequestEventEntity> {
  const actor = 'principal' in caller ? actorOf(caller.principal) : caller.actor;
  const saved = await em.save(
    em.create(RequestEventEntity, {
      requestId: event.requestId,
      type: event.type,
      onDate: event.onDate,
      at: event.at,
      actor,
      data: event.data ?? {},
    }),
  );
  await audit.record(em, {
    actor,
    ip: caller.ip,
    action: `request.${event.type}`,
    objectType: 'request',
    objectId: event.requestId,
    result: 'success',
    details: { eventId: saved.id, onDate: event.onDate },
  });
  return saved;
}
