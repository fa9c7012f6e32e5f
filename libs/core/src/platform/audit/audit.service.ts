import { invalidInput } from '@gongkai/domain';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { AuditLogEntity, AuditResult } from './audit-log.entity';
import { sha256Hex } from '../hashing/sha256';
import { PersonalDataCipher } from '../crypto/personal-data-cipher';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';

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
/** Held by the one sequencer linking rows (a second replica finds it taken and waits for its turn). */
const AUDIT_CHAIN_LOCK = 7_300_002;
/** Rows linked in one sequencer transaction at most. */
const SEQUENCE_BATCH = 1000;

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

type AuditContent = Omit<AuditLogEntity, 'id' | 'prevHash' | 'hash' | 'seq'>;

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

/** The unkeyed SHA-256 link of rows written before the chain was keyed (verified, never written now). */
export function auditHash(prevHash: string, row: AuditContent): string {
  return sha256Hex(`${prevHash}\n${auditBody(row)}`);
}

/** The prefix of a keyed link: HMAC-SHA256 under a key kept outside the database. */
export const KEYED = 'k1:';

export interface AuditSearch {
  actor?: string;
  action?: string;
  objectId?: string;
  result?: string;
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
  /** Rows written but not yet linked by the sequencer (not covered by this check). */
  pending: number;
  /** The chain heads copied outside the database, and those the log no longer matches. */
  heads: { checked: number; mismatched: string[] };
}

/**
 * Writes and reads the audit log. `record` joins the caller's transaction, so an audited change and its
 * audit row commit or roll back together; it takes no lock (the whole system used to queue behind one).
 * `sequence` — the worker, a few times a second, one replica at a time — links the committed rows
 * in the order it finds them, each keyed to the one before.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The keyed link of a row: without the key (kept outside the database) nobody can forge it. */
  keyedHash(prevHash: string, row: AuditContent): string {
    return `${KEYED}${this.cipher.mac('audit-chain', `${prevHash}\n${auditBody(row)}`)}`;
  }

  async record(em: EntityManager | null, entry: AuditEntry): Promise<void> {
    await (em ?? this.dataSource.manager).query(
      `INSERT INTO audit_log (at, actor, ip, action, object_type, object_id, result, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        this.clock.now(),
        entry.actor,
        entry.ip ?? '',
        entry.action,
        entry.objectType ?? '',
        entry.objectId ?? '',
        entry.result,
        entry.details ?? {},
      ],
    );
  }

  /**
   * Links the committed rows that have no link yet, oldest first, each keyed to the chain's head
   * (one sequencer at a time across replicas: the others return 0). Answers how many it linked.
   */
  async sequence(): Promise<number> {
    let linked = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (em) => {
        const [{ got }] = await em.query<{ got: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS got', [
          AUDIT_CHAIN_LOCK,
        ]);
        if (!got) {
          return 0;
        }
        const rows = await em
          .getRepository(AuditLogEntity)
          .createQueryBuilder('a')
          .where('a.seq IS NULL')
          .orderBy('a.id', 'ASC')
          .limit(SEQUENCE_BATCH)
          .getMany();
        if (rows.length === 0) {
          return 0;
        }
        const [head] = await em.query<{ seq: string; hash: string }[]>(
          'SELECT a.seq::text AS seq, a.hash FROM audit_log a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1',
        );
        let prev = head?.hash ?? AUDIT_GENESIS;
        let seq = BigInt(head?.seq ?? '0');
        const ids: string[] = [];
        const seqs: string[] = [];
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const r of rows) {
          const { id, prevHash: _p, hash: _h, seq: _s, ...content } = r;
          seq += 1n;
          const hash = this.keyedHash(prev, content);
          ids.push(id);
          seqs.push(seq.toString());
          prevs.push(prev);
          hashes.push(hash);
          prev = hash;
        }
        await em.query(
          `UPDATE audit_log a SET seq = v.seq, prev_hash = v.prev, hash = v.hash
             FROM (SELECT unnest($1::bigint[]) AS id, unnest($2::bigint[]) AS seq,
                          unnest($3::text[]) AS prev, unnest($4::text[]) AS hash) v
            WHERE a.id = v.id`,
          [ids, seqs, prevs, hashes],
        );
        return rows.length;
      });
      linked += n;
      if (n < SEQUENCE_BATCH) {
        return linked;
      }
    }
  }

  /**
   * Re-computes the whole chain; an edited, inserted or removed row breaks it. Rows from before the
   * chain was keyed may carry the plain SHA-256 link, but never after the first keyed row. Then each
   * head copied to the sink outside the database must still be in the log with the same hash.
   */
  async verify(): Promise<AuditVerification> {
    const heads = await this.checkHeads();
    const [{ pending }] = await this.dataSource.query<{ pending: number }[]>(
      'SELECT count(*)::int AS pending FROM audit_log WHERE seq IS NULL',
    );
    let prevHash = AUDIT_GENESIS;
    let after = '0';
    let checked = 0;
    let keyed = false;
    for (;;) {
      const rows = await this.dataSource
        .getRepository(AuditLogEntity)
        .createQueryBuilder('a')
        .where('a.seq > :after', { after })
        .orderBy('a.seq', 'ASC')
        .limit(1000)
        .getMany();
      if (rows.length === 0) {
        return { ok: heads.mismatched.length === 0, checked, brokenAt: null, heads, pending };
      }
      for (const r of rows) {
        const { id, prevHash: storedPrev, hash, seq, ...content } = r;
        keyed ||= (hash ?? '').startsWith(KEYED);
        const expected = keyed ? this.keyedHash(prevHash, content) : auditHash(prevHash, content);
        if (storedPrev !== prevHash || expected !== hash || hash === null) {
          return { ok: false, checked, brokenAt: id, heads, pending };
        }
        prevHash = hash;
        checked++;
        after = seq!;
      }
    }
  }

  /**
   * Copies the chain's head (id, hash, time) to the append-only sink outside the database
   * (AUDIT_HEAD_FILE); the worker does it every few minutes. Answers the head copied, if any.
   */
  async copyHead(): Promise<{ id: string; hash: string } | null> {
    const [head] = await this.dataSource.query<{ id: string; hash: string }[]>(
      'SELECT id::text AS id, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
    );
    if (!head) {
      return null;
    }
    const line = `${JSON.stringify({ at: this.clock.now().toISOString(), id: head.id, hash: head.hash })}\n`;
    mkdirSync(dirname(this.config.auditHeadFile), { recursive: true });
    appendFileSync(this.config.auditHeadFile, line, { mode: 0o600 });
    return head;
  }

  private async checkHeads(): Promise<AuditVerification['heads']> {
    if (!existsSync(this.config.auditHeadFile)) {
      return { checked: 0, mismatched: [] };
    }
    const heads = readFileSync(this.config.auditHeadFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; hash: string });
    const mismatched: string[] = [];
    for (const h of heads) {
      const [row] = await this.dataSource.query<{ hash: string }[]>(
        'SELECT hash FROM audit_log WHERE id = $1',
        [h.id],
      );
      if (!row || row.hash !== h.hash) {
        mismatched.push(h.id);
      }
    }
    return { checked: heads.length, mismatched };
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
    if (q.result) {
      qb.andWhere('a.result = :result', { result: q.result });
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
