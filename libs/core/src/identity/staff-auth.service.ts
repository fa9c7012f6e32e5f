import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { passwordChangeRequired, validationFailed } from '@gongkai/domain';
import { AuditService } from '../platform';
import { Clock } from '../platform';
import { StaffUserEntity } from './identity.entities';
import { hashPassword, verifyPassword } from './password-hasher';
import { LoginMeta, PasswordLoginService } from './password-login.service';
import { PasswordPolicyService } from './password-policy.service';
import { Caller, StaffPrincipal } from '../platform';
import { SessionService } from './session.service';
import { SecondFactorService } from './second-factor.service';

export interface StaffSession {
  token: string;
  expiresAt: Date;
  mustChangePassword: boolean;
}

/** The right password of someone with a second factor: the code comes next, then the session. */
export interface StaffChallenge {
  secondFactorRequired: true;
  challenge: string;
  expiresAt: Date;
}

/** Staff sign-in, sign-out and password change, every one of them audited. */
@Injectable()
export class StaffAuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly logins: PasswordLoginService,
    private readonly audit: AuditService,
    private readonly policy: PasswordPolicyService,
    private readonly clock: Clock,
    private readonly secondFactor: SecondFactorService,
  ) {}

  async login(loginName: string, password: string, meta: LoginMeta): Promise<StaffSession | StaffChallenge> {
    const login = loginName.trim().toLowerCase();
    const result = await this.logins.attempt(
      'staff',
      login,
      password,
      meta,
      (em) => em.getRepository(StaffUserEntity).findOneBy({ login }),
      async (em, account) =>
        (await this.secondFactor.enabled(em, account.id))
          ? this.secondFactor.challenge(em, account.id, meta)
          : null,
    );
    if ('challenge' in result) {
      return { secondFactorRequired: true, challenge: result.challenge, expiresAt: result.expiresAt };
    }
    const { account, token, expiresAt } = result;
    return {
      token,
      expiresAt,
      mustChangePassword: passwordChangeRequired(
        account.mustChangePassword,
        account.passwordChangedAt,
        this.clock.now(),
      ),
    };
  }

  async logout(caller: Caller<StaffPrincipal>): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.sessions.revoke(em, { id: caller.principal.sessionId }, 'logout');
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'auth.logout',
        objectType: 'session',
        objectId: caller.principal.sessionId,
        result: 'success',
      });
    });
  }

  /** Changes the caller's password; every other session of theirs ends (a new token for this one stays). */
  async changePassword(caller: Caller<StaffPrincipal>, current: string, next: string): Promise<void> {
    const { principal } = caller;
    this.policy.assertAcceptable('newPassword', next, principal.login);
    await this.dataSource.transaction(async (em) => {
      const user = await em.getRepository(StaffUserEntity).findOneByOrFail({ id: principal.userId });
      if (!(await verifyPassword(current, user.passwordHash))) {
        throw validationFailed([
          { field: 'currentPassword', code: 'password.wrong', message: '当前密码不正确' },
        ]);
      }
      if (await verifyPassword(next, user.passwordHash)) {
        throw validationFailed([
          { field: 'newPassword', code: 'password.unchanged', message: '新密码不能与当前密码相同' },
        ]);
      }
      await em.update(
        StaffUserEntity,
        { id: user.id },
        {
          passwordHash: await hashPassword(next),
          passwordChangedAt: this.clock.now(),
          mustChangePassword: false,
        },
      );
      await em.query(
        `UPDATE session SET revoked_at = $3, revoked_reason = 'password_changed'
          WHERE staff_id = $1 AND id <> $2 AND revoked_at IS NULL`,
        [user.id, principal.sessionId, this.clock.now()],
      );
      await this.audit.record(em, {
        actor: principal.login,
        ip: caller.ip,
        action: 'auth.password_changed',
        objectType: 'staff_user',
        objectId: user.id,
        result: 'success',
      });
    });
  }
}
