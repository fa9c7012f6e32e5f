import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import type {
  DraftItem,
  ApplicantType,
  DeliveryChannel,
  FormOfProvision,
  IdDocumentType,
  IntakeChannel,
  ReplyCode,
  RequestState,
} from '@gongkai/domain';
import { AgencyEntity } from '../agencies';
import { CitizenEntity, StaffUserEntity } from '../identity';
import { DataKeyEntity } from '../platform';

/** The reply as drafted (docs/domain-rules.md, "The reply"); it becomes the letter at sign-off. */
export interface ReplyDraft {
  items: DraftItem[];
  derived: ReplyCode;
  code: ReplyCode;
  overrideReason: string | null;
  reviewReasons: string[];
  summary: string | null;
  draftedBy: string;
  draftedOn: string;
  /** Review time limit (policy, working days inside the reply period). */
  reviewDue: string | null;
}

/** An agent acting with a power of attorney (Art. 29); personal data encrypted like the applicant's. */
export interface AgentRecord {
  name: string;
  idType: IdDocumentType;
  idNumberEnc: string;
  idNumberMasked: string;
  phoneEnc: string;
  phoneMasked: string;
  powerOfAttorneyAttachmentId: string;
}

/**
 * A disclosure request: the row carries where the request is (status) and a cached copy of its
 * reply deadline for sorting and worklists. The deadline itself is always derived from the
 * request's events and the calendar (libs/domain clock model); the cache is rewritten whenever it
 * is recomputed, with an event recording old and new dates.
 */
