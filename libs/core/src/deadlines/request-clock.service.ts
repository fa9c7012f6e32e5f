import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import {
  ClockEvent,
  RequestClock,
  WorkingCalendar,
  deriveRequestClock,
  DeadlineStatus,
  deadlineStatus,
  deadlineWords,
} from '@gongkai/domain';
import { AuditService } from '../platform';
import { CalendarService } from '../calendar';
import { appendRequestEvent } from '../request-record';
import { requestNotFound } from '../request-record';
import { RequestEntity, RequestEventEntity } from '../request-record';

const CLOCK_EVENT_TYPES = new Set<ClockEvent['type']>([
  'received',
  'correction_notice_served',
  'correction_received',
  'consultation_opened',
  'consultation_answered',
  'fee_notice_served',
  'fee_paid',
  'extension_approved',
  'art35_deadline_set',
]);

/** The clock events among a request's events (the row's data carries each event's own fields). */
export function toClockEvents(rows: RequestEventEntity[]): ClockEvent[] {
  return rows.flatMap((r): ClockEvent[] => {
    if (r.type === 'consultation_lapsed') {
      // 15 working days without an answer end the pause on the last of them (Art. 32, 33 ¶2).
      const { consultationId, answerDue } = r.data as { consultationId: string; answerDue: string };
      return [{ type: 'consultation_answered', on: answerDue, consultationId }];
    }
    return CLOCK_EVENT_TYPES.has(r.type as ClockEvent['type'])
      ? [{ ...r.data, type: r.type, on: r.onDate } as ClockEvent]
      : [];
  });
}

export interface DeadlineChange {
  requestId: string;
  oldDue: string | null;
  newDue: string | null;
  oldProvisional: boolean;
  newProvisional: boolean;
}

/** Computes request clocks from events, and keeps each open request's cached deadline current. */
@Injectable()
export class RequestClockService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A request's clocks and their status today: what "why this date" shows. `status` is the one
   * deadline status of libs/domain (overdue only while the reply clock runs).
   */
  async clockOf(
    requestId: string,
    today: string,
  ): Promise<{
    request: RequestEntity;
    clock: RequestClock;
    /** Every event of the request, oldest first. */
    events: RequestEventEntity[];
    history: RequestEventEntity[];
    status: DeadlineStatus & { words: string | null };
  }> {
    const request = await this.dataSource.getRepository(RequestEntity).findOneBy({ id: requestId });
    if (!request) {
      throw requestNotFound(requestId);
    }
    const events = await this.dataSource
      .getRepository(RequestEventEntity)
      .find({ where: { requestId }, order: { id: 'ASC' } });
    const calendar = await this.calendars.calendarFor(request.calendarRegion);
    const clock = deriveRequestClock(toClockEvents(events), calendar);
    const status = deadlineStatus(request.status, clock.reply.due, calendar, today);
    return {
      request,
      clock,
      events,
      history: events.filter((e) => e.type === 'deadline_recomputed'),
      status: { ...status, words: deadlineWords(status) },
    };
  }

  /** The request's events (in order) and its clock, read inside the caller's transaction. */
  async clockIn(
    em: EntityManager,
    request: RequestEntity,
  ): Promise<{ clock: RequestClock; events: RequestEventEntity[]; calendar: WorkingCalendar }> {
    const events = await em
      .getRepository(RequestEventEntity)
      .find({ where: { requestId: request.id }, order: { id: 'ASC' } });
    const calendar = await this.calendars.calendarFor(request.calendarRegion);
    return { clock: deriveRequestClock(toClockEvents(events), calendar), events, calendar };
  }

  /**
   * Brings the row's cached reply deadline up to date after an event moved the clock (part of the
   * same move, so the version is not bumped again). Returns the deadline.
   */
  async refreshCache(em: EntityManager, request: RequestEntity): Promise<string | null> {
    const { clock } = await this.clockIn(em, request);
    if (clock.reply.due !== request.replyDue || clock.reply.provisional !== request.replyDueProvisional) {
      await em.update(
        RequestEntity,
        { id: request.id },
        { replyDue: clock.reply.due, replyDueProvisional: clock.reply.provisional },
      );
    }
    return clock.reply.due;
  }

  /**
   * Recomputes the reply deadline of every open request counted in the given regions (all when
   * `regions` is null) and records each change as a `deadline_recomputed` event with old and new
   * dates. Runs inside the caller's transaction.
   */
  async recomputeOpen(
    em: EntityManager,
    calendars: Map<string, WorkingCalendar>,
    opts: {
      regions: string[] | null;
      today: string;
      at: Date;
      actor: string;
      reason: Record<string, unknown>;
    },
  ): Promise<DeadlineChange[]> {
    const requests = await em.getRepository(RequestEntity).find({
      where: opts.regions
        ? { concludedOn: IsNull(), calendarRegion: In(opts.regions) }
        : { concludedOn: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (requests.length === 0) {
      return [];
    }
    const events = await em
      .getRepository(RequestEventEntity)
      .find({ where: { requestId: In(requests.map((r) => r.id)) }, order: { id: 'ASC' } });
    const byRequest = new Map<string, RequestEventEntity[]>();
    events.forEach((e) => byRequest.set(e.requestId, [...(byRequest.get(e.requestId) ?? []), e]));
    const changes: DeadlineChange[] = [];
    for (const r of requests) {
      const calendar = calendars.get(r.calendarRegion);
      if (!calendar) {
        continue;
      }
      const { reply } = deriveRequestClock(toClockEvents(byRequest.get(r.id) ?? []), calendar);
      if (reply.due === r.replyDue && reply.provisional === r.replyDueProvisional) {
        continue;
      }
      const change = {
        requestId: r.id,
        oldDue: r.replyDue,
        newDue: reply.due,
        oldProvisional: r.replyDueProvisional,
        newProvisional: reply.provisional,
      };
      await em.update(
        RequestEntity,
        { id: r.id },
        { replyDue: reply.due, replyDueProvisional: reply.provisional, version: r.version + 1 },
      );
      await appendRequestEvent(
        em,
        this.audit,
        { actor: opts.actor, ip: '' },
        {
          requestId: r.id,
          type: 'deadline_recomputed',
          onDate: opts.today,
          at: opts.at,
          data: {
            ...opts.reason,
            oldDue: change.oldDue,
            newDue: change.newDue,
            oldProvisional: change.oldProvisional,
            newProvisional: change.newProvisional,
          },
        },
      );
      changes.push(change);
    }
    return changes;
  }
}
