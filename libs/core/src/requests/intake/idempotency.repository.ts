import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, invalidInput } from '@gongkai/domain';
import { Clock, sha256Hex } from '../../platform';
import { IdempotencyKeyEntity } from '../../request-record';
import type { IntakeResult } from './intake-result';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** `Idempotency-Key` for submissions: a double click or a retry creates one request. */
@Injectable()
export class IdempotencyRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` at most once per (scope, key): a retry with the same key and body answers the
   * first result; concurrent retries wait on the key's row until the first commits.
   */
  async once(
    scope: string,
    key: string | undefined,
    body: unknown,
    work: (em: EntityManager) => Promise<IntakeResult[]>,
  ): Promise<{ results: IntakeResult[]; replayed: boolean }> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw invalidInput(
        'Idempotency-Key',
        'idempotencyKey.format',
        '幂等键须为 8–100 位字母、数字或 _ . : -',
      );
    }
    const hash = sha256Hex(JSON.stringify(body));
    return this.dataSource.transaction(async (em) => {
      if (key !== undefined) {
        const inserted = await em.query<unknown[]>(
          `INSERT INTO idempotency_key (scope, key, body_hash, response, created_at)
           VALUES ($1, $2, $3, NULL, $4) ON CONFLICT DO NOTHING RETURNING key`,
          [scope, key, hash, this.clock.now()],
        );
        if (inserted.length === 0) {
          const prior = await em.getRepository(IdempotencyKeyEntity).findOneByOrFail({ scope, key });
          if (prior.bodyHash !== hash) {
            throw new DomainError(
              'IDEMPOTENCY.KEY_REUSED',
              'rule_violation',
              '该幂等键已用于另一份不同的提交。',
              { header: 'Idempotency-Key' },
            );
          }
          return { results: (prior.response as { results: IntakeResult[] }).results, replayed: true };
        }
      }
      const results = await work(em);
      if (key !== undefined) {
        await em.update(IdempotencyKeyEntity, { scope, key }, { response: { results } });
      }
      return { results, replayed: false };
    });
  }
}
