import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The single, deployment-wide clock override (outside production only). Every app reads it at
 * start and is told of changes through LISTEN/NOTIFY on channel `gongkai_clock`.
 */
@Entity('clock_override')
@Check('CHK_clock_override_single_row', `"id" = 1`)
@Check(
  'CHK_clock_override_mode',
  `("mode" = 'offset' AND "offset_ms" IS NOT NULL) OR ("mode" = 'frozen' AND "frozen_at" IS NOT NULL)`,
)
export class ClockOverrideEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'text' })
  mode!: 'offset' | 'frozen';

  @Column({ type: 'bigint', nullable: true })
  offsetMs!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  frozenAt!: Date | null;

  @Column({ type: 'timestamptz' })
  setAt!: Date;
}
