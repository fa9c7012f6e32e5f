import { DomainError } from '../errors/domain-error';

/**
 * Request numbers are per agency per year, gap-free, and formatted by the agency's pattern, e.g.
 * `{agencyShort}依申〔{year}〕{seq:4}号` → `示范区政府依申〔2026〕0007号`.
 */
export const DEFAULT_NUMBER_PATTERN = '{agencyShort}依申〔{year}〕{seq:4}号';

const TOKEN = /\{(agencyShort|year|seq)(?::(\d))?\}|\{[^}]*\}/g;

export interface NumberParts {
  agencyShort: string;
  year: number;
  seq: number;
}

/** Why a pattern cannot number requests uniquely, or null. */
export function numberPatternProblem(pattern: string): string | null {
  if (pattern.length === 0 || pattern.length > 60) {
    return '编号规则长度应为 1–60 个字符';
  }
  let seq = 0;
  let year = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    if (m[1] === undefined) {
      return `未知的占位符 ${m[0]}（可用 {agencyShort}、{year}、{seq} 或 {seq:4}）`;
    }
    if (m[1] === 'seq') {
      seq++;
    }
    if (m[1] === 'year') {
      year++;
    }
  }
  if (seq !== 1) {
    return '编号规则必须恰好包含一个 {seq}';
  }
  if (year !== 1) {
    return '编号按年度重新起算，规则必须恰好包含一个 {year}';
  }
  return null;
}

export function formatRequestNumber(pattern: string, parts: NumberParts): string {
  const problem = numberPatternProblem(pattern);
  if (problem) {
    throw new DomainError('AGENCY.INVALID_NUMBER_PATTERN', 'rule_violation', problem, { pattern });
  }
  return pattern.replace(TOKEN, (_all, name: string, width: string | undefined) => {
    switch (name) {
      case 'agencyShort':
        return parts.agencyShort;
      case 'year':
        return String(parts.year);
      default:
        return String(parts.seq).padStart(width ? Number(width) : 1, '0');
    }
  });
}
