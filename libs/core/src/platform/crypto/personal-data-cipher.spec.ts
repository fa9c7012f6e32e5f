import { randomBytes } from 'node:crypto';
import { AesGcmCipher } from './keyring-cipher';

describe(AesGcmCipher.name, () => {
  const cipher = new AesGcmCipher(randomBytes(32));

  it('should round-trip Chinese text and never store it in the clear', () => {
    const stored = cipher.encrypt('山东省临沂市兰山区金雀山路 1 号');
    expect(stored).toMatch(/^a256gcm:k1:/);
    expect(stored).not.toContain('临沂');
    expect(cipher.decrypt(stored)).toBe('山东省临沂市兰山区金雀山路 1 号');
  });

  it('should use a fresh IV each time', () => {
    expect(cipher.encrypt('13812345678')).not.toBe(cipher.encrypt('13812345678'));
  });

  it('should refuse a tampered value', () => {
    const stored = cipher.encrypt('11010519491231002X');
    const raw = Buffer.from(stored.split(':')[2], 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt(`a256gcm:k1:${raw.toString('base64')}`)).toThrow();
  });

  it('should refuse a value made with another key', () => {
    const other = new AesGcmCipher(randomBytes(32));
    expect(() => cipher.decrypt(other.encrypt('x'))).toThrow();
  });

  it('should give equal blind indexes for equal values (case-insensitive) and differ across keys', () => {
    expect(cipher.blindIndex('11010519491231002x')).toBe(cipher.blindIndex('11010519491231002X'));
    expect(cipher.blindIndex('a')).not.toBe(new AesGcmCipher(randomBytes(32)).blindIndex('a'));
  });
});
