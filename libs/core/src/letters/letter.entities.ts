import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { RequestEntity } from '../request-record';
import type { LetterKind } from './letter-kinds';

/**
 * An issued letter (docs/domain-rules.md "Documents"): rendered once, stored immutably (the database refuses
 * UPDATE and DELETE), hashed, and linked to the event that issued it.
 */
@Entity('letter')
@Index('IDX_letter_request', ['requestId', 'issuedAt'])
@Unique('UQ_letter_agency_number', ['agencyId', 'number'])
export class LetterEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_letter_request' })
  request?: Relation<RequestEntity>;

  /** The agency in whose name it was issued (its header, seal and number series). */
  @Column({ type: 'uuid' })
  agencyId!: string;

  /** The request event that issued it. */
  @Column({ type: 'bigint', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text' })
  kind!: LetterKind;

  /** The letter's own document number (e.g. 示范区政府依申答〔2026〕0003号). */
  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  title!: string;

  /** Who it is addressed to: the applicant, a third party, another agency or a department. */
  @Column({ type: 'text' })
  recipient!: 'applicant' | 'third_party' | 'agency';

  /** The agency template version its editable slots came from (0: the system defaults). */
  @Column({ type: 'integer' })
  templateVersion!: number;

  @Column({ type: 'date' })
  issuedOn!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'text' })
  issuedBy!: string;

  @Column({ type: 'text', select: false })
  html!: string;

  @Column({ type: 'bytea', select: false })
  docx!: Buffer;

  @Column({ type: 'text' })
  htmlSha256!: string;

  @Column({ type: 'text' })
  docxSha256!: string;
}

/**
 * An agency's version of a template's editable slots. The legal wording is locked in code; only
 * the slots (contacts, how to pay, closing lines…) are overridable, and every change is a new
 * version so an issued letter names the version it used.
 */
@Entity('letter_template')
@Unique('UQ_letter_template_version', ['agencyId', 'kind', 'version'])
export class LetterTemplateEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'text' })
  kind!: LetterKind;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  slots!: Record<string, string>;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Gap-free document numbers per agency, year and series (letters by kind, archive numbers). */
@Entity('document_counter')
export class DocumentCounterEntity {
  @PrimaryColumn({ type: 'uuid' })
  agencyId!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'text' })
  series!: string;

  @Column({ type: 'integer' })
  lastSeq!: number;
}

/**
 * A letter numbered and dated in its move's transaction whose rendering comes right after the commit
 * (the acknowledgement of an application: its HTML and DOCX are not rendered while the agency's
 * numbering counter is held). The worker's outbox renders it; a download or listing that comes first
 * renders it on the spot. Either way exactly once: the row is locked, the letter stored under the same
 * id, and the row removed, in one transaction.
 */
@Entity('letter_pending')
@Index('IDX_letter_pending_request', ['requestId'])
export class PendingLetterEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_letter_pending_request' })
  request?: Relation<RequestEntity>;

  @Column({ type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'bigint', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text' })
  kind!: LetterKind;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  recipient!: 'applicant' | 'third_party' | 'agency';

  /** The addressee when not the applicant. */
  @Column({ type: 'text', nullable: true })
  toName!: string | null;

  @Column({ type: 'jsonb' })
  facts!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  remediesFor!: string | null;

  @Column({ type: 'date' })
  issuedOn!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'text' })
  issuedBy!: string;
}
