import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@gongkai/domain';
import { Clock } from '../clock/clock';
import { PersonalDataCipher } from './personal-data-cipher';

/** A new data key: its id, the cipher under it, and the key wrapped by the ring (what `data_key` keeps). */
export function newDataKey(ring: PersonalDataCipher): {
  id: string;
  cipher: PersonalDataCipher;
  wrapped: string;
} {
  const id = randomUUID();
  const key = randomBytes(32);
  return { id, cipher: ring.withDataKey(id, key), wrapped: ring.encrypt(key.toString('base64')) };
}

/** What is said when personal data was erased at the end of its retention period. */
export function personalDataErased(details: Record<string, unknown> = {}): DomainError {
  return new DomainError(
    'PERSONAL_DATA.ERASED',
    'rule_violation',
    '该信息已在保存期限届满后按规定删除，无法再查看。',
    details,
  );
}

/**
 * Data keys (docs/security.md "Retention"): every request's personal data, and every uploaded file, is
 * encrypted under a key of its own, kept wrapped by the keyring in `data_key`. The retention job shreds
 * a request's keys when its retention period ends; the encrypted values stay where they are (sealed case
 * files still hash them) and can no longer be read. Values written before data keys existed are under the
 * ring itself and read as before.
 */
@Injectable()
export class DataKeys {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
  ) {}

  /** A new data key, stored (wrapped) in the caller's transaction, and the cipher under it. */
  async create(em: EntityManager): Promise<{ id: string; cipher: PersonalDataCipher }> {
    const { id, cipher, wrapped } = newDataKey(this.cipher);
    await em.query(`INSERT INTO data_key (id, wrapped, created_at) VALUES ($1, $2, $3)`, [
      id,
      wrapped,
      this.clock.now(),
    ]);
    return { id, cipher };
  }

  /** The cipher of a data key; null when it has been shredded. */
  async open(id: string, em: EntityManager = this.dataSource.manager): Promise<PersonalDataCipher | null> {
    const [row] = await em.query<{ wrapped: string | null }[]>(`SELECT wrapped FROM data_key WHERE id = $1`, [
      id,
    ]);
    if (!row) {
      throw new Error(`data key ${id} does not exist`);
    }
    return row.wrapped
      ? this.cipher.withDataKey(id, Buffer.from(this.cipher.decrypt(row.wrapped), 'base64'))
      : null;
  }

  /**
   * The cipher new personal data of a request is written under: the request's own data key (refused
   * once it is shredded), or the ring for a request made before data keys.
   */
  async forRequest(em: EntityManager, requestId: string): Promise<PersonalDataCipher> {
    return (await this.ofRequest(em, requestId)) ?? this.cipher;
  }

  /** The cipher of the request's own data key; null for a request made before data keys. */
  async ofRequest(em: EntityManager, requestId: string): Promise<PersonalDataCipher | null> {
    const [row] = await em.query<{ data_key_id: string | null }[]>(
      `SELECT data_key_id FROM request WHERE id = $1`,
      [requestId],
    );
    if (!row?.data_key_id) {
      return null;
    }
    const cipher = await this.open(row.data_key_id, em);
    if (!cipher) {
      throw personalDataErased({ requestId });
    }
    return cipher;
  }

  /** The data key a stored value or body is under; null when it is under the ring (or in the clear). */
  dataKeyOf(stored: string | Buffer): string | null {
    return this.cipher.dataKeyOf(stored);
  }

  /** The clear text of a stored value (under the ring or a data key); null once its key is shredded. */
  async decrypt(
    stored: string | null | undefined,
    em: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    if (!stored) {
      return null;
    }
    const keyId = this.cipher.dataKeyOf(stored);
    if (!keyId) {
      return this.cipher.decrypt(stored);
    }
    const cipher = await this.open(keyId, em);
    return cipher ? cipher.decrypt(stored) : null;
  }

  /** A file body (see `decrypt`): null once its key is shredded. */
  async decryptBytes(stored: Buffer, em: EntityManager = this.dataSource.manager): Promise<Buffer | null> {
    const keyId = this.cipher.dataKeyOf(stored);
    if (!keyId) {
      return this.cipher.decryptBytes(stored);
    }
    const cipher = await this.open(keyId, em);
    return cipher ? cipher.decryptBytes(stored) : null;
  }

  /**
   * A stored rendering or body that is kept under a data key when there is one (letters): decrypted if it
   * is, returned as it is if not (written before data keys); null once its key is shredded.
   */
  async opened<T extends string | Buffer>(stored: T, em?: EntityManager): Promise<T | null> {
    if (this.dataKeyOf(stored) === null) {
      return stored;
    }
    return (
      typeof stored === 'string' ? await this.decrypt(stored, em) : await this.decryptBytes(stored, em)
    ) as T | null;
  }

  /** Shreds the keys (in the caller's transaction); returns how many were still whole. */
  async shred(em: EntityManager, ids: string[]): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    const res = await em.query<[unknown[], number]>(
      `UPDATE data_key SET wrapped = NULL, shredded_at = $2 WHERE id = ANY($1::uuid[]) AND wrapped IS NOT NULL`,
      [ids, this.clock.now()],
    );
    return Number(res[1] ?? 0);
  }
}
