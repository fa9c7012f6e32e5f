import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@gongkai/domain';
import { AuditService, Clock } from '../platform';
import type { Caller, StaffPrincipal } from '../platform';
import { NotificationEntity } from './notification.entities';

export interface OutboxSummary {
  pending: number;
  /** Pending and due more than a minute ago: the worker is behind or not running. */
  overdue: number;
  failed: number;
  sentLastDay: number;
  oldestDueAt: Date | null;
}

/** A delivery that needs a look: failed, or pending past its time. No addresses, no message body. */
export interface OutboxProblem {
  id: string;
  channel: string;
  recipientType: string;
  subject: string;
  status: 'pending' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** How the outbox stands, for the system administrator's health page, and a retry of a failed delivery. */
@Injectable()
export class OutboxMonitor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async summary(): Promise<OutboxSummary> {
    const now = this.clock.now();
    const [row] = await this.dataSource.query<
      { pending: number; overdue: number; failed: number; sent: number; oldest: Date | null }[]
    >(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'pending' AND next_attempt_at < $1::timestamptz - interval '1 minute')::int AS overdue,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status = 'sent' AND sent_at > $1::timestamptz - interval '1 day')::int AS sent,
              min(next_attempt_at) FILTER (WHERE status = 'pending') AS oldest
         FROM notification WHERE channel <> 'in_app' OR status <> 'sent'`,
      [now],
    );
    return {
      pending: row.pending,
      overdue: row.overdue,
      failed: row.failed,
      sentLastDay: row.sent,
      oldestDueAt: row.oldest,
    };
  }

  async problems(limit = 50): Promise<OutboxProblem[]> {
    const now = this.clock.now();
    const rows = await this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where(`n.status = 'failed' OR (n.status = 'pending' AND n.next_attempt_at < :due)`, {
        due: new Date(now.getTime() - 60_000),
      })
      .orderBy('n.status', 'ASC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit)
      .getMany();
    return rows.map((n) => ({
      id: n.id,
      channel: n.channel,
      recipientType: n.recipientType,
      subject: n.subject,
      status: n.status as 'pending' | 'failed',
      attempts: n.attempts,
      lastError: n.lastError,
      nextAttemptAt: n.nextAttemptAt,
      createdAt: n.createdAt,
    }));
  }

  /** Puts a failed delivery back in the queue with its attempts reset (audited). */
  async retry(caller: Caller<StaffPrincipal>, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const result = await em.update(
        NotificationEntity,
        { id, status: 'failed' },
        { status: 'pending', attempts: 0, nextAttemptAt: this.clock.now(), lastError: null },
      );
      if (!result.affected) {
        throw new DomainError('NOTIFICATION.NOT_FAILED', 'conflict', '该通知不是发送失败的状态，无需重试。');
      }
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'notification.retried',
        objectType: 'notification',
        objectId: id,
        result: 'success',
        details: {},
      });
    });
  }
}
