import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RequestEntity, RequestEventEntity, loadCalendars } from '@gongkai/core';
import { ClockEvent, deriveRequestClock } from '@gongkai/domain';

/**
 * Inserts a request with its clock events straight into the database, its cached deadline
 * computed as the system would. For tests of the clock and calendar until intake exists.
 */
export async function insertRequest(
  ds: DataSource,
  opts: { receivedOn: string; events?: ClockEvent[]; region?: string; concludedOn?: string; status?: string },
): Promise<string> {
  const id = randomUUID();
  const events: ClockEvent[] = [{ type: 'received', on: opts.receivedOn }, ...(opts.events ?? [])];
  const calendars = await loadCalendars(ds.manager);
  const region = opts.region ?? 'national';
  const { reply } = deriveRequestClock(events, calendars.get(region)!);
  await ds.transaction(async (em) => {
    await em.insert(RequestEntity, {
      id,
      status: opts.status ?? (opts.concludedOn ? 'replied' : 'in_progress'),
      receivedOn: opts.receivedOn,
      concludedOn: opts.concludedOn ?? null,
      calendarRegion: region,
      replyDue: reply.due,
      replyDueProvisional: reply.provisional,
      version: 1,
      createdAt: new Date(`${opts.receivedOn}T09:00:00+08:00`),
    });
    for (const e of events) {
      const { type, on, ...data } = e;
      await em.save(
        em.create(RequestEventEntity, {
          requestId: id,
          type,
          onDate: on,
          at: new Date(`${on}T10:00:00+08:00`),
          actor: 'test',
          data,
        }),
      );
    }
  });
  return id;
}
