/**
 * Unified social credit codes of legal persons and other organizations (GB 32100-2015,
 * 统一社会信用代码): 18 characters from a 31-character set (no I, O, Z, S, V); the 18th is a check
 * character: 31 − (Σ value×weight mod 31), where 31 becomes 0.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'format' | 'check_character';

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** Why a credit code is not valid, or null when it is. Letters are compared in upper case. */
export function creditCodeProblem(value: string): CreditCodeProblem | null {
  const code = value.toUpperCase();
  // Registration authority (1st), organization type (2nd), 6-digit administrative division code.
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
    return 'format';
  }
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check_character';
}
