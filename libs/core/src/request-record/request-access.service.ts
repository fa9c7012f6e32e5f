import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Permission } from '@gongkai/domain';
import { AgencyEntity } from '../agencies';
import { AuditService } from '../platform';
import { Caller, CitizenPrincipal, StaffPrincipal, actorOf, canAt } from '../platform';
import { requestNotFound } from './request-errors';
import { RequestEntity } from './request.entities';

export interface ScopedRequest {
  request: RequestEntity;
  agency: AgencyEntity;
  handlingAgency: AgencyEntity;
}

/**
 * Object-level access (docs/domain-rules.md "Access control"): staff reach a request through the agency it
 * was filed with or the agency handling it, within the subtree of a role holding the permission;
 * a citizen reaches only their own. Anything else answers 404, as if it did not exist, and is
 * audited.
 */
@Injectable()
export class RequestAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async forStaff(
    caller: Caller<StaffPrincipal>,
    id: string,
    permission: Permission = 'request.read',
    em: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<ScopedRequest> {
    const request = await em
      .getRepository(RequestEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    // One after the other: inside a transaction both queries share one connection.
    const agency = request ? await em.getRepository(AgencyEntity).findOneBy({ id: request.agencyId }) : null;
    const handlingAgency = request
      ? await em.getRepository(AgencyEntity).findOneBy({ id: request.handlingAgencyId })
      : null;
    const readable =
      request &&
      agency &&
      handlingAgency &&
      (canAt(caller.principal, 'request.read', agency.path) ||
        canAt(caller.principal, 'request.read', handlingAgency.path));
    if (!readable) {
      await this.denied(caller, id, 'request.read');
      throw requestNotFound(id);
    }
    if (
      permission !== 'request.read' &&
      !canAt(caller.principal, permission, agency.path) &&
      !canAt(caller.principal, permission, handlingAgency.path)
    ) {
      await this.denied(caller, id, permission);
      throw requestNotFound(id);
    }
    return { request, agency, handlingAgency };
  }

  async forCitizen(
    caller: Caller<CitizenPrincipal>,
    id: string,
    em: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<RequestEntity> {
    const request = await em.getRepository(RequestEntity).findOne({
      where: { id, citizenId: caller.principal.citizenId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!request) {
      await this.denied(caller, id, 'citizen.own');
      throw requestNotFound(id);
    }
    return request;
  }

  /** Audited in its own transaction: the refusal is recorded even though the caller's work is not done. */
  async denied(caller: Caller, id: string, permission: string): Promise<void> {
    await this.audit.record(null, {
      actor: actorOf(caller.principal),
      ip: caller.ip,
      action: 'request.access_denied',
      objectType: 'request',
      objectId: id,
      result: 'denied',
      details: { permission },
    });
  }
}
