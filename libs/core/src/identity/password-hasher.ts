import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * scrypt (RFC 7914) with per-password salt; parameters are stored with the hash so they can grow.
 * N=2^15, r=8, p=3 is one of OWASP's equivalent minimums for scrypt (32 MiB each, three passes),
 * chosen over N=2^17 so that parallel sign-ins do not each take 128 MiB.
 */
const PARAMS = { N: 1 << 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const MAXMEM = 128 * PARAMS.N * PARAMS.r * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...PARAMS, maxmem: MAXMEM });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) {
    return false;
  }
  const expected = Buffer.from(hash, 'base64');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    ...params,
    maxmem: 128 * params.N * params.r * 2,
  });
  return timingSafeEqual(key, expected);
}

/**
 * A hash nobody's password matches, verified against when the login does not exist, so the answer
 * takes as long for an invented account as for a real one (docs/domain-rules.md).
 */
let dummy: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64'));
  return dummy;
}

/** Whether a stored hash was made with weaker parameters than today's (then it is redone at sign-in). */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return (
    scheme !== 'scrypt' ||
    Number(n) * Number(r) * Number(p) < PARAMS.N * PARAMS.r * PARAMS.p ||
    Number(n) < PARAMS.N
  );
}
