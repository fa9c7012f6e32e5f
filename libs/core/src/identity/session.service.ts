import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ADMIN_ROLES, StaffRole, passwordChangeRequired } from '@gongkai/domain';
import { APP_CONFIG, Clock, PersonalDataCipher, sha256Hex } from '../platform';
import type { AppConfig } from '../platform';
import { SessionEntity } from './identity.entities';
import { CitizenPrincipal, Principal, StaffPrincipal } from '../platform';

/** docs/domain-rules.md "Sessions": idle timeout 30 minutes, absolute 12 hours. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not become writes. */
const TOUCH_EVERY_MS = 60 * 1000;

export function tokenHash(token: string): string {
  return sha256Hex(token);
}

interface StaffRow {
  session_id: string;
  last_seen_at: Date;
  user_id: string;
  login: string;
  display_name: string;
  must_change_password: boolean;
  password_changed_at: Date;
  second_factor: boolean;
}

/** Server-side sessions: a random token for the client, its hash in the database, revocable at once. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The policy of SECOND_FACTOR: the three administrators, all staff, or (tests only) nobody. */
  secondFactorRequired(roles: readonly StaffRole[]): boolean {
    return (
      this.config.secondFactor === 'all' ||
      (this.config.secondFactor === 'admins' && roles.some((r) => ADMIN_ROLES.includes(r)))
    );
  }

  async create(
    em: EntityManager,
    subject: { kind: 'staff'; staffId: string } | { kind: 'citizen'; citizenId: string },
    meta: { ip: string; userAgent: string },
  ): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session = em.create(SessionEntity, {
      id: randomUUID(),
      tokenHash: tokenHash(token),
      subjectKind: subject.kind,
      staffId: subject.kind === 'staff' ? subject.staffId : null,
      citizenId: subject.kind === 'citizen' ? subject.citizenId : null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      revokedAt: null,
      revokedReason: null,
      ip: meta.ip,
      userAgent: meta.userAgent.slice(0, 300),
    });
    await em.save(session);
    return { token, sessionId: session.id, expiresAt: session.expiresAt };
  }

  /** The principal behind a token, or null when the session is unknown, revoked, idle or expired. */
  async resolve(token: string, audience: 'staff' | 'citizen'): Promise<Principal | null> {
    const now = this.clock.now();
    const hash = tokenHash(token);
    if (audience === 'staff') {
      const rows = await this.dataSource.query<StaffRow[]>(
        `SELECT s.id AS session_id, s.last_seen_at, u.id AS user_id, u.login, u.display_name,
                u.must_change_password, u.password_changed_at, f.enabled_at IS NOT NULL AS second_factor
           FROM session s JOIN staff_user u ON u.id = s.staff_id
           LEFT JOIN staff_second_factor f ON f.user_id = u.id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.active`,
        [hash, now],
      );
      const row = rows[0];
      if (!row || !(await this.touch(row.session_id, row.last_seen_at, now))) {
        return null;
      }
      const roles = await this.dataSource.query<{ role: StaffRole; agency_id: string; path: string }[]>(
        `SELECT r.role, r.agency_id, a.path FROM staff_role r JOIN agency a ON a.id = r.agency_id
          WHERE r.user_id = $1 AND a.active ORDER BY r.role, a.path`,
        [row.user_id],
      );
      const principal: StaffPrincipal = {
        kind: 'staff',
        sessionId: row.session_id,
        userId: row.user_id,
        login: row.login,
        displayName: row.display_name,
        roles: roles.map((r) => ({ role: r.role, agencyId: r.agency_id, agencyPath: r.path })),
        mustChangePassword: passwordChangeRequired(row.must_change_password, row.password_changed_at, now),
        secondFactorMissing: !row.second_factor && this.secondFactorRequired(roles.map((r) => r.role)),
      };
      return principal;
    }
    const rows = await this.dataSource.query<
      {
        session_id: string;
        last_seen_at: Date;
        citizen_id: string;
        login: string | null;
        login_enc: string | null;
        display_name: string;
      }[]
    >(
      `SELECT s.id AS session_id, s.last_seen_at, c.id AS citizen_id, c.login, c.login_enc, c.display_name
         FROM session s JOIN citizen c ON c.id = s.citizen_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND c.active`,
      [hash, now],
    );
    const row = rows[0];
    if (!row || !(await this.touch(row.session_id, row.last_seen_at, now))) {
      return null;
    }
    const principal: CitizenPrincipal = {
      kind: 'citizen',
      sessionId: row.session_id,
      citizenId: row.citizen_id,
      login: row.login_enc ? this.cipher.decrypt(row.login_enc) : (row.login ?? ''),
      displayName: row.display_name,
    };
    return principal;
  }

  /** Refreshes the idle timer; an idle session is revoked instead and does not resolve. */
  private async touch(sessionId: string, lastSeenAt: Date, now: Date): Promise<boolean> {
    const idle = now.getTime() - lastSeenAt.getTime();
    if (idle > SESSION_IDLE_MS) {
      await this.revoke(null, { id: sessionId }, 'idle_timeout');
      return false;
    }
    if (idle > TOUCH_EVERY_MS) {
      await this.dataSource.query('UPDATE session SET last_seen_at = $2 WHERE id = $1', [sessionId, now]);
    }
    return true;
  }

  /** Ends one session, or every session of a person; returns how many were open. */
  async revoke(
    em: EntityManager | null,
    which: { id: string } | { staffId: string } | { citizenId: string },
    reason: string,
  ): Promise<number> {
    const result = await (em ?? this.dataSource.manager).update(
      SessionEntity,
      { ...which, revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  async listFor(staffId: string): Promise<SessionEntity[]> {
    return this.dataSource.getRepository(SessionEntity).find({
      where: { staffId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }
}
