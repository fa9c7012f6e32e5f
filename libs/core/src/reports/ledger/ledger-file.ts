import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate, zipSync } from 'fflate';

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

/** Bounds on an XLSX ledger: the file is a zip, and a small zip can unpack to a great deal. */
export const XLSX_LIMITS = {
  /** Entries in the zip (a workbook has a dozen or so). */
  entries: 200,
  /** Unzipped bytes of any one entry (a 50,000-row sheet is well under this). */
  entryBytes: 64 * 1024 * 1024,
  /** Unzipped bytes of all entries together. */
  totalBytes: 128 * 1024 * 1024,
  /** Rows in the first worksheet, the header included. */
  rows: 50_001,
} as const;

/** A ledger file that is larger than the limits allow. */
export class LedgerFileTooLarge extends Error {
  constructor(readonly what: 'entries' | 'entryBytes' | 'totalBytes' | 'rows') {
    super(`ledger file over the ${what} limit`);
  }
}

/**
 * Unzips an XLSX, counting as it inflates: stops at the first entry or total over the limits, whatever
 * the zip's headers claim.
 */
function boundedUnzip(bytes: Uint8Array): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  let entries = 0;
  let total = 0;
  let over: LedgerFileTooLarge | null = null;
  const unzip = new Unzip((file) => {
    if (over) {
      return;
    }
    if (++entries > XLSX_LIMITS.entries) {
      over = new LedgerFileTooLarge('entries');
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (err) {
        throw err;
      }
      if (over) {
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > XLSX_LIMITS.entryBytes || total > XLSX_LIMITS.totalBytes) {
        over = new LedgerFileTooLarge(size > XLSX_LIMITS.entryBytes ? 'entryBytes' : 'totalBytes');
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        const whole = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          whole.set(c, at);
          at += c.length;
        }
        files[file.name] = whole;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.push(bytes, true);
  if (over) {
    throw over as LedgerFileTooLarge;
  }
  return files;
}

/** An Excel serial day number as an ISO date (1900 date system, as Excel writes it). */
export function excelSerialDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** One cell as text: numbers as typed, a date cell as '#serial' (so typed digits are not taken for dates). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    return `#${Math.round((value.getTime() - EXCEL_EPOCH) / 86_400_000)}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) {
      return value.richText.map((r) => r.text).join('');
    }
    if ('formula' in value || 'sharedFormula' in value) {
      return cellText((value as ExcelJS.CellFormulaValue).result);
    }
    if ('text' in value) {
      return String(value.text);
    }
    if ('error' in value) {
      return '';
    }
  }
  return String(value);
}

/**
 * The first worksheet of an XLSX file, read with exceljs from a zip unpacked under XLSX_LIMITS.
 * Numbers stay as their text; a date cell is a serial number marked with a leading '#'.
 */
export async function parseXlsx(bytes: Uint8Array): Promise<Sheet> {
  const files = boundedUnzip(bytes);
  if (!files['xl/workbook.xml']) {
    throw new Error('not a workbook');
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(zipSync(files, { level: 0 }) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) {
    throw new Error('no worksheet');
  }
  if (ws.rowCount > XLSX_LIMITS.rows) {
    throw new LedgerFileTooLarge('rows');
  }
  const rows: Sheet = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      while (cells.length < col - 1) {
        cells.push('');
      }
      cells[col - 1] = cellText(cell.value);
    });
    rows.push(cells);
  });
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/**
 * A CSV file's text: UTF-8 (with or without BOM) when it is valid UTF-8, otherwise GB18030, the superset
 * of the GBK that older Excel writes for Chinese.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  }
}
