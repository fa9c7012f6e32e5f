import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Clock, PersonalDataCipher } from '../platform';
import { OneTimeCodeEntity } from './one-time-code.entity';

/** How long a code works, and how many wrong guesses it survives. */
export const ONE_TIME_CODE_MINUTES = 10;
const MAX_ATTEMPTS = 5;

/**
 * Six-digit one-time codes that prove a phone number or e-mail address belongs to the person using
 * it. Only keyed hashes of the code and the address are stored; a new code replaces the old one;
 * a code works once, for ten minutes, and stops after five wrong guesses.
 */
@Injectable()
export class OneTimeCodeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
  ) {}

  /** A fresh code for (purpose, target); the caller sends it. */
  async issue(purpose: string, target: string): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = randomUUID();
    const now = this.clock.now();
    const targetKey = this.key(purpose, target);
    await this.dataSource.transaction(async (em) => {
      await em.update(OneTimeCodeEntity, { purpose, targetKey, consumedAt: IsNull() }, { consumedAt: now });
      await em.insert(OneTimeCodeEntity, {
        id,
        purpose,
        targetKey,
        codeHash: this.cipher.blindIndex(`otp:${id}:${code}`),
        expiresAt: new Date(now.getTime() + ONE_TIME_CODE_MINUTES * 60_000),
        attempts: 0,
        consumedAt: null,
        createdAt: now,
      });
    });
    return code;
  }

  /** True once for the right code within its time; every wrong guess counts against the code. */
  async consume(purpose: string, target: string, code: string): Promise<boolean> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(OneTimeCodeEntity).findOne({
        where: { purpose, targetKey: this.key(purpose, target), consumedAt: IsNull() },
        order: { createdAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.expiresAt <= now || row.attempts >= MAX_ATTEMPTS) {
        return false;
      }
      const expected = Buffer.from(row.codeHash);
      const given = Buffer.from(this.cipher.blindIndex(`otp:${row.id}:${code.trim()}`));
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        await em.update(OneTimeCodeEntity, { id: row.id }, { attempts: row.attempts + 1 });
        return false;
      }
      await em.update(OneTimeCodeEntity, { id: row.id }, { consumedAt: now });
      return true;
    });
  }

  private key(purpose: string, target: string): string {
    return this.cipher.blindIndex(`otp-target:${purpose}:${target}`);
  }
}
