import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { PersonalDataCipher } from './personal-data-cipher';

export type CipherScheme = 'aes-256-gcm' | 'sm4';

/** How a stored value names its scheme: `a256gcm:k1:…` or `sm4:k2:…`. */
const PREFIX: Record<CipherScheme, string> = { 'aes-256-gcm': 'a256gcm', sm4: 'sm4' };
const SM4_TAG = 32;
/** A value under a data key (docs/security.md "Retention"): `a256gcm:d<32 hex>:…`. */
const DATA_KEY_VALUE = /^(a256gcm|sm4):(d[0-9a-f]{32}):/;
/** The same, as a PostgreSQL regular expression (for statements that must tell such values apart). */
export const DATA_KEY_VALUE_SQL = '^(a256gcm|sm4):d[0-9a-f]{32}:';

function subkey(master: Buffer, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, length));
}

interface KeyMaterial {
  aes: Buffer;
  sm4Enc: Buffer;
  sm4Mac: Buffer;
}

/**
 * Personal data encrypted under versioned keys (docs/security.md "Keys"): every value names its scheme and
 * key id; the current key and scheme encrypt, every key of the ring decrypts, so a rotation can re-encrypt
 * in batches while the apps run. Two schemes:
 * - AES-256-GCM (the default): 12-byte nonce, 16-byte tag (a shorter tag is refused);
 * - SM4 (GB/T 32907) in CTR mode with an HMAC-SM3 tag (GB/T 32905) over scheme, key id, IV and
 *   ciphertext, encrypt-then-MAC, the full 32-byte tag checked in constant time — Node's OpenSSL provides
 *   both, for 密评 (GB/T 39786-2021).
 * Blind indexes and MACs derive from one key (`indexKeyId`) that does not change with a rotation, so
 * look-ups and the audit chain stay as they are.
 */
export class KeyringCipher extends PersonalDataCipher {
  private readonly keys = new Map<string, KeyMaterial>();
  private readonly indexKey: Buffer;
  private readonly macMaster: Buffer;
  private readonly macKeys = new Map<string, Buffer>();

  constructor(
    private readonly current: { id: string; key: Buffer; scheme: CipherScheme },
    previous: Record<string, Buffer> = {},
    indexKeyId = current.id,
  ) {
    super();
    for (const [id, key] of [...Object.entries(previous), [current.id, current.key] as const]) {
      if (key.length !== 32) {
        throw new Error(`the personal-data key ${id} must be 32 bytes`);
      }
      this.keys.set(id, {
        // The same derivation as the first releases, so their values stay readable.
        aes: subkey(key, 'gongkai/pd/enc', 32),
        sm4Enc: subkey(key, 'gongkai/pd/sm4-enc', 16),
        sm4Mac: subkey(key, 'gongkai/pd/sm4-mac', 32),
      });
    }
    const indexMaster = indexKeyId === current.id ? current.key : (previous[indexKeyId] ?? current.key);
    this.indexKey = subkey(indexMaster, 'gongkai/pd/index', 32);
    this.macMaster = indexMaster;
  }

  /** How the values the current key and scheme write begin (`sm4:k2:`). */
  get currentPrefix(): string {
    return `${PREFIX[this.current.scheme]}:${this.current.id}:`;
  }

  /** The clear text of a stored value; a value written before its column was encrypted is returned as it is. */
  plainOf(stored: string): string {
    return /^(a256gcm|sm4):k\d+:/.test(stored) ? this.decrypt(stored) : stored;
  }

  encrypt(plain: string): string {
    const { label, sealed } = this.seal(Buffer.from(plain, 'utf8'));
    return `${label}:${sealed.toString('base64')}`;
  }

  decrypt(stored: string): string {
    const [scheme, id, payload] = stored.split(':');
    if (payload === undefined) {
      throw new Error(`cannot decrypt a value of scheme ${scheme}:${id} (unknown scheme or key)`);
    }
    return this.open(scheme, id, Buffer.from(payload, 'base64')).toString('utf8');
  }

  /** A file body encrypted: the label (`a256gcm:d…:`) in ASCII, then nonce, tag and ciphertext. */
  encryptBytes(plain: Buffer): Buffer {
    const { label, sealed } = this.seal(plain);
    return Buffer.concat([Buffer.from(`${label}:`, 'ascii'), sealed]);
  }

