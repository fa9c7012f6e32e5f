import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A data key (docs/security.md "Retention"): 32 random bytes that encrypt one request's personal data
 * (or one uploaded file), kept here wrapped by the personal-data keyring. Shredding sets `wrapped` to
 * null, for good: what was encrypted under it can no longer be read anywhere it was copied (replicas,
 * the object store, backups once they have expired). A trigger refuses deletion and a key's return.
 */
@Entity('data_key')
@Check('CHK_data_key_shredded', `("wrapped" IS NULL) = ("shredded_at" IS NOT NULL)`)
export class DataKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The key, encrypted by the keyring (rotation re-wraps it); null once shredded. */
  @Column({ type: 'text', nullable: true })
  wrapped!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  shreddedAt!: Date | null;
}
