import type { Response } from 'express';
import { AuthAudience, SESSION_COOKIES } from './auth.guard';

/**
 * The browser's copy of the session token: HttpOnly, Secure in production, SameSite=Lax so that a
 * link to the portal from an SMS or e-mail opens signed in, while no other site can post with it.
 */
export function setSessionCookie(
  res: Response,
  audience: AuthAudience,
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  res.cookie(SESSION_COOKIES[audience], token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(res: Response, audience: AuthAudience): void {
  res.clearCookie(SESSION_COOKIES[audience], { path: '/' });
}
