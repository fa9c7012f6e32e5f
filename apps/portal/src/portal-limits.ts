import type { RateLimitRule } from '@gongkai/core/platform';

/**
 * The portal's rate limits, per address and per account or phone (counted in PostgreSQL, so they
 * hold across replicas). Past a limit the page says so in Chinese with when to try again (429).
 */
export const PORTAL_LIMITS = {
  signInIp: { bucket: 'portal.sign-in.ip', limit: 30, windowSeconds: 900 },
  signInAccount: { bucket: 'portal.sign-in.account', limit: 10, windowSeconds: 900 },
  registerIp: { bucket: 'portal.register.ip', limit: 10, windowSeconds: 3600 },
  codeIp: { bucket: 'portal.one-time-code.ip', limit: 10, windowSeconds: 3600 },
  codePhone: { bucket: 'portal.one-time-code.phone', limit: 5, windowSeconds: 3600 },
  applyIp: { bucket: 'portal.apply.ip', limit: 60, windowSeconds: 3600 },
  applyAccount: { bucket: 'portal.apply.account', limit: 20, windowSeconds: 3600 },
  uploadAccount: { bucket: 'portal.upload.account', limit: 60, windowSeconds: 3600 },
  lookupIp: { bucket: 'portal.lookup.ip', limit: 10, windowSeconds: 900 },
  passwordAccount: { bucket: 'portal.change-password.account', limit: 10, windowSeconds: 3600 },
} satisfies Record<string, RateLimitRule>;
