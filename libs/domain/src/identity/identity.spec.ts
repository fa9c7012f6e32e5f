import {
  ADMIN_ROLES,
  assertRolesCompatible,
  creditCodeCheckChar,
  creditCodeProblem,
  maskAddress,
  maskEmail,
  maskIdNumber,
  maskPhone,
  passwordChangeRequired,
  passwordProblems,
  residentIdCheckChar,
  residentIdProblem,
  StaffRole,
} from '..';

const noBreach = { isBreached: () => false };

describe('residentIdProblem (GB 11643-1999)', () => {
  it.each([
    // The standard's own example, and a check character of X.
    ['11010519491231002X', null],
    ['11010519491231002x', null],
    ['440524188001010014', null],
    ['110105194912310021', 'check_digit'],
    ['11010519491331002X', 'birth_date'],
    ['11010519490230002X', 'birth_date'],
    ['1101051949123100', 'format'],
    ['11010519491231002Y', 'format'],
    ['', 'format'],
  ])('should judge %s as %s', (id, problem) => {
    expect(residentIdProblem(id)).toBe(problem);
  });

  it('should compute the ISO 7064 MOD 11-2 check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });
});

describe('creditCodeProblem (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', null],
    ['91110000600037341L', null],
    ['91350100m000100y43', null],
    ['91350100M000100Y44', 'check_character'],
    ['91350100M000100Y4', 'format'],
    ['9135010OM000100Y43', 'format'], // O is not in the character set
    ['91ABCDEFM000100Y43', 'format'], // the division code is six digits
  ])('should judge %s as %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('should compute the check character of the standard example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // 31 − (Σ mod 31) = 31 is written as 0.
    expect(creditCodeCheckChar('91350100M000100Y3')).toBe('0');
    expect(creditCodeProblem('91350100M000100Y30')).toBeNull();
  });
});

describe('masking', () => {
  it.each([
    [maskIdNumber, '371302199001011234', '3713**********1234'],
    [maskIdNumber, 'E12345678', 'E123*5678'],
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, '010-8888 6666', '*******6666'],
    [maskPhone, '+86 138 1234 5678', '138****5678'],
    [maskAddress, '山东省临沂市兰山区金雀山路 1 号', '山东省临沂市****'],
    [maskAddress, '北京', '北京****'],
    [maskEmail, 'zhang.san@example.cn', 'z***@example.cn'],
  ])('should mask with %p: %s → %s', (fn, value, masked) => {
    expect(fn(value)).toBe(masked);
  });
});

describe('passwordProblems', () => {
  it.each([
    ['Gk#2026ab', []],
    ['short1A', ['too_short']],
    ['alllowercase', ['too_few_classes']],
    ['lower1234', ['too_few_classes']],
    ['Lower1234', []],
    ['Pass word', []],
    ['zhangwei#A1', ['contains_login']],
  ])('should judge %s', (pw, problems) => {
    expect(passwordProblems(pw, { login: 'zhangwei', ...noBreach })).toEqual(problems);
  });

  it('should refuse a password on the breached list whatever its case', () => {
    const breached = new Set(['p@ssw0rd123']);
    expect(passwordProblems('P@ssw0rd123', { isBreached: (p) => breached.has(p) })).toEqual(['breached']);
  });
});

describe('assertRolesCompatible', () => {
  it.each<[StaffRole[], string | null]>([
    [['registrar', 'handler', 'office_head'], null],
    [['legal_reviewer', 'signer'], null],
    [['system_admin'], null],
    [['system_admin', 'system_admin'], null],
    [['system_admin', 'auditor'], 'IDENTITY.ADMIN_ROLES_COMBINED'],
    [['security_admin', 'auditor'], 'IDENTITY.ADMIN_ROLES_COMBINED'],
    [['security_admin', 'handler'], 'IDENTITY.ADMIN_ROLE_WITH_CASEWORK'],
  ])('should judge %j', (roles, code) => {
    const run = () => assertRolesCompatible(roles);
    if (code) {
      expect(run).toThrow(expect.objectContaining({ code }));
    } else {
      expect(run).not.toThrow();
    }
  });

  it('should know exactly three administrator roles', () => {
    expect(ADMIN_ROLES).toEqual(['system_admin', 'security_admin', 'auditor']);
  });
});

describe('passwordChangeRequired (MLPS: rotate every 90 days)', () => {
  const changed = new Date('2026-01-01T00:00:00Z');
  it.each([
    [false, '2026-03-31T00:00:00Z', false], // 89 days
    [false, '2026-04-01T00:00:00Z', false], // exactly 90 days
    [false, '2026-04-01T00:00:01Z', true],
    [true, '2026-01-01T00:00:00Z', true], // temporary password
  ])('flagged %s at %s → %s', (flagged, now, expected) => {
    expect(passwordChangeRequired(flagged, changed, new Date(now))).toBe(expected);
  });
});
