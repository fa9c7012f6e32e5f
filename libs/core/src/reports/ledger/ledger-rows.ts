import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  DISPOSITION_CODES,
  DISPOSITION_INFO,
  TABLE3_2021,
  isDispositionCode,
} from '@gongkai/domain';
import type { ApplicantType, DispositionCode } from '@gongkai/domain';
import { excelSerialDate } from './ledger-file';

/** The ledger's columns and the header names accepted for each (README "Ledger import"). */
export const LEDGER_COLUMNS = {
  number: ['number', '申请编号', '编号'],
  receivedOn: ['received_on', 'receipt_date', '收到申请日期', '收到日期'],
  applicantType: ['applicant_type', '申请人类型'],
  concludedOn: ['concluded_on', 'conclusion_date', '办结日期', '答复日期'],
  disposition: ['disposition', 'disposition_code', '处理结果', '办理结果'],
  topic: ['topic', '主题'],
} as const;
export type LedgerField = keyof typeof LEDGER_COLUMNS;

export interface LedgerRow {
  rowNo: number;
  number: string;
  receivedOn: string;
  applicantType: ApplicantType;
  concludedOn: string;
  disposition: DispositionCode;
  topic: string | null;
}

export interface LedgerProblem {
  row: number;
  field: LedgerField | 'file';
  code: string;
  message: string;
}

const norm = (s: string) => s.replace(/[\s·・\-—_/：:、（）()“”"]/g, '').toLowerCase();

const APPLICANT_BY_LABEL = new Map<string, ApplicantType>([
  ...APPLICANT_TYPES.map((t) => [norm(t), t] as const),
  ...APPLICANT_TYPES.map((t) => [norm(APPLICANT_TYPE_LABELS[t]), t] as const),
  [norm('其他'), 'other_org'],
  [norm('法人或其他组织其他'), 'other_org'],
]);

/** A code from its code, its Table 3 label (with or without the group), or its leaf label if unique. */
const DISPOSITION_BY_LABEL: Map<string, DispositionCode> = (() => {
  const map = new Map<string, DispositionCode>();
  const leafCount = new Map<string, number>();
  const leaves: [string, DispositionCode][] = [];
  for (const code of DISPOSITION_CODES) {
    map.set(norm(code), code);
    map.set(norm(DISPOSITION_INFO[code].label), code);
    const leaf = DISPOSITION_INFO[code].label.split('·').pop()!;
    leaves.push([norm(leaf), code]);
    leafCount.set(norm(leaf), (leafCount.get(norm(leaf)) ?? 0) + 1);
  }
  for (const row of TABLE3_2021.rows) {
    if (row.codes?.length === 1) {
      map.set(
        norm(
          row.labels
            .slice(1)
            .join('')
            .replace(/^（.）|\d+\./g, ''),
        ),
        row.codes[0],
      );
    }
  }
  for (const [leaf, code] of leaves) {
    if (leafCount.get(leaf) === 1 && !map.has(leaf)) {
      map.set(leaf, code);
    }
  }
  return map;
})();

/** ISO, 2025/3/3, 2025.3.3, 2025年3月3日, or an Excel date serial ('#45678' from the XLSX reader). */
export function parseLedgerDate(text: string): string | null {
  const t = text.trim();
  if (/^#\d+(\.\d+)?$/.test(t)) {
    return excelSerialDate(Number(t.slice(1)));
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (!m) {
    return null;
  }
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The 2008 regulations took effect on 1 May 2008: no ledger row is older. */
const EARLIEST = '2008-05-01';

/**
 * Checks every row of a ledger (P9) and answers the rows it accepts and every problem, by row and
 * field. Only concluded requests are imported; a pending one is registered with its true receipt date.
 */
export function readLedger(
  sheet: string[][],
  today: string,
): { rows: LedgerRow[]; problems: LedgerProblem[] } {
  const problems: LedgerProblem[] = [];
  const [header, ...data] = sheet;
  const index = {} as Record<LedgerField, number>;
  for (const field of Object.keys(LEDGER_COLUMNS) as LedgerField[]) {
    const names: readonly string[] = LEDGER_COLUMNS[field].map(norm);
    index[field] = (header ?? []).findIndex((h) => names.includes(norm(h)));
    if (index[field] < 0 && field !== 'topic') {
      problems.push({
        row: 0,
        field,
        code: 'column.missing',
        message: `缺少“${LEDGER_COLUMNS[field][1]}”列`,
      });
    }
  }
  if (problems.length > 0) {
    return { rows: [], problems };
  }
  if (data.length === 0) {
    return { rows: [], problems: [{ row: 0, field: 'file', code: 'file.empty', message: '文件没有数据行' }] };
  }
  const seen = new Set<string>();
  const rows: LedgerRow[] = [];
  data.forEach((cells, i) => {
    const rowNo = i + 1;
    const at = (f: LedgerField) => (index[f] >= 0 ? (cells[index[f]] ?? '').trim() : '');
    const bad = (field: LedgerField, code: string, message: string) => {
      problems.push({ row: rowNo, field, code, message });
      return null;
    };
    const number = at('number') || bad('number', 'number.required', '申请编号不能为空');
    if (number && seen.has(number)) {
      bad('number', 'number.duplicateInFile', '申请编号在文件中重复');
    } else if (number && number.length > 100) {
      bad('number', 'number.tooLong', '申请编号过长');
    }
    if (number) {
      seen.add(number);
    }
    const date = (field: 'receivedOn' | 'concludedOn', label: string) => {
      const text = at(field);
      if (!text) {
        return bad(
          field,
          `${field}.required`,
          field === 'concludedOn' ? '办结日期不能为空（尚未办结的申请请通过登记录入）' : `${label}不能为空`,
        );
      }
      const iso = parseLedgerDate(text);
      if (!iso) {
        return bad(field, `${field}.invalid`, `${label}格式有误（如 2025-03-03）`);
      }
      if (iso > today || iso < EARLIEST) {
        return bad(field, `${field}.outOfRange`, `${label}须在 ${EARLIEST} 至今天之间`);
      }
      return iso;
    };
    const receivedOn = date('receivedOn', '收到申请日期');
    const concludedOn = date('concludedOn', '办结日期');
    if (receivedOn && concludedOn && concludedOn < receivedOn) {
      bad('concludedOn', 'concludedOn.beforeReceipt', '办结日期不能早于收到申请日期');
    }
    const applicantText = at('applicantType');
    const applicantType =
      APPLICANT_BY_LABEL.get(norm(applicantText)) ??
      bad('applicantType', 'applicantType.unknown', `申请人类型“${applicantText}”不是表三的六类之一`);
    const dispositionText = at('disposition');
    const disposition =
      (isDispositionCode(dispositionText)
        ? dispositionText
        : DISPOSITION_BY_LABEL.get(norm(dispositionText))) ??
      bad('disposition', 'disposition.unknown', `处理结果“${dispositionText}”不是表三的处理结果之一`);
    const topic = at('topic') || null;
    if (topic && topic.length > 50) {
      bad('topic', 'topic.tooLong', '主题不超过 50 个字');
    }
    if (
      number &&
      receivedOn &&
      concludedOn &&
      applicantType &&
      disposition &&
      problems.every((p) => p.row !== rowNo)
    ) {
      rows.push({ rowNo, number, receivedOn, applicantType, concludedOn, disposition, topic });
    }
  });
  return { rows, problems };
}
