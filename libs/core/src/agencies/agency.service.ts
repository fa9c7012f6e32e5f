import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
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
  /** Requests by one applicant within `excessiveDays` days that make the Art. 35 step a suggestion. */
  excessiveCount: number;
  excessiveDays: number;
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

  /** An active agency by id, or null. */
  find(id: string): Promise<AgencyEntity | null> {
    return /^[0-9a-f-]{36}$/i.test(id)
      ? this.dataSource.getRepository(AgencyEntity).findOneBy({ id, active: true })
      : Promise.resolve(null);
  }

  /** Every agency under any of the given paths, ordered as a tree (parents before children). */
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
        excessiveCount: input.excessiveCount ?? 10,
        excessiveDays: input.excessiveDays ?? 30,
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

  /**
   * Moves an agency (with everything under it) under another parent. Refused into its own subtree,
   * for a top-level government, and where it would change a published, locked subtree report: an
   * agency that is above the old place or the new one (not both) has a locked year the moved
   * agencies' requests count in.
   */
  async move(caller: Caller<StaffPrincipal>, id: string, newParentId: string): Promise<AgencyEntity> {
    return this.dataSource.transaction(async (em) => {
      // One tree change at a time, so two moves cannot make a cycle between them.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('agency-tree'))`);
      const agency = await this.get(em, id);
      assertCanAt(caller.principal, 'agency.manage', agency.path);
      if (!agency.parentId) {
        throw invalidInput('parentId', 'parentId.root', '一级政府不能移动');
      }
      const parent = await this.get(em, newParentId);
      assertCanAt(caller.principal, 'agency.manage', parent.path);
      if (parent.path.startsWith(agency.path)) {
        throw invalidInput('parentId', 'parentId.insideItself', '不能移动到本机关或其下级机关之下');
      }
      if (parent.id === agency.parentId) {
        return agency;
      }
      const locked = await em.query<{ year: number; name: string }[]>(
        `SELECT l.year, a.name FROM report_lock l JOIN agency a ON a.id = l.agency_id
          WHERE l.unlocked_at IS NULL AND l.scope = 'subtree'
            AND ((starts_with($1, a.path) AND a.path <> $1) <> starts_with($2, a.path))
            AND EXISTS (SELECT 1 FROM report_fact f JOIN agency m ON m.id = f.agency_id
                         WHERE m.path LIKE $1 || '%' AND f.received_on <= make_date(l.year, 12, 31)
                           AND (f.concluded_on IS NULL OR f.concluded_on >= make_date(l.year, 1, 1)))
          ORDER BY l.year LIMIT 1`,
        [agency.path, parent.path],
      );
      if (locked.length > 0) {
        throw new DomainError(
          'AGENCY.MOVE_CHANGES_PUBLISHED_REPORT',
          'conflict',
          `移动会改变${locked[0].name}已发布并锁定的 ${locked[0].year} 年度报告，请先解锁该年度报告。`,
          { year: locked[0].year, agency: locked[0].name },
        );
      }
      const newPath = `${parent.path}${agency.id}/`;
      const now = this.clock.now();
      await em.query(
        `UPDATE agency SET path = $2 || substr(path, length($1) + 1), updated_at = $3 WHERE path LIKE $1 || '%'`,
        [agency.path, newPath, now],
      );
      await em.update(AgencyEntity, { id }, { parentId: parent.id });
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'agency.moved',
        objectType: 'agency',
        objectId: id,
        result: 'success',
        details: {
          fromParentId: agency.parentId,
          toParentId: parent.id,
          fromPath: agency.path,
          toPath: newPath,
        },
      });
      return this.get(em, id);
    });
  }

  /** The working-calendar regions an agency may follow. */
  regions(): Promise<{ code: string; name: string }[]> {
    return this.dataSource.getRepository(CalendarRegionEntity).find({ order: { code: 'ASC' } });
  }

  /** The names from the top of the tree down to an agency, for showing where it sits. */
  async trail(path: string): Promise<string[]> {
    const ids = path.split('/').filter(Boolean);
    const rows = await this.dataSource.getRepository(AgencyEntity).findBy({ id: In(ids) });
    return ids.map((i) => rows.find((r) => r.id === i)?.name ?? '?');
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
