import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Application-level encryption of personal data at rest (docs/domain-rules.md: ID numbers, phones and
 * addresses; AES-256-GCM with a key kept outside the database). The cipher is an abstract class so
 * an SM4 provider (GB/T 32907) can replace it; stored values name their scheme and key id, so old
 * values stay readable after a switch.
 */
export abstract class PersonalDataCipher {
  abstract encrypt(plain: string): string;
  abstract decrypt(stored: string): string;
  /** A keyed hash for equality lookups (same applicant) without decrypting. */
  abstract blindIndex(value: string): string;
  /** A message authentication code (hex) under a subkey of its own for `purpose` (e.g. the audit chain). */
  abstract mac(purpose: string, value: string): string;
}

const SCHEME = 'a256gcm';

export class AesGcmCipher extends PersonalDataCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly macKeys = new Map<string, Buffer>();

  /** `masterKey` is 32 bytes; separate subkeys for encryption and the blind index (HKDF-SHA256). */
  constructor(
    private readonly masterKey: Buffer,
    private readonly keyId = 'k1',
  ) {
    super();
    if (masterKey.length !== 32) {
      throw new Error('the personal-data key must be 32 bytes');
    }
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gongkai/pd/enc', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gongkai/pd/index', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(`${SCHEME}:${this.keyId}`));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${SCHEME}:${this.keyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    const [scheme, keyId, payload] = stored.split(':');
    if (scheme !== SCHEME || keyId !== this.keyId || payload === undefined) {
      throw new Error(`cannot decrypt a value of scheme ${scheme}:${keyId}`);
    }
    const raw = Buffer.from(payload, 'base64');
    if (raw.length < 28) {
      throw new Error('an encrypted value too short to hold its nonce and full 16-byte tag');
    }
    // The tag length is fixed at 16 bytes: a truncated tag is refused, not checked on fewer bytes.
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(`${SCHEME}:${this.keyId}`));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value.trim().toUpperCase()).digest('base64url');
  }

  mac(purpose: string, value: string): string {
    let key = this.macKeys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.masterKey, Buffer.alloc(0), `gongkai/mac/${purpose}`, 32));
      this.macKeys.set(purpose, key);
    }
    return createHmac('sha256', key).update(value, 'utf8').digest('hex');
  }
}
