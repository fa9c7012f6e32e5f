import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A warning for administrators (e.g. next year's holiday schedule is not published). The unique
 * (kind, subject) pair makes raising one idempotent, so several workers raise it exactly once.
 */
@Entity('system_alert')
@Unique('UQ_system_alert_kind_subject', ['kind', 'subject'])
export class SystemAlertEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
