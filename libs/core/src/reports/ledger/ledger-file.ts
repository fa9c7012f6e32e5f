import { strFromU8, unzipSync } from 'fflate';

/** A ledger file as rows of text cells: the first row is the header. */
export type Sheet = string[][];

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), UTF-8 with or without BOM. */
export function parseCsv(text: string): Sheet {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') {
        i++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** The text of an XML fragment's <t> elements (a shared string may be split into rich-text runs). */
function texts(fragment: string): string {
  return [...fragment.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1])).join('');
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** An Excel serial day number as an ISO date (1900 date system, as Excel writes it). */
export function excelSerialDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The first worksheet of an XLSX file. Numbers stay as their text; a date cell is a serial number,
 * marked with a leading '#' so the date parser can tell it from typed digits.
 */
export function parseXlsx(bytes: Uint8Array): Sheet {
  const files = unzipSync(bytes);
  const read = (path: string) => (files[path] ? strFromU8(files[path]) : null);
  const workbook = read('xl/workbook.xml');
  const rels = read('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) {
    throw new Error('not a workbook');
  }
  const firstSheetRel = /<sheet\b[^>]*r:id="([^"]+)"/.exec(workbook)?.[1];
  const target = firstSheetRel
    ? (new RegExp(`<Relationship\\b[^>]*Id="${firstSheetRel}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${firstSheetRel}"`).exec(rels)?.[1])
    : undefined;
  const sheet = read(target ? `xl/${target.replace(/^\/?xl\//, '')}` : 'xl/worksheets/sheet1.xml');
  if (!sheet) {
    throw new Error('no worksheet');
  }
  const shared = [...(read('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    texts(m[1]),
  );
  const dateStyles = dateStyleIndexes(read('xl/styles.xml'));
  const rows: Sheet = [];
  for (const rowMatch of sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const row: string[] = [];
    for (const c of rowMatch[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const body = c[2] ?? '';
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? -1);
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = '';
      if (type === 's' && v !== undefined) {
        value = shared[Number(v)] ?? '';
      } else if (type === 'inlineStr') {
        value = texts(body);
      } else if (v !== undefined) {
        value = unescapeXml(v);
        if (type === undefined && dateStyles.has(style) && /^\d+(\.\d+)?$/.test(value)) {
          value = `#${value}`;
        }
      }
      const index = ref ? columnIndex(ref) : row.length;
      while (row.length < index) {
        row.push('');
      }
      row[index] = value;
    }
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Cell style indexes whose number format is a date (built-in 14–22, or a custom one with y/m/d). */
function dateStyleIndexes(styles: string | null): Set<number> {
  const out = new Set<number>();
  if (!styles) {
    return out;
  }
  const custom = new Set(
    [...styles.matchAll(/<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g)]
      .filter((m) => /[yd]/i.test(m[2].replace(/\[[^\]]*\]|"[^"]*"/g, '')))
      .map((m) => Number(m[1])),
  );
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  [...xfs.matchAll(/<xf\b([^>]*)/g)].forEach((m, i) => {
    const id = Number(/numFmtId="(\d+)"/.exec(m[1])?.[1] ?? 0);
    if ((id >= 14 && id <= 22) || custom.has(id)) {
      out.add(i);
    }
  });
  return out;
}
