import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, RequestAction, validationFailed, ruleViolation } from '@gongkai/domain';
import { AgencyEntity } from '../../agencies';
import { StaffUserEntity } from '../../identity';
import { Caller, StaffPrincipal, canAt } from '../../platform';
import { ScopedRequest } from '../../request-record';
import { ActionView, RequestActionRunner } from './request-action.runner';

export interface AssignInput {
  handlingAgencyId?: string;
  assigneeId?: string;
  note?: string;
  version?: number;
}

/** What a move does, decided once the request and its agencies are loaded and locked. */
interface Decision {
  to?: 'in_progress' | 'registered';
  set: { handlingAgencyId?: string; assigneeId?: string | null };
  type: string;
  data: Record<string, unknown>;
}

/**
 * Assignment (分办、认领、退回、转办): who works on a request. Each action checks the transition
 * table, the caller's permission at the request's agencies and the target's, and writes one event.
 */
@Injectable()
export class AssignmentService {
  constructor(private readonly runner: RequestActionRunner) {}

  /** Registrar or office head: to a department (it waits there to be claimed) and/or a handler. */
  assign(caller: Caller<StaffPrincipal>, id: string, input: AssignInput): Promise<ActionView> {
    return this.move(
      caller,
      id,
      'request.assign',
      'assign',
      async (em, scoped) => {
        const target = await this.target(em, scoped, input);
        return {
          to: target.assigneeId ? ('in_progress' as const) : ('registered' as const),
          set: target,
          type: 'assigned',
          data: { ...target, note: input.note },
        };
      },
      input.version,
    );
  }

  /** A handler takes a request waiting in their agency. */
  claim(caller: Caller<StaffPrincipal>, id: string, version?: number): Promise<ActionView> {
    return this.move(
      caller,
      id,
      'request.claim',
      'claim',
      (_em, { handlingAgency }) => {
        if (!canAt(caller.principal, 'request.claim', handlingAgency.path)) {
          throw ruleViolation('REQUEST.NOT_IN_YOUR_AGENCY', '只能认领分办到本部门的申请。', {
            handlingAgencyId: handlingAgency.id,
          });
        }
        return {
          set: { assigneeId: caller.principal.userId },
          type: 'claimed',
          data: { assigneeId: caller.principal.userId },
        };
      },
      version,
    );
  }

  /** The handler (or whoever may assign) gives a request back to the office that filed it, with a reason. */
  return(caller: Caller<StaffPrincipal>, id: string, reason: string, version?: number): Promise<ActionView> {
    return this.move(
      caller,
      id,
      'request.read',
      'return',
      (_em, { request, agency, handlingAgency }) => {
        const mine = request.assigneeId === caller.principal.userId;
        if (!mine && !canAt(caller.principal, 'request.assign', handlingAgency.path)) {
          throw new DomainError('AUTH.FORBIDDEN', 'forbidden', '只有承办人或分办人员可以退回。', {
            permission: 'request.assign',
          });
        }
        return {
          set: { assigneeId: null, handlingAgencyId: agency.id },
          type: 'returned',
          data: {
            reason,
            previousAssigneeId: request.assigneeId,
            previousHandlingAgencyId: handlingAgency.id,
          },
        };
      },
      version,
    );
  }

  /** Office head or registrar: another handler or department takes over work in progress. */
  transfer(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: AssignInput & { reason: string },
  ): Promise<ActionView> {
    return this.move(
      caller,
      id,
      'request.assign',
      'transfer',
      async (em, scoped) => {
        if (!input.assigneeId) {
          throw validationFailed([
            { field: 'assigneeId', code: 'required', message: '转办须指定新的承办人' },
          ]);
        }
        const target = await this.target(em, scoped, input);
        if (
          target.assigneeId === scoped.request.assigneeId &&
          target.handlingAgencyId === scoped.request.handlingAgencyId
        ) {
          throw ruleViolation('REQUEST.ALREADY_ASSIGNED', '该申请已由此人承办。', {
            assigneeId: target.assigneeId,
          });
        }
        return {
          set: target,
          type: 'transferred',
          data: {
            ...target,
            reason: input.reason,
            previousAssigneeId: scoped.request.assigneeId,
            previousHandlingAgencyId: scoped.request.handlingAgencyId,
          },
        };
      },
      input.version,
    );
  }

  /** Where the work goes: inside the filing agency's subtree, to someone who may handle it there. */
  private async target(
    em: EntityManager,
    { request, agency }: ScopedRequest,
    input: AssignInput,
  ): Promise<{ handlingAgencyId: string; assigneeId: string | null }> {
    const handling = input.handlingAgencyId
      ? await em.getRepository(AgencyEntity).findOneBy({ id: input.handlingAgencyId, active: true })
      : await em.getRepository(AgencyEntity).findOneByOrFail({ id: request.handlingAgencyId });
    if (!handling || !handling.path.startsWith(agency.path)) {
      throw ruleViolation('REQUEST.ASSIGNEE_OUT_OF_SCOPE', '只能分办给受理机关本级或其下属部门。', {
        field: 'handlingAgencyId',
      });
    }
    if (!input.assigneeId) {
      return { handlingAgencyId: handling.id, assigneeId: null };
    }
    const rows = await em.query<unknown[]>(
      `SELECT 1 FROM staff_role r JOIN agency a ON a.id = r.agency_id JOIN staff_user u ON u.id = r.user_id
        WHERE r.user_id = $1 AND r.role = 'handler' AND u.active AND $2 LIKE a.path || '%'`,
      [input.assigneeId, handling.path],
    );
    if (rows.length === 0) {
      const exists = await em.getRepository(StaffUserEntity).existsBy({ id: input.assigneeId });
      throw ruleViolation(
        'REQUEST.ASSIGNEE_NOT_HANDLER',
        exists ? '该人员不是此部门的承办人。' : '承办人不存在。',
        {
          field: 'assigneeId',
        },
      );
    }
    return { handlingAgencyId: handling.id, assigneeId: input.assigneeId };
  }

  /** Every move runs through the one runner (scope, lock, version and table checks, event). */
  private move(
    caller: Caller<StaffPrincipal>,
    id: string,
    permission: 'request.assign' | 'request.claim' | 'request.read',
    action: RequestAction,
    decide: (em: EntityManager, scoped: ScopedRequest) => Decision | Promise<Decision>,
    version: number | undefined,
  ): Promise<ActionView> {
    return this.runner.staff(caller, id, action, permission, version, async (ctx) => {
      const d = await decide(ctx.em, ctx.scoped!);
      return { to: d.to, set: d.set, type: d.type, data: d.data };
    });
  }
}
