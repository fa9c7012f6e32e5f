import { DataSource } from 'typeorm';
import type { KeyringCipher } from './keyring-cipher';
import { PersonalDataCipher, citizenLoginIndex } from './personal-data-cipher';
import { newDataKey } from './data-keys';

/** Where values under the ring itself are stored: table, key column, encrypted column. */
const ENCRYPTED: { table: string; id: string; column: string }[] = [
  { table: 'application_draft', id: 'id', column: 'content_enc' },
  { table: 'citizen', id: 'id', column: 'login_enc' },
  { table: 'staff_second_factor', id: 'user_id', column: 'secret_enc' },
  { table: 'staff_second_factor', id: 'user_id', column: 'pending_enc' },
  // Data keys are wrapped by the ring: a rotation re-wraps them (what they encrypt stays as it is).
  { table: 'data_key', id: 'id', column: 'wrapped' },
];

/** A request's encrypted columns (and the encrypted fields of its agent). */
const REQUEST_VALUES = ['id_number_enc', 'phone_enc', 'address_enc'] as const;
const AGENT_VALUES = ['idNumberEnc', 'phoneEnc'] as const;

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
  await moveUnderDataKeys(ds, cipher, batch, rewritten);
  for (const t of ENCRYPTED) {
    const name = `${t.table}.${t.column}`;
    rewritten[name] = 0;
    // Stale: under another ring key or scheme.
    const stale = `${t.column} IS NOT NULL AND NOT starts_with(${t.column}, $1)`;
    let after = '';
    for (;;) {
      const rows = await ds.query<{ id: string; value: unknown }[]>(
        `SELECT ${t.id}::text AS id, ${t.column} AS value FROM ${t.table}
          WHERE ${stale} AND ${t.id}::text > $2
          ORDER BY ${t.id}::text LIMIT ${batch}`,
        [cipher.currentPrefix, after],
      );
      if (rows.length === 0) {
        break;
      }
      await ds.transaction(async (em) => {
        for (const row of rows) {
          const res = await em.query<[unknown[], number]>(
            `UPDATE ${t.table} SET ${t.column} = $2 WHERE ${t.id}::text = $1 AND ${t.column} = $3`,
            [row.id, cipher.encrypt(cipher.plainOf(row.value as string)), row.value],
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

/**
 * Requests made before data keys, and not yet sealed: each gets a data key of its own, and its values, its
 * consultations' addresses and its files kept in PostgreSQL move under it (so the retention job can erase
 * them by shredding). A row is rewritten only if it is still what was read. Letters already issued stay
 * as they were (the letter table is append-only); files in an object store too.
 */
async function moveUnderDataKeys(
  ds: DataSource,
  cipher: KeyringCipher,
  batch: number,
  rewritten: Record<string, number>,
): Promise<void> {
  rewritten['request.data_key'] = 0;
  rewritten['attachment.data_key'] = 0;
  const under = (dk: PersonalDataCipher, v: string | null | undefined) =>
    v ? dk.encrypt(cipher.plainOf(v)) : (v ?? null);
  for (;;) {
    const rows = await ds.query<
      {
        id: string;
        id_number_enc: string | null;
        phone_enc: string;
        address_enc: string | null;
        agent: Record<string, string | null> | null;
      }[]
    >(
      `SELECT id::text AS id, ${REQUEST_VALUES.join(', ')}, agent FROM request
        WHERE data_key_id IS NULL AND status <> 'archived' ORDER BY id LIMIT ${batch}`,
    );
    if (rows.length === 0) {
      break;
    }
    await ds.transaction(async (em) => {
      for (const r of rows) {
        const key = newDataKey(cipher);
        await em.query(`INSERT INTO data_key (id, wrapped, created_at) VALUES ($1, $2, now())`, [
          key.id,
          key.wrapped,
        ]);
        const agent = r.agent
          ? {
              ...r.agent,
              ...Object.fromEntries(AGENT_VALUES.map((f) => [f, under(key.cipher, r.agent![f])])),
            }
          : null;
        const res = await em.query<[unknown[], number]>(
          `UPDATE request SET data_key_id = $2, id_number_enc = $3, phone_enc = $4, address_enc = $5, agent = $6
            WHERE id = $1 AND data_key_id IS NULL AND phone_enc = $7`,
          [
            r.id,
            key.id,
            under(key.cipher, r.id_number_enc),
            under(key.cipher, r.phone_enc),
            under(key.cipher, r.address_enc),
            agent === null ? null : JSON.stringify(agent),
            r.phone_enc,
          ],
        );
        if (Number(res[1] ?? 0) === 0) {
          // Changed meanwhile: left for the next run (the unused key is shredded at once).
          await em.query(`UPDATE data_key SET wrapped = NULL, shredded_at = now() WHERE id = $1`, [key.id]);
          continue;
        }
        rewritten['request.data_key'] += 1;
        const parties = await em.query<{ id: string; party_address: string }[]>(
          `SELECT id::text AS id, party_address FROM consultation WHERE request_id = $1 AND party_address IS NOT NULL`,
          [r.id],
        );
        for (const p of parties) {
          await em.query(`UPDATE consultation SET party_address = $2 WHERE id = $1`, [
            p.id,
            under(key.cipher, p.party_address),
          ]);
        }
      }
    });
  }
  // Files uploaded before data keys, kept in PostgreSQL, of requests not sealed (or not yet used).
  for (;;) {
    const files = await ds.query<{ id: string; content: Buffer }[]>(
      `SELECT a.id::text AS id, a.content FROM attachment a
        WHERE a.data_key_id IS NULL AND a.content IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM request r WHERE r.id = a.request_id AND r.status = 'archived')
        ORDER BY a.id LIMIT ${batch}`,
    );
    if (files.length === 0) {
      break;
    }
    await ds.transaction(async (em) => {
      for (const f of files) {
        const key = newDataKey(cipher);
        await em.query(`INSERT INTO data_key (id, wrapped, created_at) VALUES ($1, $2, now())`, [
          key.id,
          key.wrapped,
        ]);
        const res = await em.query<[unknown[], number]>(
          `UPDATE attachment SET content = $2, data_key_id = $3 WHERE id = $1 AND data_key_id IS NULL`,
          [f.id, key.cipher.encryptBytes(f.content), key.id],
        );
        rewritten['attachment.data_key'] += Number(res[1] ?? 0);
      }
    });
  }
}
