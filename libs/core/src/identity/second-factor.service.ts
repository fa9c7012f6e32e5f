import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toString as qrSvg } from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, validationFailed } from '@gongkai/domain';
import { AuditService, Clock, PersonalDataCipher } from '../platform';
import type { Caller, StaffPrincipal } from '../platform';
import { SessionService } from './session.service';
import { matchTotp, newTotpSecret, totpUri } from './totp';

/** How long the step between the password and the code may take. */
export const CHALLENGE_MS = 5 * 60 * 1000;
const CHALLENGE_ATTEMPTS = 5;
const RECOVERY_CODES = 10;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function invalidCode(): DomainError {
  return validationFailed([
    { field: 'code', code: 'code.wrong', message: '动态口令不正确或已使用，请输入验证器中的最新 6 位数字' },
  ]);
}

function challengeExpired(): DomainError {
  return new DomainError(
    'AUTH.CHALLENGE_EXPIRED',
    'unauthenticated',
    '验证已超时或失败次数过多，请重新登录。',
  );
}

/**
 * The staff second factor: TOTP (RFC 6238) from an authenticator app, enrolled with a QR code and
 * given ten single-use recovery codes. The secret is encrypted at rest; a code is accepted once (its
 * time step must be later than the last one used). A person who has one gets a session only after
 * the code; it is required of the three administrators (and of all staff where configured).
 */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async enabled(em: EntityManager, userId: string): Promise<boolean> {
    const [row] = await em.query<{ on: boolean }[]>(
      'SELECT enabled_at IS NOT NULL AS on FROM staff_second_factor WHERE user_id = $1',
      [userId],
    );
    return row?.on ?? false;
  }

  async status(
    caller: Caller<StaffPrincipal>,
  ): Promise<{ enabled: boolean; required: boolean; recoveryLeft: number }> {
    const em = this.dataSource.manager;
    const [left] = await em.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM staff_recovery_code WHERE user_id = $1 AND used_at IS NULL',
      [caller.principal.userId],
    );
    return {
      enabled: await this.enabled(em, caller.principal.userId),
      required: this.sessions.secondFactorRequired(caller.principal.roles.map((r) => r.role)),
      recoveryLeft: left?.n ?? 0,
    };
  }

  /** A new secret to scan (kept pending until a code from it is confirmed): the QR code as SVG. */
  async startEnrolment(
    caller: Caller<StaffPrincipal>,
  ): Promise<{ secret: string; uri: string; svg: string }> {
    const secret = newTotpSecret();
    await this.dataSource.query(
      `INSERT INTO staff_second_factor (user_id, pending_enc) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET pending_enc = EXCLUDED.pending_enc`,
      [caller.principal.userId, this.cipher.encrypt(secret)],
    );
    const uri = totpUri('Gongkai 公开', caller.principal.login, secret);
    const svg = await qrSvg(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, uri, svg };
  }

  /** Confirms the pending secret with a code from it; answers the recovery codes, shown once. */
  async confirmEnrolment(caller: Caller<StaffPrincipal>, code: string): Promise<{ recoveryCodes: string[] }> {
    const userId = caller.principal.userId;
    return this.dataSource.transaction(async (em) => {
      const [row] = await em.query<{ pending_enc: string | null }[]>(
        'SELECT pending_enc FROM staff_second_factor WHERE user_id = $1 FOR UPDATE',
        [userId],
      );
      if (!row?.pending_enc) {
        throw validationFailed([
          { field: 'code', code: 'enrolment.notStarted', message: '请先扫描二维码开始设置' },
        ]);
      }
      const secret = this.cipher.decrypt(row.pending_enc);
      const step = matchTotp(secret, code.trim(), this.clock.now(), 0n);
      if (step === null) {
        throw invalidCode();
      }
      await em.query(
        `UPDATE staff_second_factor SET secret_enc = pending_enc, pending_enc = NULL, enabled_at = $2, last_step = $3
          WHERE user_id = $1`,
        [userId, this.clock.now(), step.toString()],
      );
      const codes = Array.from({ length: RECOVERY_CODES }, () =>
        randomBytes(5)
          .toString('hex')
          .toUpperCase()
          .replace(/(.{5})/, '$1-'),
      );
      await em.query('DELETE FROM staff_recovery_code WHERE user_id = $1', [userId]);
      for (const c of codes) {
        await em.query('INSERT INTO staff_recovery_code (user_id, code_hash) VALUES ($1, $2)', [
          userId,
          this.cipher.blindIndex(`recovery:${c}`),
        ]);
      }
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'auth.second_factor_enrolled',
        objectType: 'staff_user',
        objectId: userId,
        result: 'success',
      });
      return { recoveryCodes: codes };
    });
  }

  /** After a right password: a challenge to answer with the code (no session yet). */
  async challenge(
    em: EntityManager,
    userId: string,
    meta: { ip: string; userAgent: string },
  ): Promise<{ challenge: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + CHALLENGE_MS);
    await em.query(
      `INSERT INTO login_challenge (id, token_hash, staff_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`,
      [randomUUID(), hashToken(token), userId, expiresAt, meta.ip, meta.userAgent.slice(0, 300)],
    );
    return { challenge: token, expiresAt };
  }

  /** The code (or a recovery code) for a challenge: the session, once; every attempt audited. */
  async complete(
    challenge: string,
    rawCode: string,
    meta: { ip: string; userAgent: string },
  ): Promise<{
    token: string;
    sessionId: string;
    expiresAt: Date;
    login: string;
    mustChangePassword: boolean;
  }> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const [c] = await em.query<
        {
          id: string;
          staff_id: string;
          expires_at: Date;
          attempts: number;
          used_at: Date | null;
          login: string;
          must: boolean;
        }[]
      >(
        `SELECT c.id, c.staff_id, c.expires_at, c.attempts, c.used_at, u.login, u.must_change_password AS must
           FROM login_challenge c JOIN staff_user u ON u.id = c.staff_id
          WHERE c.token_hash = $1 AND u.active FOR UPDATE OF c`,
        [hashToken(challenge)],
      );
      if (!c || c.used_at || c.expires_at <= now || c.attempts >= CHALLENGE_ATTEMPTS) {
        return { error: challengeExpired() };
      }
      const [f] = await em.query<{ secret_enc: string; last_step: string }[]>(
        'SELECT secret_enc, last_step FROM staff_second_factor WHERE user_id = $1 AND enabled_at IS NOT NULL FOR UPDATE',
        [c.staff_id],
      );
      const code = rawCode.trim().toUpperCase();
      let ok = false;
      let via = 'totp';
      if (f && /^\d{6}$/.test(code)) {
        const step = matchTotp(this.cipher.decrypt(f.secret_enc), code, now, BigInt(f.last_step));
        if (step !== null) {
          ok = true;
          await em.query('UPDATE staff_second_factor SET last_step = $2 WHERE user_id = $1', [
            c.staff_id,
            step.toString(),
          ]);
        }
      } else if (f && /^[0-9A-F]{5}-[0-9A-F]{5}$/.test(code)) {
        const used = await em.query<unknown[]>(
          `UPDATE staff_recovery_code SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING 1`,
          [c.staff_id, this.cipher.blindIndex(`recovery:${code}`), now],
        );
        ok = (Array.isArray(used[0]) ? (used[0] as unknown[]) : used).length > 0;
        via = 'recovery_code';
      }
      const entry = {
        ip: meta.ip,
        action: 'auth.second_factor',
        objectType: 'staff_user',
        objectId: c.staff_id,
      };
      if (!ok) {
        await em.query('UPDATE login_challenge SET attempts = attempts + 1 WHERE id = $1', [c.id]);
        await this.audit.record(em, { ...entry, actor: `anonymous:${c.login}`, result: 'failure' });
        return { error: invalidCode() };
      }
      await em.query('UPDATE login_challenge SET used_at = $2 WHERE id = $1', [c.id, now]);
      const session = await this.sessions.create(em, { kind: 'staff', staffId: c.staff_id }, meta);
      await this.audit.record(em, {
        ...entry,
        actor: c.login,
        result: 'success',
        details: { via, sessionId: session.sessionId },
      });
      return { session: { ...session, login: c.login, mustChangePassword: c.must } };
    });
    if ('error' in outcome) {
      throw outcome.error as DomainError;
    }
    return outcome.session;
  }
}
