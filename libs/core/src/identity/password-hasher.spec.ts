import { hashPassword, needsRehash, verifyPassword } from './password-hasher';
import { COMMON_PASSWORDS } from './common-passwords';

describe('password hashing', () => {
  it('should hash with OWASP-level scrypt parameters and verify', async () => {
    const h = await hashPassword('Gongkai#Demo2026');
    expect(h).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword('Gongkai#Demo2026', h)).toBe(true);
    expect(await verifyPassword('Gongkai#Demo2027', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it.each([
    ['the earlier parameters (p=1)', 'scrypt$32768$8$1$c2FsdA==$a2V5'],
    ['a smaller N', 'scrypt$16384$8$3$c2FsdA==$a2V5'],
    ['another scheme', 'bcrypt$10$xyz'],
  ])('should ask to redo %s', (_, stored) => {
    expect(needsRehash(stored)).toBe(true);
  });

  it('should know at least the 10,000 most common passwords', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(10_000);
    expect(COMMON_PASSWORDS.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
    expect(COMMON_PASSWORDS).toContain('qwertyuiop');
  });
});
