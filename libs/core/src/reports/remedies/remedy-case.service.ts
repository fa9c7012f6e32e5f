import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, RemedyCaseFact, invalidInput, table4Column } from '@gongkai/domain';
import type { RemedyKind, RemedyResult } from '@gongkai/domain';
import { AuditService } from '../../platform';
import { yearLocked } from '../../platform';
import { Clock } from '../../platform';
import { Caller, StaffPrincipal } from '../../platform';
import { RequestAccessService } from '../../request-record';
import { RemedyCaseEntity } from '../report.entities';

export interface RemedyCaseInput {
  kind: RemedyKind;
  filedOn: string;
  body: string;
  result?: RemedyResult | null;
  concludedOn?: string | null;
  note?: string | null;
}

/** Reconsiderations and lawsuits against a request's reply (Table 4), recorded in the console. */
@Injectable()
export class RemedyCaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RequestAccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(caller: Caller<StaffPrincipal>, requestId: string) {
    return this.access
      .forStaff(caller, requestId)
      .then(() =>
        this.dataSource
          .getRepository(RemedyCaseEntity)
          .find({ where: { requestId }, order: { filedOn: 'ASC' } }),
      );
  }

  async record(caller: Caller<StaffPrincipal>, requestId: string, input: RemedyCaseInput) {
    return this.dataSource.transaction(async (em) => {
      const { request } = await this.access.forStaff(caller, requestId, 'remedy.record', em, true);
      this.validate(input, request.receivedOn);
      const row = em.getRepository(RemedyCaseEntity).create({
        id: randomUUID(),
        requestId,
        agencyId: request.agencyId,
        kind: input.kind,
        filedOn: input.filedOn,
        body: input.body.trim(),
        result: input.result ?? null,
        concludedOn: input.concludedOn ?? null,
        note: input.note?.trim() || null,
        recordedBy: caller.principal.login,
        recordedAt: this.clock.now(),
        version: 1,
      });
      await this.assertUnlocked(em, request.agencyId, null, row);
      await em.insert(RemedyCaseEntity, row);
      await this.audited(em, caller, 'remedy_case.recorded', row);
      return row;
    });
  }

  /** Records a later result (or corrects the case), version-checked. */
  async update(
    caller: Caller<StaffPrincipal>,
    requestId: string,
    caseId: string,
    input: Partial<RemedyCaseInput> & { version: number },
  ) {
    return this.dataSource.transaction(async (em) => {
      const { request } = await this.access.forStaff(caller, requestId, 'remedy.record', em, true);
      const before = await em.getRepository(RemedyCaseEntity).findOneBy({ id: caseId, requestId });
      if (!before) {
        throw new DomainError('REMEDY_CASE.NOT_FOUND', 'not_found', '没有找到该复议或诉讼案件。', { caseId });
      }
      if (before.version !== input.version) {
        throw new DomainError('REMEDY_CASE.STALE_VERSION', 'conflict', '该案件已被他人修改，请刷新后重试。', {
          current: before.version,
        });
      }
      const after: RemedyCaseEntity = {
        ...before,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        version: before.version + 1,
      };
      this.validate(after, request.receivedOn);
      await this.assertUnlocked(em, request.agencyId, before, after);
      await em.update(
        RemedyCaseEntity,
        { id: caseId, version: before.version },
        {
          kind: after.kind,
          filedOn: after.filedOn,
          body: after.body,
          result: after.result,
          concludedOn: after.concludedOn,
          note: after.note,
          version: after.version,
        },
      );
      await this.audited(em, caller, 'remedy_case.updated', after, before);
      return after;
    });
  }

  private validate(input: RemedyCaseInput, receivedOn: string): void {
    const today = this.clock.today();
    if (input.filedOn > today || input.filedOn < receivedOn) {
      throw invalidInput('filedOn', 'filedOn.outOfRange', '立案日期不能晚于今天，也不能早于收到申请之日');
    }
    if (((input.result ?? null) === null) !== ((input.concludedOn ?? null) === null)) {
      throw invalidInput('concludedOn', 'concludedOn.withResult', '审结结果与审结日期须同时填写');
    }
    if (input.concludedOn && (input.concludedOn < input.filedOn || input.concludedOn > today)) {
      throw invalidInput('concludedOn', 'concludedOn.outOfRange', '审结日期须在立案之后且不晚于今天');
    }
  }

  /** P8 for Table 4: a case's change that would alter a published, locked year is refused. */
  private async assertUnlocked(
    em: EntityManager,
    agencyId: string,
    before: RemedyCaseFact | null,
    after: RemedyCaseFact,
  ): Promise<void> {
    const years = [
      ...new Set([before?.filedOn, after.filedOn].filter(Boolean).map((d) => Number(d!.slice(0, 4)))),
    ];
    const locks = await em.query<{ year: number; name: string }[]>(
      `SELECT k.year, a.name FROM report_lock k JOIN agency a ON a.id = k.agency_id
         JOIN agency x ON x.id = $1
        WHERE k.unlocked_at IS NULL AND k.year = ANY($2)
          AND (k.agency_id = x.id OR (k.scope = 'subtree' AND x.path LIKE a.path || '%'))`,
      [agencyId, years],
    );
    for (const lock of locks) {
      const was = before ? `${before.kind}:${table4Column(before, lock.year)}` : null;
      const now = `${after.kind}:${table4Column(after, lock.year)}`;
      const counted = (s: string | null) => (s && !s.endsWith(':null') ? s : null);
      if (counted(was) !== counted(now)) {
        throw yearLocked({ year: lock.year, agency: lock.name });
      }
    }
  }

  private audited(
    em: EntityManager,
    caller: Caller<StaffPrincipal>,
    action: string,
    row: RemedyCaseEntity,
    before?: RemedyCaseEntity,
  ) {
    return this.audit.record(em, {
      actor: caller.principal.login,
      ip: caller.ip,
      action,
      objectType: 'request',
      objectId: row.requestId,
      result: 'success',
      details: {
        caseId: row.id,
        kind: row.kind,
        filedOn: row.filedOn,
        result: row.result,
        ...(before ? { before: { result: before.result, concludedOn: before.concludedOn } } : {}),
      },
    });
  }
}
