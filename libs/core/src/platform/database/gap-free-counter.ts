import type { EntityManager } from 'typeorm';

/** The counters that number things without gaps (request numbers, letter numbers). */
export type GapFreeCounter =
  | { table: 'request_counter'; key: { agency_id: string; year: number } }
  | { table: 'document_counter'; key: { agency_id: string; year: number; series: string } };

/**
 * The next number of a gap-free series. The counter row stays locked until the transaction
 * commits, so a rolled-back transaction gives its number back and no number is skipped.
 */
export async function nextGapFree(em: EntityManager, counter: GapFreeCounter): Promise<number> {
  const columns = Object.keys(counter.key);
  const values = Object.values(counter.key);
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ');
  const rows = await em.query<{ last_seq: number }[]>(
    `INSERT INTO ${counter.table} (${columns.join(', ')}, last_seq) VALUES (${placeholders}, 1)
     ON CONFLICT (${columns.join(', ')}) DO UPDATE SET last_seq = ${counter.table}.last_seq + 1
     RETURNING last_seq`,
    values,
  );
  return rows[0].last_seq;
}
