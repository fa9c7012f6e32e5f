/**
 * Legal dates are dates in China Standard Time (Asia/Shanghai), whatever the server's time zone
 * (docs/domain-rules.md rule C4; docs/domain-rules.md, receipt date). China has had no daylight saving time since 1991,
 * so the offset is a constant UTC+8 for every date this system handles.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDateOf(instant: Date): IsoDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant at which a Shanghai calendar date begins (00:00 CST). */
export function startOfShanghaiDay(date: IsoDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** True when `value` is a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isIsoDate(value: string): value is IsoDate {
  const m = ISO_DATE.exec(value);
  if (!m) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
