/**
 * Application-level encryption of personal data at rest (docs/domain-rules.md: ID numbers, phones and
 * addresses; AES-256-GCM with a key kept outside the database). The cipher is an abstract class so
 * an SM4 provider (GB/T 32907) can replace it; stored values name their scheme and key id, so old
 * values stay readable after a switch.
 */
export abstract class PersonalDataCipher {
  abstract encrypt(plain: string): string;
  abstract decrypt(stored: string): string;
  /** A file body encrypted (the scheme and key named in its first bytes). */
  abstract encryptBytes(plain: Buffer): Buffer;
  abstract decryptBytes(stored: Buffer): Buffer;
  /** A cipher under a data key of its own (`data_key`; docs/security.md "Retention"). */
  abstract withDataKey(dataKeyId: string, key: Buffer): PersonalDataCipher;
  /** The data key a stored value is under, or null when it is under the ring's keys. */
  abstract dataKeyOf(stored: string | Buffer): string | null;
  /** A keyed hash for equality lookups (same applicant) without decrypting. */
  abstract blindIndex(value: string): string;
  /** A message authentication code (hex) under a subkey of its own for `purpose` (e.g. the audit chain). */
  abstract mac(purpose: string, value: string): string;
}

/** The blind index a citizen's normalized login is found by (sign-in, registration, key rotation). */
export function citizenLoginIndex(cipher: PersonalDataCipher, login: string): string {
  return cipher.blindIndex(`citizen-login:${login}`);
}