@Entity('request')
@Index('IDX_request_open_region', ['calendarRegion'], { where: `"concluded_on" IS NULL` })
@Index('IDX_request_agency_due', ['agencyId', 'replyDue'])
@Index('IDX_request_handling_agency', ['handlingAgencyId'])
@Index('IDX_request_citizen', ['citizenId'])
@Index('IDX_request_applicant_key', ['applicantKey'])
// The analysis page's covering indexes (INCLUDE columns), written in the migration.
@Index('IDX_request_analysis', { synchronize: false })
@Index('IDX_request_analysis_concluded', { synchronize: false })
@Unique('UQ_request_agency_year_seq', ['agencyId', 'year', 'seq'])
@Unique('UQ_request_agency_number', ['agencyId', 'number'])
export class RequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  status!: RequestState;

  /** The agency the application was filed with (it answers, and counts it in Table 3). */
  @Column({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_request_agency' })
  agency?: Relation<AgencyEntity>;

  /** The agency (the disclosure office or a department beneath it) working on it now. */
  @Column({ type: 'uuid' })
  handlingAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'handling_agency_id', foreignKeyConstraintName: 'FK_request_handling_agency' })
  handlingAgency?: Relation<AgencyEntity>;

  /** The handler working on it, once assigned or claimed. */
  @Column({ type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'FK_request_assignee' })
  assignee?: Relation<StaffUserEntity>;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  seq!: number;

  /** Shared by the requests a registrar split one application into. */
  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  channel!: IntakeChannel;

  /** Ordinary mail: the day the letter arrived (the receipt date is the day it was confirmed). */
  @Column({ type: 'date', nullable: true })
  arrivedOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  citizenId!: string | null;

  @ManyToOne(() => CitizenEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'citizen_id', foreignKeyConstraintName: 'FK_request_citizen' })
  citizen?: Relation<CitizenEntity>;

  @Column({ type: 'uuid', nullable: true })
  registeredById!: string | null;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'registered_by_id', foreignKeyConstraintName: 'FK_request_registered_by' })
  registeredBy?: Relation<StaffUserEntity>;

  @Column({ type: 'text' })
  applicantType!: ApplicantType;

  /** The person's or organization's name. */
  @Column({ type: 'text' })
  applicantName!: string;

  @Column({ type: 'text', nullable: true })
  idType!: IdDocumentType | null;

  @Column({ type: 'text', nullable: true })
  idNumberEnc!: string | null;

  @Column({ type: 'text', nullable: true })
  idNumberMasked!: string | null;

  /**
   * A keyed hash of the identity (ID number or credit code) so the same applicant is recognised
   * across requests (fees per natural month, repeat applications) without decrypting anything.
   */
  @Column({ type: 'text', nullable: true })
  applicantKey!: string | null;

  /**
   * Keyed hash of the 查询码 given to an online applicant, with which the request can be tracked
   * without signing in; the code itself is never stored.
   */
  @Column({ type: 'text', nullable: true })
  queryCodeHash!: string | null;

  @Column({ type: 'text', nullable: true })
  creditCode!: string | null;

  @Column({ type: 'text', nullable: true })
  contactPerson!: string | null;

  @Column({ type: 'text' })
  phoneEnc!: string;

  @Column({ type: 'text' })
  phoneMasked!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  addressEnc!: string | null;

  @Column({ type: 'text', nullable: true })
  addressMasked!: string | null;

  @Column({ type: 'text', nullable: true })
  postalCode!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  agent!: AgentRecord | null;

  @Column({ type: 'text' })
  formOfProvision!: FormOfProvision;

  @Column({ type: 'text' })
  deliveryChannel!: DeliveryChannel;

  /** How the request ended (docs/domain-rules.md codes), set when it concludes. */
  @Column({ type: 'text', nullable: true })
  disposition!: string | null;

  /** The legal receipt date (Art. 31), Asia/Shanghai. */
  @Column({ type: 'date' })
  receivedOn!: string;

  /** Set when the request concludes (docs/domain-rules.md P2); open requests have none. */
  @Column({ type: 'date', nullable: true })
  concludedOn!: string | null;

  /** The calendar the request's deadlines are counted in (the agency's region). */
  @Column({ type: 'text', default: 'national' })
  calendarRegion!: string;

  @Column({ type: 'date', nullable: true })
  replyDue!: string | null;

  @Column({ type: 'boolean', default: false })
  replyDueProvisional!: boolean;

  /** The last day to send the one correction notice (Art. 30: 7 working days of receipt). */
  @Column({ type: 'date', nullable: true })
  correctionNoticeDue!: string | null;

  /** A handler's flag that the request is sensitive (docs/domain-rules.md: it then needs legal review). */
  @Column({ type: 'boolean', default: false })
  sensitive!: boolean;

  /** The reply being prepared: item outcomes, derived code, reasons and the draft letter. */
  @Column({ type: 'jsonb', nullable: true })
  draft!: ReplyDraft | null;

  /** Who drafted the current reply: the reviewer and the signer must be someone else. */
  @Column({ type: 'uuid', nullable: true })
  draftedById!: string | null;

  /** What the request is about (a short subject chosen by the handler), for the annual narrative. */
  @Column({ type: 'text', nullable: true })
  topic!: string | null;

  /** Whether a correction notice was served (kept by a trigger on the events, for the analysis page). */
  @Column({ type: 'boolean', default: false, select: false })
  correctionNoticed!: boolean;

  /** Whether an extension was approved (kept by a trigger on the events). */
  @Column({ type: 'boolean', default: false, select: false })
  extended!: boolean;

  /** Whether a third party or another agency was consulted (kept by a trigger on the events). */
  @Column({ type: 'boolean', default: false, select: false })
  consulted!: boolean;

  /** Working days from receipt to conclusion in its calendar (kept by a trigger on the dates). */
  @Column({ type: 'integer', nullable: true, select: false })
  workingDaysTaken!: number | null;

  /**
   * The data key this request's personal data is encrypted under (docs/security.md "Retention"); null for
   * a request made before data keys. Not loaded with the row: sealed case files hash the row without it.
   */
  @Column({ type: 'uuid', nullable: true, select: false })
  dataKeyId!: string | null;

  @ManyToOne(() => DataKeyEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'data_key_id', foreignKeyConstraintName: 'FK_request_data_key' })
  dataKey?: Relation<DataKeyEntity>;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** The system timestamp of registration, kept apart from the legal receipt date. */
  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
