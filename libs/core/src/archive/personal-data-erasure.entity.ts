import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { RequestEntity } from '../request-record';
import type { RetentionClass } from '../agencies';
import type { ManifestEntry } from './case-file.entity';

/**
 * The record of one request's personal data erased at the end of its retention period (docs/security.md
 * "Retention"; the 销毁清册 of the file's personal data): when, why, how many data keys were shredded,
 * and the hashes the changed records had just before — equal to the sealed manifest's, so the case file
 * still proves it was intact up to the erasure. Written once (append-only, like the case file).
 */
@Entity('personal_data_erasure')
export class PersonalDataErasureEntity {
  @PrimaryColumn({ type: 'uuid' })
  requestId!: string;

  @OneToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_personal_data_erasure_request' })
  request?: Relation<RequestEntity>;

  /** The day of erasure (Asia/Shanghai) and the moment. */
  @Column({ type: 'date' })
  erasedOn!: string;

  @Column({ type: 'timestamptz' })
  erasedAt!: Date;

  @Column({ type: 'text' })
  retentionClass!: RetentionClass;

  /** The first day the data could be erased (the end of the retention period). */
  @Column({ type: 'date' })
  dueOn!: string;

  /** The legal basis (PIPL Art. 19, 47). */
  @Column({ type: 'text' })
  basis!: string;

  /** The data keys shredded (the request's and its files'). */
  @Column({ type: 'integer' })
  keysShredded!: number;

  /** The records the erasure changed, with their hashes just before it (as the manifest computes them). */
  @Column({ type: 'jsonb' })
  before!: Pick<ManifestEntry, 'type' | 'id' | 'sha256'>[];

  /** Whether the sealed case file verified just before the erasure (null: the request was never sealed). */
  @Column({ type: 'boolean', nullable: true })
  caseFileIntact!: boolean | null;
}
