import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { RequestEntity } from '../../request-record';

export const CONSULTATION_PARTIES = ['third_party', 'inter_agency'] as const;
export type ConsultationParty = (typeof CONSULTATION_PARTIES)[number];
export const CONSULTATION_ANSWERS = ['consent', 'objection'] as const;
export type ConsultationAnswer = (typeof CONSULTATION_ANSWERS)[number];

/**
 * A consultation of a third party (Art. 32) or another agency (Art. 33 ¶2 … 34). It pauses the reply
 * clock from dispatch until the answer or the end of 15 working days; then it is answered or lapsed.
 */
@Entity('consultation')
@Index('IDX_consultation_request', ['requestId'])
@Index('IDX_consultation_open', ['answerDue'], { where: `"closed_on" IS NULL` })
export class ConsultationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => RequestEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_consultation_request' })
  request?: Relation<RequestEntity>;

  @Column({ type: 'text' })
  party!: ConsultationParty;

  /** The third party's or agency's name, as on the letter; the address encrypted (personal data). */
  @Column({ type: 'text' })
  partyName!: string;

  @Column({ type: 'text', nullable: true })
  partyAddress!: string | null;

  /** What is asked about: the information that may affect the party. */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'date' })
  openedOn!: string;

  @Column({ type: 'date' })
  answerDue!: string;

  /** The day it was answered or lapsed; null while it waits. */
  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;

  /** consent or objection; null when it lapsed without an answer (silence). */
  @Column({ type: 'text', nullable: true })
  answer!: 'consent' | 'objection' | null;

  @Column({ type: 'text', nullable: true })
  reasons!: string | null;

  @Column({ type: 'uuid', nullable: true })
  letterId!: string | null;
}
