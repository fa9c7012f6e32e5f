import { isIsoDate } from '../time/shanghai';

/**
 * Citizen identity numbers (GB 11643-1999, 公民身份号码): 6-digit address code, 8-digit birth date,
 * 3-digit sequence code and one check character computed by ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type ResidentIdProblem = 'format' | 'birth_date' | 'check_digit';

/** The check character GB 11643 prescribes for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  }
  return CHECK_CHARS[sum % 11];
}

/** Why an 18-character resident ID number is not valid, or null when it is (a lower-case x is accepted). */
export function residentIdProblem(value: string): ResidentIdProblem | null {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return 'format';
  }
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth) || birth < '1800-01-01') {
    return 'birth_date';
  }
  return residentIdCheckChar(id.slice(0, 17)) === id[17] ? null : 'check_digit';
}
