import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  Permission,
  RequestAction,
  RequestState,
  TRANSITIONS,
  assertTransition,
} from '@gongkai/domain';
import { AuditService, canAt } from '../../platform';
import { Clock } from '../../platform';
import { Caller, CitizenPrincipal, StaffPrincipal } from '../../platform';
import { RequestAccessService, ScopedRequest } from '../../request-record';
import { RequestClockService } from '../../deadlines';
import { RequestEntity } from '../../request-record';
import { movedView } from '../../request-record';
import { TransitionSet, applyTransition, staleVersion } from '../../request-record';

export interface ActionContext {
  em: EntityManager;
  request: RequestEntity;
  /** Present for staff callers: the request's filing and handling agencies. */
  scoped: ScopedRequest | null;
  today: string;
  now: Date;
  actor: string;
  /** The person acting; null for the worker. */
  caller: Caller | null;
}

/** What one action does, decided once the request is loaded, locked and its state checked. */
export interface ActionPlan {
  to?: RequestState;
  set?: TransitionSet;
  /** The event type (clock events use the names of libs/domain/clock). */
  type: string;
  /** The legal date of the event, when it is not today (a correction received by post on its date). */
  onDate?: string;
  data?: Record<string, unknown>;
  /** Runs after the event is written: letters, notifications, rows linked to the event. */
  after?: (eventId: string, moved: RequestEntity) => Promise<Record<string, unknown> | void>;
}

export type ActionView = ReturnType<typeof movedView> & { replyDue: string | null } & Record<string, unknown>;

/**
 * The one way a handling action runs (docs/architecture.md, conventions 3–5): one transaction; the request scoped to the
 * caller and locked; the stale-version and transition checks first; the plan's own rules; then the
 * version-checked move with its event; then the letters and notices; and finally the cached
 * deadline brought up to date from the events.
 */
@Injectable()
export class RequestActionRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RequestAccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly clocks: RequestClockService,
  ) {}

  staff(
    caller: Caller<StaffPrincipal>,
    id: string,
    action: RequestAction,
    permission: Permission,
    version: number | undefined,
    decide: (ctx: ActionContext) => ActionPlan | Promise<ActionPlan>,
  ): Promise<ActionView> {
    return this.dataSource.transaction(async (em) => {
      const scoped = await this.access.forStaff(caller, id, permission, em, true);
      // A handling move belongs to the request's assignee, or to someone who may assign it.
      const assignee = scoped.request.assigneeId;
      if (
        permission === 'request.handle' &&
        assignee &&
        assignee !== caller.principal.userId &&
        !canAt(caller.principal, 'request.assign', scoped.handlingAgency.path) &&
        !canAt(caller.principal, 'request.assign', scoped.agency.path)
      ) {
        throw new DomainError('REQUEST.NOT_ASSIGNEE', 'forbidden', '这件申请由他人承办，您不能办理。', {
          action,
        });
      }
      return this.apply(em, caller, scoped.request, scoped, action, version, decide, caller.principal.login);
    });
  }

  citizen(
    caller: Caller<CitizenPrincipal>,
    id: string,
    action: RequestAction,
    version: number | undefined,
    decide: (ctx: ActionContext) => ActionPlan | Promise<ActionPlan>,
  ): Promise<ActionView> {
    return this.dataSource.transaction(async (em) => {
      const request = await this.access.forCitizen(caller, id, em, true);
      return this.apply(
        em,
        caller,
        request,
        null,
        action,
        version,
        decide,
        `citizen:${caller.principal.citizenId}`,
      );
    });
  }

  /** For the worker: a system move inside the sweep's own transaction (the request already locked). */
  system(
    em: EntityManager,
    request: RequestEntity,
    action: RequestAction,
    decide: (ctx: ActionContext) => ActionPlan | Promise<ActionPlan>,
  ): Promise<ActionView> {
    return this.apply(
      em,
      { actor: 'system:worker', ip: '' },
      request,
      null,
      action,
      undefined,
      decide,
      'system:worker',
    );
  }

  private async apply(
    em: EntityManager,
    caller: Caller | { actor: string; ip: string },
    request: RequestEntity,
    scoped: ScopedRequest | null,
    action: RequestAction,
    version: number | undefined,
    decide: (ctx: ActionContext) => ActionPlan | Promise<ActionPlan>,
    actor: string,
  ): Promise<ActionView> {
    if (version !== undefined && version !== request.version) {
      throw staleVersion(request.id, version, request.version);
    }
    assertTransition(action, request.status);
    const ctx: ActionContext = {
      em,
      request,
      scoped,
      today: this.clock.today(),
      now: this.clock.now(),
      actor,
      caller: 'principal' in caller ? caller : null,
    };
    const plan = await decide(ctx);
    // Actions that keep the request where it is (extension, Art. 35, letters) stay in its state.
    const stays = (TRANSITIONS[action].to as readonly RequestState[]).includes(request.status);
    const moved = await applyTransition(em, this.audit, caller, request, {
      action,
      to: plan.to ?? (stays ? request.status : undefined),
      expectedVersion: version,
      set: plan.set,
      event: { type: plan.type, onDate: plan.onDate ?? ctx.today, at: ctx.now, data: plan.data },
    });
    const extra = plan.after ? await plan.after(moved.eventId, moved) : undefined;
    // A served or archived request's clock is settled (and an archived row is read-only).
    const replyDue = ['served', 'archived'].includes(moved.status)
      ? moved.replyDue
      : await this.clocks.refreshCache(em, moved);
    return { ...movedView(moved), replyDue, ...extra };
  }
}
