import {
  REMEDY_KINDS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  TABLE4_COLUMN_LABELS,
  Table3Row,
  Table4,
} from '@gongkai/domain';

/** One cell of a printed table: its top-left position, spans and value. */
export interface GridCell {
  r: number;
  c: number;
  rs: number;
  cs: number;
  v: string | number;
  head: boolean;
}

export interface Grid {
  rows: number;
  cols: number;
  cells: GridCell[];
}

/** The columns Table 3's row labels take before the seven applicant columns. */
export const LABEL_COLS = 3;

/**
 * Table 3 in the official layout: the merged corner note, the 申请人情况 header over the seven columns
 * (法人或其他组织 over five), and the row labels merged where neighbouring rows share a section.
 */
export function table3Grid(rows: readonly Table3Row[]): Grid {
  const cells: GridCell[] = [];
  const head = (r: number, c: number, rs: number, cs: number, v: string) =>
    cells.push({ r, c, rs, cs, v, head: true });
  head(0, 0, 3, LABEL_COLS, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
  head(0, 3, 1, 7, '申请人情况');
  head(1, 3, 2, 1, TABLE3_COLUMN_LABELS.natural_person);
  head(1, 4, 1, 5, '法人或其他组织');
  head(1, 9, 2, 1, TABLE3_COLUMN_LABELS.total);
  TABLE3_COLUMNS.slice(1, 6).forEach((column, i) => head(2, 4 + i, 1, 1, TABLE3_COLUMN_LABELS[column]));
  const top = 3;
  const key = (row: Table3Row, depth: number) => row.labels.slice(0, depth + 1).join('\u0000');
  rows.forEach((row, i) => {
    row.labels.forEach((label, depth) => {
      if (i > 0 && rows[i - 1].labels.length > depth && key(rows[i - 1], depth) === key(row, depth)) {
        return; // merged into the cell above
      }
      let span = 1;
      while (
        i + span < rows.length &&
        rows[i + span].labels.length > depth &&
        key(rows[i + span], depth) === key(row, depth)
      ) {
        span++;
      }
      const last = depth === row.labels.length - 1;
      head(top + i, depth, span, last ? LABEL_COLS - depth : 1, label);
    });
    TABLE3_COLUMNS.forEach((column, j) =>
      cells.push({ r: top + i, c: LABEL_COLS + j, rs: 1, cs: 1, v: row.values[column], head: false }),
    );
  });
  return { rows: top + rows.length, cols: LABEL_COLS + TABLE3_COLUMNS.length, cells };
}

/** Table 4: 行政复议 (five columns), then 行政诉讼 with its two blocks of five. */
export function table4Grid(table: Table4): Grid {
  const cells: GridCell[] = [];
  const head = (r: number, c: number, rs: number, cs: number, v: string) =>
    cells.push({ r, c, rs, cs, v, head: true });
  head(0, 0, 1, 5, '行政复议');
  head(0, 5, 1, 10, '行政诉讼');
  TABLE4_COLUMNS.forEach((column, i) => head(1, i, 2, 1, TABLE4_COLUMN_LABELS[column]));
  head(1, 5, 1, 5, '未经复议直接起诉');
  head(1, 10, 1, 5, '复议后起诉');
  for (const block of [1, 2]) {
    TABLE4_COLUMNS.forEach((column, i) => head(2, block * 5 + i, 1, 1, TABLE4_COLUMN_LABELS[column]));
  }
  REMEDY_KINDS.forEach((kind, block) =>
    TABLE4_COLUMNS.forEach((column, i) =>
      cells.push({ r: 3, c: block * 5 + i, rs: 1, cs: 1, v: table[kind][column], head: false }),
    ),
  );
  return { rows: 4, cols: 15, cells };
}

/** The grid as rows of cells, skipping the positions a merged cell covers (for HTML). */
export function gridRows(grid: Grid): GridCell[][] {
  const out: GridCell[][] = Array.from({ length: grid.rows }, () => []);
  for (const cell of [...grid.cells].sort((a, b) => a.r - b.r || a.c - b.c)) {
    out[cell.r].push(cell);
  }
  return out;
}
