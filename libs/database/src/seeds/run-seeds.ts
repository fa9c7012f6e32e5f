import { DataSource } from 'typeorm';
import { Seed } from './seed';
import { SEEDS } from './index';

const SEED_LOCK = 7_300_001;

/**
 * Runs the seeds not yet recorded in `seed_history`, each in its own transaction with its marker,
 * under an advisory lock so two processes starting at once cannot both load one seed.
 */
export async function runSeeds(
  ds: DataSource,
  opts: { demo: boolean; now: Date; seeds?: Seed[] },
): Promise<string[]> {
  const seeds = (opts.seeds ?? SEEDS).filter((s) => s.kind === 'reference' || opts.demo);
  const applied: string[] = [];
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
    for (const seed of seeds) {
      const done = (await runner.query('SELECT 1 FROM seed_history WHERE name = $1', [
        seed.name,
      ])) as unknown[];
      if (done.length > 0) {
        continue;
      }
      // One connection for the lock and every seed's transaction (a pool of one must not deadlock).
      await runner.startTransaction();
      try {
        await seed.run(runner.manager, { now: opts.now });
        await runner.query('INSERT INTO seed_history (name, applied_at) VALUES ($1, $2)', [
          seed.name,
          opts.now,
        ]);
        await runner.commitTransaction();
      } catch (err) {
        await runner.rollbackTransaction();
        throw err;
      }
      applied.push(seed.name);
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
    await runner.release();
  }
  return applied;
}
