import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Hits per (bucket, key) in a fixed time window, kept in PostgreSQL so that a limit holds across
 * every replica of an app. Old windows are deleted as new ones are counted.
 */
@Entity('rate_limit_counter')
export class RateLimitCounterEntity {
  /** What is limited, e.g. `portal.sign-in.ip`. */
  @PrimaryColumn({ type: 'text' })
  bucket!: string;

  /** Who is limited: an address, or a keyed hash of an account or phone number. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @PrimaryColumn({ type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  hits!: number;
}
