import { createHmac, randomBytes } from 'node:crypto';

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226): HMAC-SHA1, 6 digits, 30-second steps — what every
 * authenticator app (including the WeChat and Alipay ones) reads from an otpauth:// QR code.
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) {
    out += ALPHABET[(value << (5 - bits)) & 31];
  }
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) {
      throw new Error('not base32');
    }
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new 160-bit secret, base32 (RFC 4226 recommends at least 128 bits; 160 matches SHA-1). */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** HOTP (RFC 4226 §5.3): dynamic truncation of HMAC(key, counter). */
export function hotp(key: Buffer, counter: bigint, digits = TOTP_DIGITS, algorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code =
    ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(code % 10 ** digits).padStart(digits, '0');
}

/** The time step of an instant (T = floor((now - T0) / X), T0 = 0). */
export function totpStep(at: Date): bigint {
  return BigInt(Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS));
}

/**
 * The step a code belongs to, checking the current step and one either side (clock drift), or null.
 * Only steps after `lastUsed` count, so a code once used is never accepted again (no replay).
 */
export function matchTotp(secret: string, code: string, at: Date, lastUsed: bigint): bigint | null {
  if (!/^\d{6}$/.test(code)) {
    return null;
  }
  const key = base32Decode(secret);
  const now = totpStep(at);
  for (const step of [now - 1n, now, now + 1n]) {
    if (step > lastUsed && hotp(key, step) === code) {
      return step;
    }
  }
  return null;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(issuer: string, account: string, secret: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const q = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: '30',
  });
  return `otpauth://totp/${label}?${q.toString()}`;
}