  decryptBytes(stored: Buffer): Buffer {
    const head = stored.subarray(0, 64).toString('latin1');
    const m = /^([a-z0-9]+):([a-z0-9]+):/.exec(head);
    if (!m) {
      throw new Error('not an encrypted body (no scheme and key label)');
    }
    return this.open(m[1], m[2], stored.subarray(m[0].length));
  }

  private seal(plain: Buffer): { label: string; sealed: Buffer } {
    const { id, scheme } = this.current;
    const k = this.keys.get(id)!;
    const label = `${PREFIX[scheme]}:${id}`;
    if (scheme === 'sm4') {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-ctr', k.sm4Enc, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      const tag = createHmac('sm3', k.sm4Mac).update(label).update(iv).update(body).digest();
      return { label, sealed: Buffer.concat([iv, tag, body]) };
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', k.aes, iv);
    cipher.setAAD(Buffer.from(label));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { label, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }

  private open(scheme: string, id: string, raw: Buffer): Buffer {
    const k = this.keys.get(id);
    if (!k || (scheme !== 'a256gcm' && scheme !== 'sm4')) {
      throw new Error(`cannot decrypt a value of scheme ${scheme}:${id} (unknown scheme or key)`);
    }
    const label = `${scheme}:${id}`;
    if (scheme === 'sm4') {
      if (raw.length < 16 + SM4_TAG) {
        throw new Error('an encrypted value too short to hold its IV and full 32-byte tag');
      }
      const iv = raw.subarray(0, 16);
      const tag = raw.subarray(16, 16 + SM4_TAG);
      const body = raw.subarray(16 + SM4_TAG);
      const expected = createHmac('sm3', k.sm4Mac).update(label).update(iv).update(body).digest();
      if (!timingSafeEqual(tag, expected)) {
        throw new Error('the value was changed (its SM3 tag does not match)');
      }
      const decipher = createDecipheriv('sm4-ctr', k.sm4Enc, iv);
      return Buffer.concat([decipher.update(body), decipher.final()]);
    }
    if (raw.length < 28) {
      throw new Error('an encrypted value too short to hold its nonce and full 16-byte tag');
    }
    const decipher = createDecipheriv('aes-256-gcm', k.aes, raw.subarray(0, 12), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(label));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  }

  /**
   * A cipher under one data key (32 random bytes, kept wrapped by this ring in `data_key`): the current
   * scheme, the key named `d<id without dashes>` in every value it writes. Dropping the key erases them.
   */
  withDataKey(dataKeyId: string, key: Buffer): KeyringCipher {
    return new KeyringCipher({ id: dataKeyName(dataKeyId), key, scheme: this.current.scheme });
  }

  /** The data key a stored value is under (its uuid), or null for a value under the ring's keys. */
  dataKeyOf(stored: string | Buffer): string | null {
    const head = typeof stored === 'string' ? stored.slice(0, 48) : stored.subarray(0, 48).toString('latin1');
    const m = DATA_KEY_VALUE.exec(head);
    return m ? m[2].slice(1).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5') : null;
  }

  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value.trim().toUpperCase()).digest('base64url');
  }

  mac(purpose: string, value: string): string {
    let key = this.macKeys.get(purpose);
    if (!key) {
      key = subkey(this.macMaster, `gongkai/mac/${purpose}`, 32);
      this.macKeys.set(purpose, key);
    }
    return createHmac('sha256', key).update(value, 'utf8').digest('hex');
  }
}

/** How a data key is named in the values under it: `d` and its uuid without dashes. */
export function dataKeyName(dataKeyId: string): string {
  return `d${dataKeyId.replace(/-/g, '').toLowerCase()}`;
}

/** One AES-256-GCM key (the first releases' cipher; tests and tools that need no ring). */
export class AesGcmCipher extends KeyringCipher {
  constructor(masterKey: Buffer, keyId = 'k1') {
    if (masterKey.length !== 32) {
      throw new Error('the personal-data key must be 32 bytes');
    }
    super({ id: keyId, key: masterKey, scheme: 'aes-256-gcm' });
  }
}
