import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, invalidInput, numberPatternProblem } from '@gongkai/domain';
import { AuditService } from '../platform';
import { CalendarRegionEntity } from '../calendar';
import { Clock } from '../platform';
import { assertCanAt, Caller, forbidden, scopesFor, StaffPrincipal } from '../platform';
import {
  AgencyEntity,
  AgencyKind,
  DEFAULT_LEGAL_REVIEW_RULES,
  LegalReviewRules,
  RetentionClass,
} from './agency.entity';

/** The editable settings of an agency's disclosure office. */
export interface AgencySettings {
  name: string;
  shortName: string;
  letterHeader: string;
  sealText: string;
  address: string;
  postalCode: string;
  phone: string;
  email: string;
  /** When the office receives applicants in person. */
  officeHours: string;
  reconsiderationBody: string;
  court: string;
  numberPattern: string;
  legalReview: LegalReviewRules;
  retentionClass: RetentionClass;
  calendarRegion: string;
  acceptsApplications: boolean;
  active: boolean;
}

export interface NewAgency extends Partial<AgencySettings> {
  parentId: string | null;
  code: string;
  kind: AgencyKind;
  name: string;
  shortName: string;
  reconsiderationBody: string;
  court: string;
}

export function agencyNotFound(id: string): DomainError {
  return new DomainError('AGENCY.NOT_FOUND', 'not_found', '机关不存在或不在您的管理范围内。', { id });
}

/** The agency tree and its disclosure-office settings (administered by system administrators). */
@Injectable()
export class AgencyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(em: EntityManager, id: string): Promise<AgencyEntity> {
    const agency = await em.getRepository(AgencyEntity).findOneBy({ id });
    if (!agency) {
      throw agencyNotFound(id);
    }
    return agency;
  }

  /** Every agency under any of the given paths, ordered as a tree (parents before children). */
  /** An active agency by id, or null. */
  find(id: string): Promise<AgencyEntity | null> {
    return /^[0-9a-f-]{36}$/i.test(id)
      ? this.dataSource.getRepository(AgencyEntity).findOneBy({ id, active: true })
      : Promise.resolve(null);
  }

  async subtree(paths: string[]): Promise<AgencyEntity[]> {
    if (paths.length === 0) {
      return [];
    }
    return this.dataSource
      .getRepository(AgencyEntity)
      .createQueryBuilder('a')
      .where(`a.path LIKE ANY(:prefixes)`, { prefixes: paths.map((p) => `${p}%`) })
      .orderBy('a.path', 'ASC')
      .getMany();
  }

  /** Agencies accepting online applications (public list for the portal). */
  async acceptingApplications(): Promise<AgencyEntity[]> {
    return this.dataSource
      .getRepository(AgencyEntity)
      .find({ where: { acceptsApplications: true, active: true }, order: { path: 'ASC' } });
  }

  async create(caller: Caller<StaffPrincipal>, input: NewAgency): Promise<AgencyEntity> {
    return this.dataSource.transaction(async (em) => {
      let path: string;
      const id = randomUUID();
      if (input.parentId) {
        const parent = await this.get(em, input.parentId);
        assertCanAt(caller.principal, 'agency.manage', parent.path);
        path = `${parent.path}${id}/`;
      } else {
        // A new root (another government) needs the permission held at a root agency.
        if (!scopesFor(caller.principal, 'agency.manage').some((p) => p.split('/').length === 3)) {
          throw forbidden('agency.manage');
        }
        path = `/${id}/`;
      }
      if (await em.getRepository(AgencyEntity).existsBy({ code: input.code })) {
        throw new DomainError('AGENCY.CODE_TAKEN', 'conflict', '机关代码已被使用。', { field: 'code' });
      }
      const now = this.clock.now();
      const agency = em.create(AgencyEntity, {
        id,
        parentId: input.parentId,
        path,
        code: input.code,
        kind: input.kind,
        name: input.name,
        shortName: input.shortName,
        letterHeader: input.letterHeader ?? input.name,
        sealText: input.sealText ?? `${input.name}政府信息公开专用章`,
        address: input.address ?? '',
        postalCode: input.postalCode ?? '',
        phone: input.phone ?? '',
        email: input.email ?? '',
        officeHours: input.officeHours ?? '',
        reconsiderationBody: input.reconsiderationBody,
        court: input.court,
        numberPattern: input.numberPattern ?? '{agencyShort}依申〔{year}〕{seq:4}号',
        legalReview: input.legalReview ?? DEFAULT_LEGAL_REVIEW_RULES,
        retentionClass: input.retentionClass ?? '10y',
        calendarRegion: input.calendarRegion ?? 'national',
        acceptsApplications: input.acceptsApplications ?? true,
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      });
      await this.validate(em, agency);
      await em.save(agency);
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'agency.created',
        objectType: 'agency',
        objectId: id,
        result: 'success',
        details: { code: input.code, name: input.name, parentId: input.parentId },
      });
      return agency;
    });
  }

  async update(
    caller: Caller<StaffPrincipal>,
    id: string,
    changes: Partial<AgencySettings>,
  ): Promise<AgencyEntity> {
    return this.dataSource.transaction(async (em) => {
      const agency = await em
        .getRepository(AgencyEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!agency) {
        throw agencyNotFound(id);
      }
      assertCanAt(caller.principal, 'agency.manage', agency.path);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes) as [keyof AgencySettings, unknown][]) {
        if (value !== undefined && JSON.stringify(agency[key]) !== JSON.stringify(value)) {
          before[key] = agency[key];
          after[key] = value;
        }
      }
      Object.assign(agency, after, { updatedAt: this.clock.now() });
      await this.validate(em, agency);
      await em.save(agency);
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'agency.settings_changed',
        objectType: 'agency',
        objectId: id,
        result: 'success',
        details: { before, after },
      });
      return agency;
    });
  }

  private async validate(em: EntityManager, agency: AgencyEntity): Promise<void> {
    const problem = numberPatternProblem(agency.numberPattern);
    if (problem) {
      throw invalidInput('numberPattern', 'numberPattern.invalid', problem);
    }
    if (!(await em.getRepository(CalendarRegionEntity).existsBy({ code: agency.calendarRegion }))) {
      throw invalidInput('calendarRegion', 'calendarRegion.unknown', '日历地区不存在');
    }
  }
}
