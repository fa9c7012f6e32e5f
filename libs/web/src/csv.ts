/** A CSV cell: quoted, objects as JSON, and never read as a formula by a spreadsheet. */
export function csvCell(v: unknown): string {
  let s = '';
  if (typeof v === 'string') {
    s = v;
  } else if (typeof v === 'number' || typeof v === 'boolean') {
    s = String(v);
  } else if (v !== null && v !== undefined) {
    s = JSON.stringify(v);
  }
  if (/^[=+\-@\t\r]/.test(s)) {
    s = `'${s}`;
  }
  return `"${s.replace(/"/g, '""')}"`;
}

/** A CSV file as spreadsheet programs read Chinese: UTF-8 with BOM, CRLF lines. */
export function csvFile(rows: unknown[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
