import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../platform';
import { invalidCredentials, lockedOut, LoginThrottleService } from './login-throttle.service';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password-hasher';
import { SessionService } from './session.service';

export interface LoginMeta {
  ip: string;
  userAgent: string;
}

interface Account {
  id: string;
  passwordHash: string;
  active: boolean;
}

/**
 * One password sign-in, staff or citizen: lockout check, password verified (against a dummy hash
 * when there is no such account, so timing reveals nothing), failure counted, session created, and
 * every outcome audited. The outcome is committed before an error is thrown, so a failure counts.
 * Citizens' logins are phone numbers or e-mail addresses: they are never written to the audit log.
 */
@Injectable()
export class PasswordLoginService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async attempt<A extends Account>(
    kind: 'staff' | 'citizen',
    login: string,
    password: string,
    meta: LoginMeta,
    find: (em: EntityManager) => Promise<A | null>,
    /** After the right password, a second step instead of a session (the staff second factor). */
    secondStep?: (em: EntityManager, account: A) => Promise<{ challenge: string; expiresAt: Date } | null>,
  ): Promise<
    | { account: A; token: string; sessionId: string; expiresAt: Date }
    | { account: A; challenge: string; expiresAt: Date }
  > {
    const staff = kind === 'staff';
    const subject = `${kind}:${login}`;
    const action = staff ? 'auth.login' : 'auth.citizen_login';
    const objectType = staff ? 'staff_user' : 'citizen';
    const anonymous = staff ? `anonymous:${login}` : 'anonymous';
    const outcome = await this.dataSource.transaction(async (em) => {
      const entry = { ip: meta.ip, action, objectType };
      if (await this.throttle.isLocked(em, subject)) {
        await this.audit.record(em, {
          ...entry,
          actor: anonymous,
          objectId: staff ? login : '',
          result: 'denied',
          details: { reason: 'locked' },
        });
        return { ok: false as const, error: lockedOut() };
      }
      const account = await find(em);
      const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyPasswordHash()));
      if (!account || !ok || !account.active) {
        const locked = await this.throttle.fail(em, subject);
        await this.audit.record(em, {
          ...entry,
          actor: anonymous,
          objectId: staff ? login : (account?.id ?? ''),
          result: 'failure',
          details: { reason: account && ok ? 'disabled' : 'bad_credentials' },
        });
        if (locked) {
          await this.audit.record(em, {
            ...entry,
            action: staff ? 'auth.lockout' : 'auth.citizen_lockout',
            actor: 'system:auth',
            objectId: staff ? login : (account?.id ?? ''),
            result: 'success',
          });
        }
        return { ok: false as const, error: invalidCredentials() };
      }
      await this.throttle.succeed(em, subject);
      if (needsRehash(account.passwordHash)) {
        // A hash made with weaker parameters is redone now, while the password is at hand.
        await em.query(`UPDATE ${staff ? 'staff_user' : 'citizen'} SET password_hash = $2 WHERE id = $1`, [
          account.id,
          await hashPassword(password),
        ]);
      }
      const pending = secondStep ? await secondStep(em, account) : null;
      if (pending) {
        await this.audit.record(em, {
          ...entry,
          action: 'auth.password_verified',
          actor: staff ? login : `citizen:${account.id}`,
          objectId: account.id,
          result: 'success',
          details: { next: 'second_factor' },
        });
        return { ok: true as const, account, pending, session: null };
      }
      const session = await this.sessions.create(
        em,
        staff ? { kind: 'staff', staffId: account.id } : { kind: 'citizen', citizenId: account.id },
        meta,
      );
      await this.audit.record(em, {
        ...entry,
        actor: staff ? login : `citizen:${account.id}`,
        objectId: account.id,
        result: 'success',
        details: { sessionId: session.sessionId },
      });
      return { ok: true as const, account, pending: null, session };
    });
    if (!outcome.ok) {
      throw outcome.error;
    }
    if (outcome.pending) {
      return { account: outcome.account, ...outcome.pending };
    }
    return { account: outcome.account, ...outcome.session };
  }
}
