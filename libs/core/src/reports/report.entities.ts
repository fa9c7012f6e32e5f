import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import type { RemedyKind, RemedyResult, Table3Format } from '@gongkai/domain';
import { AgencyEntity } from '../agencies';
import { RequestEntity } from '../request-record';

/** One upload of an agency's earlier ledger (台账, P9): the file's hash makes a re-import a no-op. */
@Entity('ledger_import')
@Unique('UQ_ledger_import_file', ['agencyId', 'fileSha256'])
export class LedgerImportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_ledger_import_agency' })
  agency?: Relation<AgencyEntity>;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  fileSha256!: string;

  @Column({ type: 'text' })
  format!: 'csv' | 'xlsx';

  @Column({ type: 'integer' })
  accepted!: number;

  @Column({ type: 'integer' })
  rejected!: number;

  /** The per-row report as answered to the uploader. */
  @Column({ type: 'jsonb' })
  report!: object;

  @Column({ type: 'timestamptz' })
  importedAt!: Date;

  @Column({ type: 'text' })
  importedBy!: string;
}

/**
 * A concluded request from an agency's ledger (P9), counted in Table 3 beside Gongkai's own requests
 * (view `report_fact`). Read-only: the database refuses UPDATE and DELETE.
 */
@Entity('ledger_entry')
@Unique('UQ_ledger_entry_agency_number', ['agencyId', 'number'])
@Index('IDX_ledger_entry_import', ['importId'])
export class LedgerEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  importId!: string;

  @ManyToOne(() => LedgerImportEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'FK_ledger_entry_import' })
  ledgerImport?: Relation<LedgerImportEntity>;

  @Column({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_ledger_entry_agency' })
  agency?: Relation<AgencyEntity>;

  /** The row's line in the file (1 = the first data row). */
  @Column({ type: 'integer' })
  rowNo!: number;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  applicantType!: string;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'date' })
  concludedOn!: string;

  @Column({ type: 'text' })
  disposition!: string;

  @Column({ type: 'text', nullable: true })
  topic!: string | null;
}

/** A reconsideration or lawsuit recorded against a request (Table 4). */
@Entity('remedy_case')
@Index('IDX_remedy_case_request', ['requestId'])
@Index('IDX_remedy_case_agency_filed', ['agencyId', 'filedOn'])
export class RemedyCaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_remedy_case_request' })
  request?: Relation<RequestEntity>;

  /** The agency the challenged request was filed with (whose Table 4 counts the case). */
  @Column({ type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'text' })
  kind!: RemedyKind;

  @Column({ type: 'date' })
  filedOn!: string;

  /** The reconsideration body or court. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  result!: RemedyResult | null;

  @Column({ type: 'date', nullable: true })
  concludedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text' })
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}

/** A published report (P8): the tables as published, hashed; the database refuses to change it. */
@Entity('report_snapshot')
@Unique('UQ_report_snapshot_version', ['agencyId', 'year', 'scope', 'version'])
export class ReportSnapshotEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_report_snapshot_agency' })
  agency?: Relation<AgencyEntity>;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  scope!: 'agency' | 'subtree';

  @Column({ type: 'text' })
  format!: Table3Format;

  /** 1 for the first publication; an unlock and republication adds the next. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  content!: object;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'text' })
  publishedBy!: string;
}

/**
 * The lock a publication puts on its year (P8): while it holds, the database refuses any change that
 * would alter the published Table 3 (trigger `guard_report_lock`). Unlocking keeps the row.
 */
@Entity('report_lock')
@Index('UQ_report_lock_active', ['agencyId', 'year', 'scope'], {
  unique: true,
  where: `"unlocked_at" IS NULL`,
})
export class ReportLockEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_report_lock_agency' })
  agency?: Relation<AgencyEntity>;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  scope!: 'agency' | 'subtree';

  @Column({ type: 'uuid' })
  snapshotId!: string;

  @Column({ type: 'timestamptz' })
  lockedAt!: Date;

  @Column({ type: 'text' })
  lockedBy!: string;

  @Column({ type: 'timestamptz', nullable: true })
  unlockedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  unlockedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  unlockReason!: string | null;
}

/**
 * A ledger file being checked or imported in the background (the import page follows its progress).
 * The file's bytes are kept only until it is imported or given up.
 */
@Entity('ledger_job')
@Index('IDX_ledger_job_agency', ['agencyId', 'createdAt'])
export class LedgerJobEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_ledger_job_agency' })
  agency?: Relation<AgencyEntity>;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  fileSha256!: string;

  @Column({ type: 'bytea', nullable: true })
  bytes!: Buffer | null;

  /** check: the dry run; import: writing the rows after a clean check. */
  @Column({ type: 'text' })
  mode!: 'check' | 'import';

  @Column({ type: 'text' })
  state!: 'queued' | 'reading' | 'checking' | 'writing' | 'done' | 'failed';

  @Column({ type: 'integer', default: 0 })
  rowsTotal!: number;

  @Column({ type: 'integer', default: 0 })
  rowsDone!: number;

  /** The per-row report (problems) once checked, and the counts. */
  @Column({ type: 'jsonb', nullable: true })
  report!: object | null;

  /** Why it failed: a stable code and a message. */
  @Column({ type: 'jsonb', nullable: true })
  error!: { code: string; message: string } | null;

  @Column({ type: 'uuid', nullable: true })
  importId!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** The section 三 narrative as the report office edited it before publishing (else the drafted one). */
@Entity('report_narrative')
export class ReportNarrativeEntity {
  @PrimaryColumn({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_report_narrative_agency' })
  agency?: Relation<AgencyEntity>;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'text' })
  scope!: 'agency' | 'subtree';

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'text' })
  updatedBy!: string;
}

export { ProactiveDisclosureEntity } from './disclosure/disclosure.entities';
