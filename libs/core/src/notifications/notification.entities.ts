import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * The notification outbox (docs/domain-rules.md "Notifications"): written in the same transaction as the
 * event it reports, delivered at least once by the worker; the unique key suppresses duplicates.
 */
@Entity('notification')
@Index('IDX_notification_pending', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('IDX_notification_recipient', ['recipientType', 'recipientId', 'id'])
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** e.g. `request:<id>:correction_notice:citizen:sms`: the same fact never queues twice. */
  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  channel!: NotificationChannel;

  @Column({ type: 'text' })
  recipientType!: 'citizen' | 'staff' | 'applicant';

  @Column({ type: 'uuid' })
  recipientId!: string;

  @Column({ type: 'uuid', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: 'pending' | 'sent' | 'failed';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** In-app: when the recipient opened it. */
  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * One handled item of a scheduled sweep (docs/architecture.md, conventions 9): `(job, item, slot)` is unique, so of several
 * workers sweeping at once exactly one records it, and a second run changes nothing.
 */
@Entity('job_run')
export class JobRunEntity {
  @PrimaryColumn({ type: 'text' })
  job!: string;

  @PrimaryColumn({ type: 'text' })
  item!: string;

  @PrimaryColumn({ type: 'text' })
  slot!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
