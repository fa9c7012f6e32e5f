import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@gongkai/domain';
import { Clock } from '../clock/clock';
import { PersonalDataCipher } from '../crypto/personal-data-cipher';

/** A limit: at most `limit` hits per `windowSeconds` for one key of the bucket. */
export interface RateLimitRule {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

export function rateLimited(retryAfterSeconds: number): DomainError {
  return new DomainError('RATE.LIMITED', 'rate_limited', '操作过于频繁，请稍后再试。', {
    retryAfterSeconds,
  });
}

/**
 * Fixed-window rate limits counted in PostgreSQL, so that they hold across every replica. Keys
 * (addresses, accounts, phone numbers) are stored only as keyed hashes.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit; past the limit it throws RATE.LIMITED (429) with the seconds to wait. */
  async hit(rule: RateLimitRule, key: string): Promise<void> {
    const now = this.clock.now().getTime();
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const [row] = await this.dataSource.query<{ hits: number }[]>(
      `INSERT INTO rate_limit_counter (bucket, key, window_start, hits) VALUES ($1, $2, $3, 1)
       ON CONFLICT (bucket, key, window_start) DO UPDATE SET hits = rate_limit_counter.hits + 1
       RETURNING hits`,
      [rule.bucket, this.cipher.blindIndex(`rate:${key}`), windowStart],
    );
    if (row.hits === 1) {
      // The first hit of a window clears this bucket's finished windows (cheap, and bounded).
      await this.dataSource.query(`DELETE FROM rate_limit_counter WHERE bucket = $1 AND window_start < $2`, [
        rule.bucket,
        new Date(windowStart.getTime() - windowMs),
      ]);
    }
    if (row.hits > rule.limit) {
      throw rateLimited(Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)));
    }
  }

  /** Forgets a key's hits in the current window (e.g. after a successful sign-in). */
  async reset(rule: RateLimitRule, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_counter WHERE bucket = $1 AND key = $2`, [
      rule.bucket,
      this.cipher.blindIndex(`rate:${key}`),
    ]);
  }
}
