import { invalidInput } from '@gongkai/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { AuditLogEntity, AuditResult } from './audit-log.entity';
import { sha256Hex } from '../hashing/sha256';

export interface AuditEntry {
  actor: string;
  ip?: string;
  action: string;
  objectType?: string;
  objectId?: string;
  result: AuditResult;
  details?: Record<string, unknown>;
}

export const AUDIT_GENESIS = '0'.repeat(64);
/** Serialises appends so each row chains to the one before it (held until the transaction ends). */
const AUDIT_CHAIN_LOCK = 7_300_002;

/** JSON with sorted keys, so the hash of a row does not depend on how jsonb orders its keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type AuditContent = Omit<AuditLogEntity, 'id' | 'prevHash' | 'hash'>;

/** The canonical text of a row's content, the part of its hash that does not depend on the chain. */
export function auditBody(row: AuditContent): string {
  return canonical([
    row.at.toISOString(),
    row.actor,
    row.ip,
    row.action,
    row.objectType,
    row.objectId,
    row.result,
    row.details,
  ]);
}

export function auditHash(prevHash: string, row: AuditContent): string {
  return sha256Hex(`${prevHash}\n${auditBody(row)}`);
}

export interface AuditSearch {
  actor?: string;
  action?: string;
  objectId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link does not match, when the chain is broken. */
  brokenAt: string | null;
}

/**
 * Writes and reads the audit log. `record` joins the caller's transaction, so an audited change
 * and its audit row commit or roll back together; call it last in a use case, as it holds the
 * chain lock until commit.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(em: EntityManager | null, entry: AuditEntry): Promise<void> {
    if (!em) {
      await this.dataSource.transaction((tx) => this.record(tx, entry));
      return;
    }
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const row = {
      at: this.clock.now(),
      actor: entry.actor,
      ip: entry.ip ?? '',
      action: entry.action,
      objectType: entry.objectType ?? '',
      objectId: entry.objectId ?? '',
      result: entry.result,
      details: entry.details ?? {},
    };
    // One round trip: the link to the previous row and this row's hash are computed by the database
    // (sha256 of "<previous hash>\n<canonical body>", the same bytes auditHash() hashes).
    await em.query(
      `INSERT INTO audit_log (at, actor, ip, action, object_type, object_id, result, details, prev_hash, hash)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, p.h, encode(sha256(convert_to(p.h || E'\\n' || $9, 'UTF8')), 'hex')
         FROM (SELECT COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), $10) AS h) p`,
      [
        row.at,
        row.actor,
        row.ip,
        row.action,
        row.objectType,
        row.objectId,
        row.result,
        row.details,
        auditBody(row),
        AUDIT_GENESIS,
      ],
    );
  }

  /** Re-computes the whole chain; an edited, inserted or removed row breaks it. */
  async verify(): Promise<AuditVerification> {
    let prevHash = AUDIT_GENESIS;
    let after = '0';
    let checked = 0;
    for (;;) {
      const rows = await this.dataSource
        .getRepository(AuditLogEntity)
        .createQueryBuilder('a')
        .where('a.id > :after', { after })
        .orderBy('a.id', 'ASC')
        .limit(1000)
        .getMany();
      if (rows.length === 0) {
        return { ok: true, checked, brokenAt: null };
      }
      for (const r of rows) {
        const { id, prevHash: storedPrev, hash, ...content } = r;
        if (storedPrev !== prevHash || auditHash(prevHash, content) !== hash) {
          return { ok: false, checked, brokenAt: id };
        }
        prevHash = hash;
        checked++;
        after = id;
      }
    }
  }

  /** Audit records, newest first, filtered by actor, action prefix, object or time. */
  async search(q: AuditSearch) {
    for (const field of ['from', 'to'] as const) {
      // ISO 8601 also allows week dates (2026-W05), which Date cannot read.
      if (q[field] !== undefined && Number.isNaN(new Date(q[field]).getTime())) {
        throw invalidInput(field, 'date.invalid', '时间格式有误，例如 2026-03-02T09:00:00+08:00');
      }
    }
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (q.actor) {
      qb.andWhere('a.actor = :actor', { actor: q.actor });
    }
    if (q.action) {
      qb.andWhere('a.action LIKE :action', { action: `${q.action.replace(/[%_\\]/g, '\\$&')}%` });
    }
    if (q.objectId) {
      qb.andWhere('a.object_id = :objectId', { objectId: q.objectId });
    }
    if (q.from) {
      qb.andWhere('a.at >= :from', { from: new Date(q.from) });
    }
    if (q.to) {
      qb.andWhere('a.at < :to', { to: new Date(q.to) });
    }
    const [rows, total] = await qb
      .orderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { page, pageSize, total, rows };
  }
}
