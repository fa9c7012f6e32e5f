import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, invalidInput, validationFailed } from '@gongkai/domain';
import { AuditService, PersonalDataCipher, citizenLoginIndex } from '../platform';
import { Clock } from '../platform';
import { CitizenEntity } from './identity.entities';
import { hashPassword, verifyPassword } from './password-hasher';
import { LoginMeta, PasswordLoginService } from './password-login.service';
import { PasswordPolicyService } from './password-policy.service';
import { Caller, CitizenPrincipal } from '../platform';
import { SessionService } from './session.service';

const PHONE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A phone number (mainland mobile, spaces and +86 removed) or a lower-case e-mail address. */
export function normalizeCitizenLogin(raw: string): { login: string; kind: 'phone' | 'email' } | null {
  const compact = raw.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (PHONE.test(compact)) {
    return { login: compact, kind: 'phone' };
  }
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? { login: email, kind: 'email' } : null;
}

/** Citizen accounts on the portal: sign-up by phone or e-mail and password, sign-in with lockout. */
@Injectable()
export class CitizenAuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly logins: PasswordLoginService,
    private readonly audit: AuditService,
    private readonly policy: PasswordPolicyService,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The blind index a normalized login is found by. */
  private loginIndex(login: string): string {
    return citizenLoginIndex(this.cipher, login);
  }

  async register(
    input: { login: string; password: string; displayName: string },
    meta: LoginMeta,
  ): Promise<{ token: string; expiresAt: Date; citizenId: string }> {
    const normalized = normalizeCitizenLogin(input.login);
    if (!normalized) {
      throw invalidInput('login', 'login.format', '请输入手机号码或电子邮箱');
    }
    this.policy.assertAcceptable('password', input.password, normalized.login);
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (em) => {
      // The login is stored encrypted and found by its blind index; an older account may still hold it in
      // the clear (until the keys are rotated), so that is checked too.
      const inserted = await em.query<{ id: string }[]>(
        `INSERT INTO citizen (id, login_index, login_enc, login_kind, display_name, password_hash, active, created_at)
         SELECT $1, $2, $3, $4, $5, $6, true, $7
          WHERE NOT EXISTS (SELECT 1 FROM citizen WHERE login = $8)
         ON CONFLICT (login_index) DO NOTHING RETURNING id`,
        [
          randomUUID(),
          this.loginIndex(normalized.login),
          this.cipher.encrypt(normalized.login),
          normalized.kind,
          input.displayName.trim(),
          passwordHash,
          this.clock.now(),
          normalized.login,
        ],
      );
      if (inserted.length === 0) {
        throw new DomainError('IDENTITY.LOGIN_TAKEN', 'conflict', '该手机号码或邮箱已注册，请直接登录。', {
          field: 'login',
        });
      }
      const citizenId = inserted[0].id;
      const session = await this.sessions.create(em, { kind: 'citizen', citizenId }, meta);
      await this.audit.record(em, {
        actor: `citizen:${citizenId}`,
        ip: meta.ip,
        action: 'citizen.registered',
        objectType: 'citizen',
        objectId: citizenId,
        result: 'success',
        details: { loginKind: normalized.kind },
      });
      return { token: session.token, expiresAt: session.expiresAt, citizenId };
    });
  }

  async login(
    rawLogin: string,
    password: string,
    meta: LoginMeta,
  ): Promise<{ token: string; expiresAt: Date }> {
    const login = normalizeCitizenLogin(rawLogin)?.login ?? rawLogin.trim().toLowerCase();
    const result = await this.logins.attempt('citizen', login, password, meta, (em) =>
      em.getRepository(CitizenEntity).findOne({ where: [{ loginIndex: this.loginIndex(login) }, { login }] }),
    );
    if (!('token' in result)) {
      throw new Error('citizens have no second step'); // never: no secondStep was given
    }
    return { token: result.token, expiresAt: result.expiresAt };
  }

  async logout(caller: Caller<CitizenPrincipal>): Promise<void> {
    await this.sessions.revoke(null, { id: caller.principal.sessionId }, 'logout');
  }

  /** Changes the citizen's password; every other session of theirs ends. */
  async changePassword(caller: Caller<CitizenPrincipal>, current: string, next: string): Promise<void> {
    const { principal } = caller;
    this.policy.assertAcceptable('newPassword', next, principal.login);
    await this.dataSource.transaction(async (em) => {
      const citizen = await em.getRepository(CitizenEntity).findOneByOrFail({ id: principal.citizenId });
      if (!(await verifyPassword(current, citizen.passwordHash))) {
        throw validationFailed([
          { field: 'currentPassword', code: 'password.wrong', message: '当前密码不正确' },
        ]);
      }
      if (await verifyPassword(next, citizen.passwordHash)) {
        throw validationFailed([
          { field: 'newPassword', code: 'password.unchanged', message: '新密码不能与当前密码相同' },
        ]);
      }
      await em.update(CitizenEntity, { id: citizen.id }, { passwordHash: await hashPassword(next) });
      await em.query(
        `UPDATE session SET revoked_at = $3, revoked_reason = 'password_changed'
          WHERE citizen_id = $1 AND id <> $2 AND revoked_at IS NULL`,
        [citizen.id, principal.sessionId, this.clock.now()],
      );
      await this.audit.record(em, {
        actor: `citizen:${citizen.id}`,
        ip: caller.ip,
        action: 'auth.password_changed',
        objectType: 'citizen',
        objectId: citizen.id,
        result: 'success',
      });
    });
  }

  /** Whether an account uses this phone number or e-mail address (never shown to the public). */
  async exists(rawLogin: string): Promise<boolean> {
    const login = normalizeCitizenLogin(rawLogin)?.login;
    return login
      ? this.dataSource
          .getRepository(CitizenEntity)
          .exists({ where: [{ loginIndex: this.loginIndex(login) }, { login }] })
      : false;
  }
}
