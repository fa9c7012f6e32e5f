/**
 * How long a request's personal data is kept (个人信息保护法 Art. 19: no longer than the purpose needs;
 * Art. 47: deleted when the retention period ends). A request's case file has the retention class of
 * its agency (永久 / 30 年 / 10 年); the period is counted, as archives count it, from 1 January of the
 * year after the file was formed — the year it was sealed, or, for a concluded request never sealed,
 * the year it concluded. A permanent file, and a request still open, are never due.
 */
export type RetentionClass = 'permanent' | '30y' | '10y';

/** Years a file of each limited class is kept (configurable per deployment; these are the classes' names). */
export type RetentionYears = Record<Exclude<RetentionClass, 'permanent'>, number>;

export const DEFAULT_RETENTION_YEARS: RetentionYears = { '30y': 30, '10y': 10 };

export interface RetentionFacts {
  retentionClass: RetentionClass;
  /** The day the case file was sealed (归档), if it was. */
  sealedOn: string | null;
  /** The day the request concluded, if it has. */
  concludedOn: string | null;
}

/** The first day the request's personal data may be erased, or null if it is kept (permanent, or open). */
export function retentionEndsOn(
  facts: RetentionFacts,
  years: RetentionYears = DEFAULT_RETENTION_YEARS,
): string | null {
  if (facts.retentionClass === 'permanent') {
    return null;
  }
  const formedOn = facts.sealedOn ?? facts.concludedOn;
  if (!formedOn) {
    return null;
  }
  const formedYear = Number(formedOn.slice(0, 4));
  return `${String(formedYear + 1 + years[facts.retentionClass]).padStart(4, '0')}-01-01`;
}

/** Whether the personal data is due for erasure on `today` (Asia/Shanghai date, YYYY-MM-DD). */
export function retentionExpired(facts: RetentionFacts, today: string, years?: RetentionYears): boolean {
  const ends = retentionEndsOn(facts, years);
  return ends !== null && ends <= today;
}

/** The legal basis written with every erasure. */
export const RETENTION_BASIS =
  '《中华人民共和国个人信息保护法》第十九条、第四十七条：保存期限届满，删除个人信息';
