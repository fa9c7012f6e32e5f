import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { RequestEntity } from '../../request-record';

export const JOINT_PARTICIPANT_KINDS = ['department', 'legal', 'leader', 'other'] as const;
export type JointParticipantKind = (typeof JOINT_PARTICIPANT_KINDS)[number];
export const JOINT_PARTICIPANT_LABELS: Record<JointParticipantKind, string> = {
  department: '业务部门',
  legal: '法制机构',
  leader: '领导',
  other: '其他',
};

export interface JointParticipant {
  kind: JointParticipantKind;
  name: string;
  opinion: string | null;
  recordedOn: string | null;
  recordedBy: string | null;
}

/**
 * 会商 (重大问题会商、联审联办): a meeting on a difficult request with departments, the legal office
 * and leaders; each participant's opinion and the conclusion are recorded, and the minutes (会商纪要)
 * are issued as a document of the case file. Unlike a consultation of a third party or another
 * agency (Art. 32–34), it does not pause the reply clock.
 */
@Entity('joint_consultation')
@Index('IDX_joint_consultation_request', ['requestId'])
@Index('IDX_joint_consultation_open', ['concludeBy'], { where: `"concluded_on" IS NULL` })
export class JointConsultationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_joint_consultation_request' })
  request?: Relation<RequestEntity>;

  @Column({ type: 'text' })
  topic!: string;

  /** The day of the meeting. */
  @Column({ type: 'date' })
  meetingOn!: string;

  /** The day by which the conclusion is due; after it, an open 会商 is overdue (督办). */
  @Column({ type: 'date' })
  concludeBy!: string;

  @Column({ type: 'jsonb' })
  participants!: JointParticipant[];

  @Column({ type: 'text' })
  convenedBy!: string;

  @Column({ type: 'date' })
  convenedOn!: string;

  @Column({ type: 'text', nullable: true })
  conclusion!: string | null;

  @Column({ type: 'date', nullable: true })
  concludedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  concludedBy!: string | null;

  /** The 会商纪要 issued at the conclusion. */
  @Column({ type: 'uuid', nullable: true })
  minutesLetterId!: string | null;
}
