import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { CitizenEntity, StaffUserEntity } from '../identity';
import { RequestEntity } from '../request-record';
import { DataKeyEntity } from '../platform';

export const ATTACHMENT_PURPOSES = [
  'application',
  'identity',
  'power_of_attorney',
  'correction',
  'consultation_answer',
  'payment_receipt',
  'proof_of_service',
  'withdrawal',
  'other',
] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/**
 * An uploaded file. Stored in the database (one backup holds the whole case), under a server-
 * generated id; its type was decided by its magic bytes; it is only ever served as a download.
 */
@Check('CHK_attachment_body', `("content" IS NULL) <> ("storage_key" IS NULL)`)
@Entity('attachment')
@Index('IDX_attachment_request', ['requestId'])
export class AttachmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  requestId!: string | null;

  @ManyToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_attachment_request' })
  request?: Relation<RequestEntity>;

  @Column({ type: 'uuid', nullable: true })
  citizenId!: string | null;

  @ManyToOne(() => CitizenEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'citizen_id', foreignKeyConstraintName: 'FK_attachment_citizen' })
  citizen?: Relation<CitizenEntity>;

  @Column({ type: 'uuid', nullable: true })
  uploadedById!: string | null;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'uploaded_by_id', foreignKeyConstraintName: 'FK_attachment_uploaded_by' })
  uploadedBy?: Relation<StaffUserEntity>;

  @Column({ type: 'text' })
  purpose!: AttachmentPurpose;

  @Column({ type: 'text' })
  fileType!: string;

  @Column({ type: 'text' })
  mediaType!: string;

  /** The uploader's file name, cleaned; never used as a path. */
  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'text' })
  sha256!: string;

  /** The body, when files are kept in PostgreSQL (the default); null when it is in the object store. */
  @Column({ type: 'bytea', select: false, nullable: true })
  content!: Buffer | null;

  /** The body's key in the object store (FILE_STORE=s3); null when it is in the row. */
  @Column({ type: 'text', nullable: true })
  storageKey!: string | null;

  /**
   * The data key the body is encrypted under (docs/security.md "Retention"); null for a file uploaded
   * before data keys, kept in the clear. `sha256` is always the clear body's.
   */
  @Column({ type: 'uuid', nullable: true })
  dataKeyId!: string | null;

  @ManyToOne(() => DataKeyEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'data_key_id', foreignKeyConstraintName: 'FK_attachment_data_key' })
  dataKey?: Relation<DataKeyEntity>;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
