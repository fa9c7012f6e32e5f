import { base32Decode, base32Encode, hotp, matchTotp, totpStep } from './totp';

// RFC 6238 Appendix B: the seed "12345678901234567890" (SHA-1), 8 digits, at these times.
const SEED = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP (RFC 6238 Appendix B test vectors)', () => {
  it.each<[number, string]>([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at %i s the SHA-1 code is %s', (seconds, code) => {
    expect(hotp(SEED, totpStep(new Date(seconds * 1000)), 8)).toBe(code);
  });
});

describe('HOTP (RFC 4226 Appendix D test values)', () => {
  it.each<[number, string]>([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [9, '520489'],
  ])('counter %i gives %s', (counter, code) => {
    expect(hotp(SEED, BigInt(counter))).toBe(code);
  });
});

describe('matchTotp', () => {
  const secret = base32Encode(SEED);
  const at = new Date(1111111111 * 1000);
  const now = totpStep(at);
  const code = (step: bigint) => hotp(SEED, step);

  it('should round-trip base32', () => {
    expect(base32Decode(secret).equals(SEED)).toBe(true);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each<[string, bigint, bigint, bigint | null]>([
    ['the current step', now, 0n, now],
    ['one step behind (clock drift)', now - 1n, 0n, now - 1n],
    ['one step ahead', now + 1n, 0n, now + 1n],
    ['two steps behind', now - 2n, 0n, null],
    ['a code already used (replay)', now, now, null],
  ])('%s', (_, step, lastUsed, expected) => {
    expect(matchTotp(secret, code(step), at, lastUsed)).toBe(expected);
  });

  it('should refuse anything but six digits', () => {
    expect(matchTotp(secret, '12345', at, 0n)).toBeNull();
    expect(matchTotp(secret, 'abcdef', at, 0n)).toBeNull();
  });
});
