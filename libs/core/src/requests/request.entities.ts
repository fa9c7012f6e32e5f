import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';

/**
 * A disclosure request: the row carries where the request is (status) and a cached copy of its
 * reply deadline for sorting and worklists. The deadline itself is always derived from the
 * request's events and the calendar (libs/domain clock model); the cache is rewritten whenever it
 * is recomputed, with an event recording old and new dates.
 */
@Entity('request')
@Index('IDX_request_open_region', ['calendarRegion'], { where: `"concluded_on" IS NULL` })
export class RequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  status!: string;

  /** The legal receipt date (Art. 31), Asia/Shanghai. */
  @Column({ type: 'date' })
  receivedOn!: string;

  /** Set when the request concludes (annual-report.md P2); open requests have none. */
  @Column({ type: 'date', nullable: true })
  concludedOn!: string | null;

  /** The calendar the request's deadlines are counted in (the agency's region). */
  @Column({ type: 'text', default: 'national' })
  calendarRegion!: string;

  @Column({ type: 'date', nullable: true })
  replyDue!: string | null;

  @Column({ type: 'boolean', default: false })
  replyDueProvisional!: boolean;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Everything that happened to a request, in order; clocks and reports are computed from these. */
@Entity('request_event')
@Index('IDX_request_event_request', ['requestId', 'id'])
export class RequestEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_request_event_request' })
  request?: Relation<RequestEntity>;

  @Column({ type: 'text' })
  type!: string;

  /** The legal date of the event (Asia/Shanghai), e.g. the day a notice was served. */
  @Column({ type: 'date' })
  onDate!: string;

  /** When it was recorded (system time). */
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;
}
