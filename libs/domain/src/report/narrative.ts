import { APPLICANT_TYPES, APPLICANT_TYPE_LABELS } from '../requests/applicant';
import { Table3Row } from './table3';

export interface NarrativeInput {
  subject: string;
  year: number;
  rows: readonly Table3Row[];
  /** Last year's 一 (new requests), when known. */
  lastYearNew: number | null;
  /** The year's most frequent topics, most first. */
  topics: readonly { topic: string; n: number }[];
}

function share(n: number, of: number): string {
  return of === 0 ? '0%' : `${((n * 100) / of).toFixed(1)}%`;
}

/** 不予公开（属于国家秘密）: the row's labels without numbering or the form's notes. */
function shortLabel(row: Table3Row): string {
  const [sub, leaf] = row.labels
    .slice(1)
    .map((l) => l.replace(/^（.）|^\d+\./, '').replace(/（区分处理.*）$/, ''));
  return leaf ? `${sub}（${leaf}）` : sub;
}

/**
 * The paragraph under section 三, in the style agencies publish: what came in and how it compares
 * with last year, who applied, the main topics, then each disposition's count and share.
 */
export function table3Narrative(input: NarrativeInput): string {
  const row = (key: string) => input.rows.find((r) => r.key === key || r.kind === key)!;
  const received = row('new').values.total;
  const parts: string[] = [];
  let opening = `${input.year}年，${input.subject}共收到政府信息公开申请${received}件`;
  if (input.lastYearNew !== null) {
    const diff = received - input.lastYearNew;
    opening +=
      diff === 0
        ? '，与上年持平'
        : `，较上年${diff > 0 ? '增加' : '减少'}${Math.abs(diff)}件` +
          (input.lastYearNew > 0
            ? `（${diff > 0 ? '增长' : '下降'}${share(Math.abs(diff), input.lastYearNew)}）`
            : '');
  }
  const over = row('carried_over').values.total;
  parts.push(`${opening}${over > 0 ? `，上年结转${over}件` : ''}。`);
  const applicants = APPLICANT_TYPES.filter((t) => row('new').values[t] > 0).map(
    (t) =>
      `${t === 'natural_person' ? '自然人' : `${APPLICANT_TYPE_LABELS[t]}`}申请${row('new').values[t]}件`,
  );
  if (applicants.length > 0) {
    parts.push(`其中${applicants.join('，')}。`);
  }
  if (input.topics.length > 0) {
    parts.push(`申请内容主要涉及${input.topics.map((t) => `${t.topic}（${t.n}件）`).join('、')}等方面。`);
  }
  const concluded = row('total').values.total;
  const results = input.rows
    .filter((r) => r.kind === 'result' && r.values.total > 0)
    .map((r) => `${shortLabel(r)}${r.values.total}件，占${share(r.values.total, concluded)}`);
  parts.push(
    `本年度办结${concluded}件${results.length > 0 ? `，其中${results.join('；')}` : ''}；结转下年度继续办理${row('carried_forward').values.total}件。`,
  );
  return parts.join('');
}
