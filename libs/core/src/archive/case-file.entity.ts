import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { RequestEntity } from '../request-record';
import type { RetentionClass } from '../agencies';

export interface ManifestEntry {
  type: 'request' | 'event' | 'item' | 'letter' | 'attachment' | 'consultation';
  id: string;
  /** What the entry is, for a human reading the manifest. */
  label: string;
  sha256: string;
}

/**
 * A sealed case file (归档, docs/domain-rules.md "Archive"): the manifest lists every record of the request with
 * its SHA-256, and the manifest's own hash seals it. Later additions are new records, never edits.
 */
@Entity('case_file')
@Unique('UQ_case_file_number', ['archiveNumber'])
export class CaseFileEntity {
  @PrimaryColumn({ type: 'uuid' })
  requestId!: string;

  @OneToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_case_file_request' })
  request?: Relation<RequestEntity>;

  @Column({ type: 'text' })
  archiveNumber!: string;

  @Column({ type: 'text' })
  retentionClass!: RetentionClass;

  @Column({ type: 'jsonb' })
  manifest!: ManifestEntry[];

  @Column({ type: 'text' })
  manifestSha256!: string;

  @Column({ type: 'date' })
  sealedOn!: string;

  @Column({ type: 'timestamptz' })
  sealedAt!: Date;

  @Column({ type: 'text' })
  sealedBy!: string;
}
