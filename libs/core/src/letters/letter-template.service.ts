import { invalidInput } from '@gongkai/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform';
import { Clock } from '../platform';
import { Caller, StaffPrincipal, actorOf, assertCanAt } from '../platform';
import { AgencyEntity, agencyNotFound } from '../agencies';

import { LETTER_KINDS, LETTER_KIND_INFO, LetterKind } from './letter-kinds';
import { LetterTemplateEntity } from './letter.entities';

export interface TemplateView {
  kind: LetterKind;
  title: string;
  version: number;
  slots: Record<string, string>;
  defaults: Record<string, string>;
}

/**
 * Per-agency wording of the editable slots of each template. Each change is a new version (never
 * an edit), audited; the legal wording stays locked in code.
 */
@Injectable()
export class LetterTemplateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller<StaffPrincipal>, agencyId: string): Promise<TemplateView[]> {
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: agencyId });
    if (!agency) {
      throw agencyNotFound(agencyId);
    }
    assertCanAt(caller.principal, 'template.manage', agency.path);
    const rows = await this.dataSource
      .getRepository(LetterTemplateEntity)
      .find({ where: { agencyId }, order: { version: 'DESC' } });
    return LETTER_KINDS.map((kind) => {
      const latest = rows.find((r) => r.kind === kind);
      const defaults = LETTER_KIND_INFO[kind].slots;
      return {
        kind,
        title: LETTER_KIND_INFO[kind].title,
        version: latest?.version ?? 0,
        slots: { ...defaults, ...latest?.slots },
        defaults,
      };
    });
  }

  async update(
    caller: Caller<StaffPrincipal>,
    agencyId: string,
    kind: LetterKind,
    input: { slots: Record<string, string>; reason: string },
  ): Promise<TemplateView> {
    const allowed = Object.keys(LETTER_KIND_INFO[kind].slots);
    for (const [name, text] of Object.entries(input.slots)) {
      if (!allowed.includes(name)) {
        throw invalidInput(
          `slots.${name}`,
          'slot.locked',
          `“${name}”不是可编辑的内容（可编辑：${allowed.join('、') || '无'}）`,
        );
      }
      if (typeof text !== 'string' || text.length > 500) {
        throw invalidInput(`slots.${name}`, 'slot.invalid', '可编辑内容须为不超过500字的文字');
      }
    }
    return this.dataSource.transaction(async (em) => {
      const agency = await em.getRepository(AgencyEntity).findOneBy({ id: agencyId });
      if (!agency) {
        throw invalidInput('agencyId', 'agency.unknown', '机关不存在');
      }
      assertCanAt(caller.principal, 'template.manage', agency.path);
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`letter_template:${agencyId}:${kind}`]);
      const latest = await em
        .getRepository(LetterTemplateEntity)
        .findOne({ where: { agencyId, kind }, order: { version: 'DESC' } });
      const row = {
        agencyId,
        kind,
        version: (latest?.version ?? 0) + 1,
        slots: { ...latest?.slots, ...input.slots },
        reason: input.reason,
        createdBy: actorOf(caller.principal),
        createdAt: this.clock.now(),
      };
      await em.insert(LetterTemplateEntity, row);
      await this.audit.record(em, {
        actor: actorOf(caller.principal),
        ip: caller.ip,
        action: 'letter_template.updated',
        objectType: 'agency',
        objectId: agencyId,
        result: 'success',
        details: {
          kind,
          version: row.version,
          before: latest?.slots ?? {},
          after: row.slots,
          reason: input.reason,
        },
      });
      return {
        kind,
        title: LETTER_KIND_INFO[kind].title,
        version: row.version,
        slots: { ...LETTER_KIND_INFO[kind].slots, ...row.slots },
        defaults: LETTER_KIND_INFO[kind].slots,
      };
    });
  }
}
