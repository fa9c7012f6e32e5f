import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '@gongkai/domain';
import { Clock, PersonalDataCipher } from '../platform';

/** docs/domain-rules.md: lockout after 5 failures for 15 minutes. */
export const MAX_LOGIN_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export function invalidCredentials(): DomainError {
  return new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthenticated', '账号或密码错误。');
}

export function lockedOut(): DomainError {
  return new DomainError(
    'AUTH.LOCKED',
    'unauthenticated',
    `连续 ${MAX_LOGIN_FAILURES} 次登录失败，账号已锁定 ${LOCKOUT_MS / 60000} 分钟，请稍后再试。`,
  );
}

/**
 * Counts failures per login name (existing or not) so the lockout answer reveals nothing about
 * which accounts exist. The name is kept only as a blind index (a keyed hash): the table holds no phone
 * number or e-mail address. Every attempt first takes the name's row (created if need be) and holds it
 * until its transaction ends, so parallel guesses are checked one after another: the sixth of twenty
 * simultaneous wrong guesses already finds the name locked.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The row of a login name: its blind index, never the name. */
  private key(subject: string): string {
    return this.cipher.blindIndex(`throttle:${subject}`);
  }

  async isLocked(em: EntityManager, subject: string): Promise<boolean> {
    const rows = await em.query<{ locked_until: Date | null }[]>(
      `INSERT INTO login_throttle (subject, failures, locked_until, last_failure_at)
            VALUES ($1, 0, NULL, $2)
       ON CONFLICT (subject) DO UPDATE SET subject = EXCLUDED.subject
       RETURNING locked_until`,
      [this.key(subject), this.clock.now()],
    );
    const until = rows[0]?.locked_until;
    return !!until && until > this.clock.now();
  }

  /** Records a failure; returns true when this failure locks the account. */
  async fail(em: EntityManager, subject: string): Promise<boolean> {
    const now = this.clock.now();
    const rows = await em.query<{ failures: number }[]>(
      `INSERT INTO login_throttle (subject, failures, locked_until, last_failure_at)
            VALUES ($1, 1, NULL, $2)
       ON CONFLICT (subject) DO UPDATE
             SET failures = CASE WHEN login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until <= $2
                                 THEN 1 ELSE login_throttle.failures + 1 END,
                 locked_until = CASE WHEN login_throttle.locked_until > $2 THEN login_throttle.locked_until END,
                 last_failure_at = $2
       RETURNING failures`,
      [this.key(subject), now],
    );
    if (rows[0].failures < MAX_LOGIN_FAILURES) {
      return false;
    }
    await em.query('UPDATE login_throttle SET locked_until = $2, failures = 0 WHERE subject = $1', [
      this.key(subject),
      new Date(now.getTime() + LOCKOUT_MS),
    ]);
    return true;
  }

  async succeed(em: EntityManager, subject: string): Promise<void> {
    await em.query('DELETE FROM login_throttle WHERE subject = $1', [this.key(subject)]);
  }
}
