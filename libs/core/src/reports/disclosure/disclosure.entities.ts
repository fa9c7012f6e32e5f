import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { AgencyEntity } from '../../agencies';

/**
 * A group of similar requests turned into proactive disclosure (转主动公开): where and when the
 * information was published, the requests it answered, and the group's terms, so that a later
 * request asking the same is pointed to the publication (Art. 36(1)).
 */
@Entity('proactive_disclosure')
@Index('IDX_proactive_disclosure_agency', ['agencyId'])
export class ProactiveDisclosureEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The agency whose subtree the group was found in (later requests under it are matched). */
  @Column({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_proactive_disclosure_agency' })
  agency?: Relation<AgencyEntity>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'date' })
  publishedOn!: string;

  /** The requests of the group when it was marked. */
  @Column({ type: 'uuid', array: true })
  requestIds!: string[];

  @Column({ type: 'text', array: true })
  keywords!: string[];

  /** The group's centroid (term → weight, unit length). */
  @Column({ type: 'jsonb' })
  centroid!: Record<string, number>;

  @Column({ type: 'text' })
  markedBy!: string;

  @Column({ type: 'timestamptz' })
  markedAt!: Date;
}
