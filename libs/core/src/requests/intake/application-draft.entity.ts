import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { CitizenEntity } from '../../identity';

/**
 * An application a citizen is filling in on the portal, step by step. Its content holds personal
 * data, so it is stored encrypted; it is deleted when the application is submitted.
 */
@Entity('application_draft')
@Index('IDX_application_draft_citizen', ['citizenId'])
export class ApplicationDraftEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  citizenId!: string;

  @ManyToOne(() => CitizenEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'citizen_id', foreignKeyConstraintName: 'FK_application_draft_citizen' })
  citizen?: Relation<CitizenEntity>;

  /** The form's content as JSON, encrypted with the personal-data cipher. */
  @Column({ type: 'text' })
  contentEnc!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
