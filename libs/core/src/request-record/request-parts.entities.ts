import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { ReplyCode } from '@gongkai/domain';
import { RequestEntity } from './request.entity';
import { AgencyEntity } from '../agencies';

/** One matter of an application (Art. 29 ¶1(2)): what the applicant wants, item by item. */
@Entity('request_item')
export class RequestItemEntity {
  @PrimaryColumn({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_request_item_request' })
  request?: Relation<RequestEntity>;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', nullable: true })
  documentNumber!: string | null;

  /** The item's outcome in the reply (a reply code), set when the reply is signed off. */
  @Column({ type: 'text', nullable: true })
  outcome!: ReplyCode | null;

  /** Why (required for every refusal), as stated in the reply. */
  @Column({ type: 'text', nullable: true })
  reasons!: string | null;

  @Column({ type: 'text', nullable: true })
  legalBasis!: string | null;

  /** Art. 36(5): the agency responsible, when it is not this one. */
  @Column({ type: 'text', nullable: true })
  responsibleAgency!: string | null;
}

/** The gap-free sequence of request numbers, per agency per year (row-locked while a request is numbered). */
@Entity('request_counter')
export class RequestCounterEntity {
  @PrimaryColumn({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_request_counter_agency' })
  agency?: Relation<AgencyEntity>;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  lastSeq!: number;
}

/** A submission's `Idempotency-Key`: a retried submission answers with the first one's result. */
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  /** Whose key it is (`citizen:<id>` or `staff:<id>`), so keys never collide across people. */
  @PrimaryColumn({ type: 'text' })
  scope!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** SHA-256 of the submitted body: the same key with a different body is refused. */
  @Column({ type: 'text' })
  bodyHash!: string;

  @Column({ type: 'jsonb', nullable: true })
  response!: Record<string, unknown> | null;

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
