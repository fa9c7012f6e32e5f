import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A one-time code sent to a phone or e-mail address to prove it is the citizen's (sign-up). Only a
 * keyed hash of the code and of the address is stored.
 */
@Entity('one_time_code')
@Index('IDX_one_time_code_target', ['purpose', 'targetKey'])
export class OneTimeCodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** What the code proves, e.g. `citizen.register`. */
  @Column({ type: 'text' })
  purpose!: string;

  /** Keyed hash (blind index) of the phone number or e-mail address. */
  @Column({ type: 'text' })
  targetKey!: string;

  @Column({ type: 'text' })
  codeHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Wrong guesses so far; the code stops working after five. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
