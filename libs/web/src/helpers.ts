import type Handlebars from 'handlebars';

/** `2026-03-02` → `2026年3月2日`; anything else as it is. */
export function dateZh(value: unknown): string {
  if (typeof value !== 'string') {
    return '';
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : value;
}

/** A field name (`applicant.idNumber`, `items[0].description`) as an HTML id (`f-applicant-idNumber`). */
export function fieldId(name: unknown, prefix?: unknown): string {
  const id = String(name)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/-$/, '');
  // A page with several forms (the case page's moves) keeps each form's ids apart by a prefix.
  return typeof prefix === 'string' && prefix ? `f-${prefix}-${id}` : `f-${id}`;
}

/** An instant shown in Beijing time: `2026年3月2日 09:05`. */
export function timeZh(value: unknown): string {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) {
    return '';
  }
  const bj = new Date(d.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${bj.getUTCFullYear()}年${bj.getUTCMonth() + 1}月${bj.getUTCDate()}日 ${p(bj.getUTCHours())}:${p(bj.getUTCMinutes())}`;
}

const DIGITS = '零一二三四五六七八九';

/** 1–99 in Chinese numerals: 33 → 三十三. */
export function chineseNumber(n: number): string {
  if (n < 10) {
    return DIGITS[n];
  }
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
}

/** `Art. 33 ¶2` → `条例第三十三条第二款`; other bases (e.g. 国办函〔2020〕109号) as they are. */
export function articleZh(value: unknown): string {
  return (typeof value === 'string' ? value : '')
    .replace(
      /Art\. (\d+)(?: ¶(\d+))?/g,
      (_, a: string, p?: string) =>
        `条例第${chineseNumber(Number(a))}条${p ? `第${chineseNumber(Number(p))}款` : ''}`,
    )
    .replace(/, /g, '，');
}

export function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).find(Boolean) ?? false);
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('includes', (list: unknown, v: unknown) => Array.isArray(list) && list.includes(v));
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  hbs.registerHelper('dateZh', dateZh);
  hbs.registerHelper('timeZh', timeZh);
  hbs.registerHelper('fieldId', fieldId);
  hbs.registerHelper('articleZh', articleZh);
  hbs.registerHelper('inc', (n: unknown) => Number(n) + 1);
  hbs.registerHelper('ternary', (test: unknown, yes: unknown, no: unknown) => (test ? yes : no));
  hbs.registerHelper('array', (...args: unknown[]) => args.slice(0, -1));
  hbs.registerHelper('join', (list: unknown, sep: unknown) =>
    Array.isArray(list) ? list.map(String).join(typeof sep === 'string' ? sep : '、') : '',
  );
  hbs.registerHelper('lines', (text: unknown) =>
    typeof text === 'string' ? text.split('\n').filter((l) => l.trim().length > 0) : [],
  );
  hbs.registerHelper('obj', (options: { hash: Record<string, unknown> }) => options.hash);
  hbs.registerHelper('get', (obj: unknown, key: unknown) =>
    obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[String(key)] : undefined,
  );
}
