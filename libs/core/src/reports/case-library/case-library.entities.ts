import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const LIBRARY_KINDS = ['case', 'policy', 'law', 'normative', 'letter_text'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];
/** What a clerk adds by hand (a reference case comes from a concluded request). */
export const CURATED_KINDS = ['policy', 'law', 'normative', 'letter_text'] as const;
export type CuratedKind = (typeof CURATED_KINDS)[number];

export const LIBRARY_KIND_LABELS: Record<LibraryKind, string> = {
  case: '办理案例',
  policy: '政策文件',
  law: '法律法规',
  normative: '规范性文件',
  letter_text: '标准文书',
};

/** One item of a reference case: what was asked, the outcome, why, on which article. */
export interface ReferenceItem {
  position: number;
  description: string;
  outcome: string | null;
  outcomeLabel: string;
  reasons: string | null;
  legalBasis: string | null;
}

/**
 * An entry of the case library (依申请公开案例库): a reference case made from a concluded request with
 * its personal data removed, or a curated entry (policy document, law, normative document, standard
 * letter text). Searchable in Chinese: the jieba terms of its title, tags and text are kept as a
 * weighted `tsvector` with a GIN index.
 */
@Entity('library_entry')
@Check('CHK_library_entry_kind', `"kind" IN ('case', 'policy', 'law', 'normative', 'letter_text')`)
@Index('IDX_library_entry_search', { synchronize: false })
@Index('UQ_library_entry_request', ['sourceRequestId'], {
  unique: true,
  where: `"source_request_id" IS NOT NULL`,
})
export class LibraryEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: LibraryKind;

  @Column({ type: 'text' })
  title!: string;

  /** The text searched and shown: a case's items, outcomes, reasons and bases; a curated entry's text. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** A curated entry's source (document number, issuing body, URL). */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  /** Reference cases: the request it was made from (not shown: the case stands without it). */
  @Column({ type: 'uuid', nullable: true })
  sourceRequestId!: string | null;

  /** Reference cases: the agency that answered (its staff see the case; a typical case is seen by all). */
  @Column({ type: 'uuid', nullable: true })
  agencyId!: string | null;

  @Column({ type: 'integer', nullable: true })
  year!: number | null;

  @Column({ type: 'text', nullable: true })
  disposition!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  items!: ReferenceItem[] | null;

  /** The reply letter's text, de-identified. */
  @Column({ type: 'text', nullable: true })
  letterText!: string | null;

  /** 典型案例: marked by a legal reviewer or office head, with a commentary. */
  @Column({ type: 'boolean', default: false })
  typical!: boolean;

  @Column({ type: 'text', nullable: true })
  commentary!: string | null;

  @Column({ type: 'text', nullable: true })
  commentedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  commentedAt!: Date | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  /** Title and tags (weight A), text and letter (weight B), as jieba search terms. */
  @Column({ type: 'tsvector', select: false })
  searchVector!: string;
}
