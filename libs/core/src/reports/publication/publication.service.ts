import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { DomainError, invalidInput } from '@gongkai/domain';
import { canonicalJson, sha256Hex } from '../../platform';
import { AuditService } from '../../platform';
import { Clock } from '../../platform';
import { Caller, StaffPrincipal } from '../../platform';
import { ReportLockEntity, ReportNarrativeEntity, ReportSnapshotEntity } from '../report.entities';
import type { PublishedContent, ReportQuery } from '../table3/report-types';
import { ReportService } from '../table3/report.service';

/**
 * P8: publishing stores the report as a hashed snapshot and locks the year (the database then refuses
 * changes that would alter it); an administrator may unlock it with a reason, audited.
 */
@Injectable()
export class PublicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(caller: Caller<StaffPrincipal>, q: ReportQuery) {
    const cov = await this.reports.coverage(caller, q, 'report.publish');
    if (this.clock.today() <= `${q.year}-12-31`) {
      throw invalidInput('year', 'year.notOver', '年度结束后才能发布该年度报告');
    }
    return this.dataSource.transaction(async (em) => {
      // One publication at a time per agency and year: the lock row is the serialisation point.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`report:${cov.agency.id}:${q.year}`]);
      const active = await em.getRepository(ReportLockEntity).findOneBy({
        agencyId: cov.agency.id,
        year: q.year,
        scope: q.scope,
        unlockedAt: IsNull(),
      });
      if (active) {
        throw new DomainError('REPORT.ALREADY_PUBLISHED', 'conflict', '该年度报告已发布并锁定。', {
          snapshotId: active.snapshotId,
        });
      }
      const table3 = await this.reports.table3For(cov, q.year, em);
      if (!table3.ok) {
        throw new DomainError('REPORT.CHECKS_FAILED', 'rule_violation', '表格校验未通过，不能发布。', {
          checks: table3.checks.filter((c) => !c.ok),
        });
      }
      const content: PublishedContent = {
        table3,
        table4: await this.reports.table4For(cov, q.year, em),
        narrative: await this.reports.narrativeText(cov, table3, em),
        carriedForwardIds: await this.reports.carriedForwardIds(cov, q.year, em),
      };
      const previous = await this.reports.published(cov.agency.id, q.year, q.scope, em);
      const now = this.clock.now();
      const snapshot = em.getRepository(ReportSnapshotEntity).create({
        id: randomUUID(),
        agencyId: cov.agency.id,
        year: q.year,
        scope: q.scope,
        format: table3.format,
        version: (previous?.version ?? 0) + 1,
        content,
        sha256: sha256Hex(canonicalJson(content)),
        publishedAt: now,
        publishedBy: caller.principal.login,
      });
      await em.insert(ReportSnapshotEntity, snapshot);
      await em.insert(ReportLockEntity, {
        id: randomUUID(),
        agencyId: cov.agency.id,
        year: q.year,
        scope: q.scope,
        snapshotId: snapshot.id,
        lockedAt: now,
        lockedBy: caller.principal.login,
        unlockedAt: null,
        unlockedBy: null,
        unlockReason: null,
      });
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'report.published',
        objectType: 'agency',
        objectId: cov.agency.id,
        result: 'success',
        details: { year: q.year, scope: q.scope, version: snapshot.version, sha256: snapshot.sha256 },
      });
      return this.view(snapshot, true);
    });
  }

  async unlock(caller: Caller<StaffPrincipal>, q: ReportQuery & { reason: string }) {
    const cov = await this.reports.coverage(caller, q, 'report.unlock');
    if (q.reason.trim().length < 4) {
      throw invalidInput('reason', 'reason.tooShort', '请说明解锁的理由（至少 4 个字）');
    }
    return this.dataSource.transaction(async (em) => {
      const lock = await em.getRepository(ReportLockEntity).findOneBy({
        agencyId: cov.agency.id,
        year: q.year,
        scope: q.scope,
        unlockedAt: IsNull(),
      });
      if (!lock) {
        throw new DomainError('REPORT.NOT_LOCKED', 'conflict', '该年度报告未锁定。');
      }
      await em.update(
        ReportLockEntity,
        { id: lock.id },
        { unlockedAt: this.clock.now(), unlockedBy: caller.principal.login, unlockReason: q.reason.trim() },
      );
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'report.unlocked',
        objectType: 'agency',
        objectId: cov.agency.id,
        result: 'success',
        details: { year: q.year, scope: q.scope, reason: q.reason.trim(), snapshotId: lock.snapshotId },
      });
      return { agencyId: cov.agency.id, year: q.year, scope: q.scope, locked: false };
    });
  }

  /**
   * Saves the edited narrative (or, with an empty text, goes back to the drafted one). Refused while the
   * year is published and locked.
   */
  async saveNarrative(caller: Caller<StaffPrincipal>, q: ReportQuery, text: string) {
    const cov = await this.reports.coverage(caller, q, 'report.publish');
    const trimmed = text.replace(/\r\n/g, '\n').trim();
    if (trimmed.length > 5000) {
      throw invalidInput('narrative', 'narrative.tooLong', '说明文字不超过 5000 字');
    }
    return this.dataSource.transaction(async (em) => {
      const locked = await em.query<unknown[]>(
        `SELECT 1 FROM report_lock WHERE agency_id = $1 AND year = $2 AND scope = $3 AND unlocked_at IS NULL`,
        [cov.agency.id, q.year, q.scope],
      );
      if (locked.length > 0) {
        throw new DomainError(
          'REPORT.ALREADY_PUBLISHED',
          'conflict',
          '该年度报告已发布并锁定，不能修改说明。',
        );
      }
      const key = { agencyId: cov.agency.id, year: q.year, scope: q.scope };
      if (trimmed === '') {
        await em.delete(ReportNarrativeEntity, key);
      } else {
        await em.upsert(
          ReportNarrativeEntity,
          { ...key, text: trimmed, updatedAt: this.clock.now(), updatedBy: caller.principal.login },
          ['agencyId', 'year', 'scope'],
        );
      }
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: trimmed === '' ? 'report.narrative_reset' : 'report.narrative_edited',
        objectType: 'agency',
        objectId: cov.agency.id,
        result: 'success',
        details: { year: q.year, scope: q.scope, length: trimmed.length },
      });
    });
  }

  /** Every published version of a year, newest first, with its hash and lock history. */
  async versions(caller: Caller<StaffPrincipal>, q: ReportQuery) {
    const cov = await this.reports.coverage(caller, q);
    const snapshots = await this.dataSource.getRepository(ReportSnapshotEntity).find({
      where: { agencyId: cov.agency.id, year: q.year, scope: q.scope },
      order: { version: 'DESC' },
    });
    const locks = await this.dataSource.getRepository(ReportLockEntity).find({
      where: { agencyId: cov.agency.id, year: q.year, scope: q.scope },
    });
    return snapshots.map((s) => {
      const lock = locks.find((l) => l.snapshotId === s.id);
      return {
        id: s.id,
        version: s.version,
        sha256: s.sha256,
        publishedAt: s.publishedAt,
        publishedBy: s.publishedBy,
        locked: Boolean(lock && !lock.unlockedAt),
        unlockedAt: lock?.unlockedAt ?? null,
        unlockedBy: lock?.unlockedBy ?? null,
        unlockReason: lock?.unlockReason ?? null,
      };
    });
  }

  /** One published version's content, as stored (for its downloads). */
  async version(caller: Caller<StaffPrincipal>, snapshotId: string) {
    const s = await this.dataSource.getRepository(ReportSnapshotEntity).findOneBy({ id: snapshotId });
    if (s) {
      const cov = await this.reports
        .coverage(caller, { agencyId: s.agencyId, year: s.year, scope: s.scope })
        .catch(() => null);
      if (cov) {
        const lock = await this.dataSource
          .getRepository(ReportLockEntity)
          .findOneBy({ snapshotId: s.id, unlockedAt: IsNull() });
        return this.view(s, Boolean(lock));
      }
    }
    throw new DomainError('REPORT.NOT_PUBLISHED', 'not_found', '找不到该发布版本。');
  }

  /** The newest publication of a year and whether it still locks the year. */
  async latest(caller: Caller<StaffPrincipal>, q: ReportQuery) {
    const cov = await this.reports.coverage(caller, q);
    const snapshot = await this.reports.published(cov.agency.id, q.year, q.scope);
    if (!snapshot) {
      throw new DomainError('REPORT.NOT_PUBLISHED', 'not_found', '该年度报告尚未发布。');
    }
    const lock = await this.dataSource
      .getRepository(ReportLockEntity)
      .findOneBy({ snapshotId: snapshot.id, unlockedAt: IsNull() });
    return this.view(snapshot, Boolean(lock));
  }

  private view(s: ReportSnapshotEntity, locked: boolean) {
    const content = s.content as PublishedContent;
    return {
      id: s.id,
      agencyId: s.agencyId,
      year: s.year,
      scope: s.scope,
      format: s.format,
      version: s.version,
      sha256: s.sha256,
      publishedAt: s.publishedAt,
      publishedBy: s.publishedBy,
      locked,
      table3: content.table3,
      table4: content.table4,
      narrative: content.narrative,
    };
  }
}
