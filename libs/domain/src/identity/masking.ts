/**
 * Masks shown wherever personal data is listed, viewed or exported (docs/domain-rules.md, PIPL Art. 51):
 * enough to recognise a value, never enough to use it.
 */

/** `371302199001011234` → `3713**********1234`; short values keep only their last character. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) {
    return `${'*'.repeat(Math.max(0, value.length - 1))}${value.slice(-1)}`;
  }
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** `13812345678` → `138****5678`; landlines keep their last four digits. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(digits)) {
    return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  }
  return digits.length <= 4
    ? '*'.repeat(digits.length)
    : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** Keeps the first six characters (province, city or district) and hides the rest. */
export function maskAddress(value: string): string {
  const chars = Array.from(value);
  return chars.length <= 6 ? `${chars.slice(0, 2).join('')}****` : `${chars.slice(0, 6).join('')}****`;
}

/** `zhang.san@example.cn` → `z***@example.cn`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  return at <= 0 ? '***' : `${value[0]}***${value.slice(at)}`;
}
