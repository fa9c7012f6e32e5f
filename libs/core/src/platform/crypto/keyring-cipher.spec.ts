import { createCipheriv, createHash } from 'node:crypto';
import { AesGcmCipher } from './keyring-cipher';
import { KeyringCipher } from './keyring-cipher';

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);

describe('the 国密 primitives Node provides', () => {
  it('should compute the SM4 example of GB/T 32907 (Appendix A)', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const c = createCipheriv('sm4-ecb', key, null);
    c.setAutoPadding(false);
    expect(Buffer.concat([c.update(key), c.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
  });

  it('should compute the SM3 example of GB/T 32905 ("abc")', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });
});

describe(KeyringCipher.name, () => {
  it.each(['aes-256-gcm', 'sm4'] as const)(
    'should round-trip Chinese text with %s and name scheme and key',
    (scheme) => {
      const c = new KeyringCipher({ id: 'k2', key: K2, scheme });
      const stored = c.encrypt('示范市示范区东湖路 8 号');
      expect(stored).toMatch(scheme === 'sm4' ? /^sm4:k2:/ : /^a256gcm:k2:/);
      expect(stored).not.toContain('东湖路');
      expect(c.decrypt(stored)).toBe('示范市示范区东湖路 8 号');
    },
  );

  it('should read what the first releases wrote, and what an earlier key wrote', () => {
    const old = new AesGcmCipher(K1).encrypt('13812345678');
    const c = new KeyringCipher({ id: 'k2', key: K2, scheme: 'sm4' }, { k1: K1 }, 'k1');
    expect(c.decrypt(old)).toBe('13812345678');
    expect(old.startsWith(c.currentPrefix)).toBe(false);
    expect(c.encrypt('x').startsWith(c.currentPrefix)).toBe(true);
  });

  it('should keep blind indexes and MACs when the encryption key rotates', () => {
    const before = new AesGcmCipher(K1);
    const after = new KeyringCipher({ id: 'k2', key: K2, scheme: 'sm4' }, { k1: K1 }, 'k1');
    expect(after.blindIndex('11010519491231002x')).toBe(before.blindIndex('11010519491231002X'));
    expect(after.mac('audit-chain', 'row')).toBe(before.mac('audit-chain', 'row'));
  });

  it.each([
    ['an unknown key', (s: string) => s.replace(':k2:', ':k9:')],
    ['a changed ciphertext', (s: string) => s.slice(0, -4) + (s.endsWith('AAAA') ? 'BBBB' : 'AAAA')],
    [
      'a truncated tag',
      (s: string) => {
        const [scheme, id, payload] = s.split(':');
        return `${scheme}:${id}:${Buffer.from(payload, 'base64').subarray(0, 30).toString('base64')}`;
      },
    ],
  ])('should refuse %s (SM4)', (_, spoil) => {
    const c = new KeyringCipher({ id: 'k2', key: K2, scheme: 'sm4' });
    expect(() => c.decrypt(spoil(c.encrypt('13812345678')))).toThrow();
  });

  describe('data keys', () => {
    const ring = new KeyringCipher({ id: 'k2', key: K2, scheme: 'sm4' }, { k1: K1 }, 'k1');
    const id = '0f8e5c2a-1b3d-4e6f-8a9b-0c1d2e3f4a5b';
    const dataKey = ring.withDataKey(id, Buffer.alloc(32, 7));

    it('should write under the data key, in the ring’s current scheme, and name the key in every value', () => {
      const stored = dataKey.encrypt('13812345678');
      expect(stored.startsWith('sm4:d0f8e5c2a1b3d4e6f8a9b0c1d2e3f4a5b:')).toBe(true);
      expect(ring.dataKeyOf(stored)).toBe(id);
      expect(dataKey.decrypt(stored)).toBe('13812345678');
      // The ring cannot read it (a rotation re-wraps its key instead).
      expect(() => ring.decrypt(stored)).toThrow();
      expect(ring.dataKeyOf(ring.encrypt('x'))).toBeNull();
    });

    it('should encrypt a file body and refuse one changed or under another key', () => {
      const body = Buffer.from('%PDF-1.4 身份证');
      const stored = dataKey.encryptBytes(body);
      expect(stored.includes(body)).toBe(false);
      expect(ring.dataKeyOf(stored)).toBe(id);
      expect(dataKey.decryptBytes(stored)).toEqual(body);
      const changed = Buffer.from(stored);
      changed[changed.length - 1] ^= 1;
      expect(() => dataKey.decryptBytes(changed)).toThrow();
      expect(() => ring.withDataKey(id, Buffer.alloc(32, 8)).decryptBytes(stored)).toThrow();
      expect(() => dataKey.decryptBytes(Buffer.from('%PDF-1.4 in the clear'))).toThrow();
    });
  });
});
