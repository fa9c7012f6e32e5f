import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';

export const AGENCY_KINDS = [
  'government',
  'general_office',
  'department',
  'dispatched_body',
  'street_office',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const RETENTION_CLASSES = ['permanent', '30y', '10y'] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** When a reply must go through legal review (docs/domain-rules.md "Legal review rules"). */
export interface LegalReviewRules {
  /** Disposition codes (or `withhold.*` style prefixes) whose replies are reviewed. */
  codes: string[];
  thirdPartyObjection: boolean;
  sensitive: boolean;
  priorRemedy: boolean;
  /** Working days review may take inside the reply period. */
  timeLimitWorkingDays: number;
}

export const DEFAULT_LEGAL_REVIEW_RULES: LegalReviewRules = {
  codes: ['disclose.partial', 'withhold.*', 'unavailable.needs_creation', 'not_processed.*'],
  thirdPartyObjection: true,
  sensitive: true,
  priorRemedy: true,
  timeLimitWorkingDays: 3,
};

/**
 * A government, department, dispatched body or town/street office, with the settings of its
 * disclosure office. `path` lists the ids from the root (`/root/…/self/`) so a subtree is one
 * index range scan.
 */
@Entity('agency')
@Index('IDX_agency_path', ['path'])
export class AgencyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_agency_parent' })
  parent?: Relation<AgencyEntity>;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  kind!: AgencyKind;

  @Column({ type: 'text' })
  name!: string;

  /** Used in request and letter numbers, e.g. 示范区政府. */
  @Column({ type: 'text' })
  shortName!: string;

  @Column({ type: 'text' })
  letterHeader!: string;

  @Column({ type: 'text' })
  sealText!: string;

  @Column({ type: 'text', default: '' })
  address!: string;

  @Column({ type: 'text', default: '' })
  postalCode!: string;

  @Column({ type: 'text', default: '' })
  phone!: string;

  @Column({ type: 'text', default: '' })
  email!: string;

  /** The body named in the remedies paragraph of letters (Reconsideration Law Art. 24). */
  @Column({ type: 'text' })
  reconsiderationBody!: string;

  @Column({ type: 'text' })
  court!: string;

  @Column({ type: 'text' })
  numberPattern!: string;

  @Column({ type: 'jsonb' })
  legalReview!: LegalReviewRules;

  @Column({ type: 'text', default: '10y' })
  retentionClass!: RetentionClass;

  @Column({ type: 'text', default: 'national' })
  calendarRegion!: string;

  /** When the disclosure office receives applicants in person, e.g. 工作日 9:00–12:00、13:30–17:00. */
  @Column({ type: 'text', default: '' })
  officeHours!: string;

  /** Whether citizens may file online applications with this agency. */
  @Column({ type: 'boolean', default: true })
  acceptsApplications!: boolean;

  /**
   * When one applicant's requests to this agency reach this many within `excessiveDays` days, the
   * handler is shown the Art. 35 ask-reasons step as a suggestion.
   */
  @Column({ type: 'integer', default: 10 })
  excessiveCount!: number;

  @Column({ type: 'integer', default: 30 })
  excessiveDays!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
