import type { Response } from 'express';
import { AuthAudience, SESSION_COOKIES } from './auth.guard';

/** The browser's copy of the session token: HttpOnly, SameSite=Strict, Secure outside development. */
export function setSessionCookie(
  res: Response,
  audience: AuthAudience,
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  res.cookie(SESSION_COOKIES[audience], token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(res: Response, audience: AuthAudience): void {
  res.clearCookie(SESSION_COOKIES[audience], { path: '/' });
}
