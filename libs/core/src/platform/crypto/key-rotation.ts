import { DataSource } from 'typeorm';
import { DATA_KEY_VALUE_SQL } from './keyring-cipher';
import type { KeyringCipher } from './keyring-cipher';
import { citizenLoginIndex } from './personal-data-cipher';

/** Where personal data is stored encrypted: table, key column, encrypted column (or JSON fields of one). */
const ENCRYPTED: { table: string; id: string; column: string; json?: string[]; where?: string }[] = [
  // An archived request is sealed in its case file (and read-only): it keeps the key it was sealed with.
  { table: 'request', id: 'id', column: 'id_number_enc', where: `status <> 'archived'` },
  { table: 'request', id: 'id', column: 'phone_enc', where: `status <> 'archived'` },
  { table: 'request', id: 'id', column: 'address_enc', where: `status <> 'archived'` },
  {
    table: 'request',
    id: 'id',
    column: 'agent',
    json: ['idNumberEnc', 'phoneEnc'],
    where: `status <> 'archived'`,
  },
  {
    table: 'consultation',
    id: 'id',
    column: 'party_address',
    where: `request_id NOT IN (SELECT id FROM request WHERE status = 'archived')`,
  },
  { table: 'application_draft', id: 'id', column: 'content_enc' },
  { table: 'citizen', id: 'id', column: 'login_enc' },
  { table: 'staff_second_factor', id: 'user_id', column: 'secret_enc' },
  { table: 'staff_second_factor', id: 'user_id', column: 'pending_enc' },
  // Data keys are wrapped by the ring: a rotation re-wraps them (what they encrypt stays as it is).
  { table: 'data_key', id: 'id', column: 'wrapped' },
];

export interface RotationResult {
  /** Values rewritten under the current key and scheme, by table.column. */
  rewritten: Record<string, number>;
  /**
   * Archived requests made before data keys, left under their earlier ring key (sealed; that key stays
   * for reading them). Later ones are under their own data key, which the rotation re-wraps.
   */
  sealed: number;
}

/**
 * Re-encrypts every stored value that is under another key or scheme than the current one, in batches
 * of `batch` rows, each batch its own transaction, each row rewritten only if it is still what was read
 * (so the apps may keep running). Blind indexes do not change (they derive from the index key).
 */
export async function rotatePersonalData(
  ds: DataSource,
  cipher: KeyringCipher,
  batch = 500,
): Promise<RotationResult> {
  const rewritten: Record<string, number> = { 'citizen.login': 0 };
  // Accounts made before logins were encrypted: the login encrypted, its blind index set, the clear one gone.
  for (;;) {
    const rows = await ds.query<{ id: string; login: string }[]>(
      `SELECT id::text AS id, login FROM citizen WHERE login IS NOT NULL ORDER BY id LIMIT ${batch}`,
    );
    if (rows.length === 0) {
      break;
    }
    await ds.transaction(async (em) => {
      for (const r of rows) {
        const res = await em.query<[unknown[], number]>(
          `UPDATE citizen SET login_index = $2, login_enc = $3, login = NULL WHERE id = $1 AND login = $4`,
          [r.id, citizenLoginIndex(cipher, r.login), cipher.encrypt(r.login), r.login],
        );
        rewritten['citizen.login'] += Number(res[1] ?? 0);
      }
    });
  }
  for (const t of ENCRYPTED) {
    const name = `${t.table}.${t.column}`;
    rewritten[name] = 0;
    // Stale: under another ring key or scheme. A value under a data key stays: its key is re-wrapped instead.
    const staleValue = (v: string) =>
      `(${v} IS NOT NULL AND NOT starts_with(${v}, $1) AND ${v} !~ '${DATA_KEY_VALUE_SQL}')`;
    const stale = t.json
      ? `(${t.json.map((f) => staleValue(`(${t.column}->>'${f}')`)).join(' OR ')})`
      : staleValue(t.column);
    let after = '';
    for (;;) {
      const rows = await ds.query<{ id: string; value: unknown }[]>(
        `SELECT ${t.id}::text AS id, ${t.column} AS value FROM ${t.table}
          WHERE ${stale} ${t.where ? `AND ${t.where}` : ''} AND ${t.id}::text > $2
          ORDER BY ${t.id}::text LIMIT ${batch}`,
        [cipher.currentPrefix, after],
      );
      if (rows.length === 0) {
        break;
      }
      await ds.transaction(async (em) => {
        for (const row of rows) {
          let next: unknown;
          if (t.json) {
            const obj = { ...(row.value as Record<string, string | null>) };
            for (const f of t.json) {
              const v = obj[f];
              if (typeof v === 'string' && cipher.isStale(v)) {
                obj[f] = cipher.encrypt(cipher.plainOf(v));
              }
            }
            next = obj;
          } else {
            next = cipher.encrypt(cipher.plainOf(row.value as string));
          }
          const res = await em.query<[unknown[], number]>(
            `UPDATE ${t.table} SET ${t.column} = $2 WHERE ${t.id}::text = $1 AND ${t.column} = $3${t.json ? '::jsonb' : ''}`,
            [row.id, t.json ? JSON.stringify(next) : next, t.json ? JSON.stringify(row.value) : row.value],
          );
          rewritten[name] += Number(res[1] ?? 0);
        }
      });
      after = rows[rows.length - 1].id;
    }
  }
  const [{ sealed }] = await ds.query<{ sealed: number }[]>(
    `SELECT count(*)::int AS sealed FROM request WHERE status = 'archived' AND data_key_id IS NULL`,
  );
  return { rewritten, sealed };
}
