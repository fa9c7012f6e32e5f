import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditResult = 'success' | 'failure' | 'denied';

/**
 * The append-only audit log (docs/domain-rules.md "Audit"; MLPS 安全审计). The database refuses UPDATE,
 * DELETE and TRUNCATE on this table (triggers in the migration), and each row carries the keyed hash
 * of its predecessor's hash and its own content, so an edit made around the triggers is detected. Rows
 * are inserted without their link; the sequencer links them in small batches (the one UPDATE the
 * trigger lets through: a link set where there was none).
 */
@Entity('audit_log')
@Index('IDX_audit_log_object', ['objectType', 'objectId'])
@Index('IDX_audit_log_actor', ['actor'])
@Index('UQ_audit_log_seq', ['seq'], { unique: true })
@Index('IDX_audit_log_pending', ['id'], { where: '"seq" IS NULL' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** UTC instant (timestamptz). */
  @Column({ type: 'timestamptz' })
  at!: Date;

  /** `staff:<login>`, `citizen:<id>`, `anonymous:<login tried>` or `system:<job>`. */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text', default: '' })
  ip!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', default: '' })
  objectType!: string;

  @Column({ type: 'text', default: '' })
  objectId!: string;

  @Column({ type: 'text' })
  result!: AuditResult;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  /** The row's place in the chain, given by the sequencer; null until it is linked. */
  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  @Column({ type: 'text', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'text', nullable: true })
  hash!: string | null;
}
