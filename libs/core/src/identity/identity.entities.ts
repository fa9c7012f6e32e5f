import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import type { StaffRole } from '@gongkai/domain';
import { AgencyEntity } from '../agencies';

/** A member of staff: one person, one account (no shared or default accounts). */
@Entity('staff_user')
export class StaffUserEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Lower-case login name, unique. */
  @Column({ type: 'text', unique: true })
  login!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'timestamptz' })
  passwordChangedAt!: Date;

  /** Set by an administrator: the next sign-in must choose a new password. */
  @Column({ type: 'boolean', default: true })
  mustChangePassword!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A role held at an agency; it reaches that agency's whole subtree. */
@Entity('staff_role')
@Index('IDX_staff_role_agency', ['agencyId'])
export class StaffRoleEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_staff_role_user' })
  user?: Relation<StaffUserEntity>;

  @PrimaryColumn({ type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_staff_role_agency' })
  agency?: Relation<AgencyEntity>;

  @PrimaryColumn({ type: 'text' })
  role!: StaffRole;

  @Column({ type: 'text' })
  grantedBy!: string;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;
}

/**
 * A citizen's portal account, by phone number or e-mail address — kept encrypted, and found by its blind
 * index. (Accounts made before that keep the address in `login` until `npm run keys:rotate` encrypts it.)
 */
@Entity('citizen')
@Unique('UQ_citizen_login_index', ['loginIndex'])
@Check('CHK_citizen_login', `"login" IS NOT NULL OR ("login_index" IS NOT NULL AND "login_enc" IS NOT NULL)`)
export class CitizenEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The normalized phone number or lower-case e-mail address, in the clear: older accounts only. */
  @Column({ type: 'text', unique: true, nullable: true })
  login!: string | null;

  /** The blind index of the normalized login (sign-in and registration look it up). */
  @Column({ type: 'text', nullable: true })
  loginIndex!: string | null;

  /** The login, encrypted (codes and notices are sent to it). */
  @Column({ type: 'text', nullable: true })
  loginEnc!: string | null;

  @Column({ type: 'text' })
  loginKind!: 'phone' | 'email';

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A server-side session. Only a hash of the token is stored; revoking sets `revoked_at` and the
 * next request with the token is refused.
 */
@Entity('session')
@Index('IDX_session_staff', ['staffId'])
@Index('IDX_session_citizen', ['citizenId'])
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', unique: true })
  tokenHash!: string;

  @Column({ type: 'text' })
  subjectKind!: 'staff' | 'citizen';

  @Column({ type: 'uuid', nullable: true })
  staffId!: string | null;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'FK_session_staff' })
  staff?: Relation<StaffUserEntity>;

  @Column({ type: 'uuid', nullable: true })
  citizenId!: string | null;

  @ManyToOne(() => CitizenEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'citizen_id', foreignKeyConstraintName: 'FK_session_citizen' })
  citizen?: Relation<CitizenEntity>;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The absolute end (12 hours after sign-in). */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason!: string | null;

  @Column({ type: 'text', default: '' })
  ip!: string;

  @Column({ type: 'text', default: '' })
  userAgent!: string;
}

/**
 * Failed sign-ins per login name, whether or not an account has that name, so a lockout answers
 * the same for real and invented accounts.
 */
@Entity('login_throttle')
export class LoginThrottleEntity {
  /** `staff:<login>` or `citizen:<login>`. */
  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz' })
  lastFailureAt!: Date;
}
