import type { RateLimitRule } from '@gongkai/core/platform';

/**
 * The console's rate limits (counted in PostgreSQL, so they hold across replicas), beside the lockout
 * of a login name after 5 failures: per address, per login name tried, per person.
 */
export const CONSOLE_LIMITS = {
  signInIp: { bucket: 'console.sign-in.ip', limit: 60, windowSeconds: 900 },
  signInAccount: { bucket: 'console.sign-in.account', limit: 10, windowSeconds: 900 },
  passwordAccount: { bucket: 'console.change-password.account', limit: 10, windowSeconds: 3600 },
  uploadAccount: { bucket: 'console.upload.account', limit: 300, windowSeconds: 3600 },
} satisfies Record<string, RateLimitRule>;
