import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError } from '@gongkai/domain';
import { readCookie } from '@gongkai/core/platform';
import type { PersonalDataCipher } from '@gongkai/core/platform';

export const CSRF_COOKIE = 'gk_csrf';
export const CSRF_FIELD = '_csrf';

export function csrfRefused(): DomainError {
  return new DomainError(
    'CSRF.INVALID',
    'forbidden',
    '页面已过期或来源无法确认，请返回上一页刷新后重新提交。',
  );
}

/**
 * Every state-changing form carries a token bound to a random HttpOnly cookie of the browser (keyed
 * with the server's secret), so another site can neither read nor forge it.
 */
export class Csrf {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly secure: boolean,
  ) {}

  /** The token for this browser's forms, setting its cookie on the first visit. */
  token(req: Request, res: Response): string {
    const seeded = req as Request & { csrfSeed?: string };
    let seed = seeded.csrfSeed ?? readCookie(req, CSRF_COOKIE);
    if (!seed || !/^[A-Za-z0-9_-]{32,64}$/.test(seed)) {
      seed = randomBytes(24).toString('base64url');
      res.cookie(CSRF_COOKIE, seed, { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/' });
      seeded.csrfSeed = seed;
    }
    return this.sign(seed);
  }

  /** Throws CSRF.INVALID unless the form's token matches the browser's cookie. */
  verify(req: Request): void {
    const seed = readCookie(req, CSRF_COOKIE);
    const given = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (!seed || typeof given !== 'string') {
      throw csrfRefused();
    }
    const a = Buffer.from(this.sign(seed));
    const b = Buffer.from(given);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw csrfRefused();
    }
  }

  private sign(seed: string): string {
    return this.cipher.blindIndex(`csrf:${seed}`);
  }
}
