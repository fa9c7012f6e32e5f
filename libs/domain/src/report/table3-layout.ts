import { APPLICANT_TYPES, APPLICANT_TYPE_LABELS, ApplicantType } from '../requests/applicant';
import { DispositionCode } from '../dispositions/codes';

/** The columns of Table 3 (docs/domain-rules.md C1–C7): the six applicant types, then the total. */
export const TABLE3_COLUMNS = [...APPLICANT_TYPES, 'total'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];

export const TABLE3_COLUMN_LABELS: Record<Table3Column, string> = {
  ...APPLICANT_TYPE_LABELS,
  other_org: '其他',
  total: '总计',
};

/** What a row counts: the year's new requests, those carried over, a conclusion, or those carried forward. */
export type Table3RowKind = 'new' | 'carried_over' | 'result' | 'total' | 'carried_forward';

/**
 * One row of a Table 3 layout. `labels` are the row's header cells from the outside in (section,
 * sub-section, leaf); equal neighbouring labels merge into one cell in the printed layouts.
 */
export interface Table3LayoutRow {
  key: string;
  kind: Table3RowKind;
  /** The official row reference, e.g. 三（三）1. */
  ref: string;
  labels: string[];
  /** For result rows: the disposition codes summed. */
  codes?: readonly DispositionCode[];
}

export interface Table3Layout {
  format: '2019' | '2021';
  /** The notice that set the format. */
  source: string;
  title: string;
  /** The merged top-left header cell. */
  corner: string;
  rows: Table3LayoutRow[];
}

const RESULTS = '三、本年度办理结果';
const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

function result(
  sub: number,
  subLabel: string,
  leaves: [DispositionCode, string][] | DispositionCode,
): Table3LayoutRow[] {
  const section = `（${CN_NUMERALS[sub - 1]}）${subLabel}`;
  if (typeof leaves === 'string') {
    return [
      {
        key: leaves,
        kind: 'result',
        ref: `三${section.slice(0, 3)}`,
        labels: [RESULTS, section],
        codes: [leaves],
      },
    ];
  }
  return leaves.map(([code, label], i) => ({
    key: code,
    kind: 'result' as const,
    ref: `三${section.slice(0, 3)}${i + 1}`,
    labels: [RESULTS, section, `${i + 1}.${label}`],
    codes: [code],
  }));
}

const HEAD: Table3LayoutRow[] = [
  { key: 'new', kind: 'new', ref: '一', labels: ['一、本年新收政府信息公开申请数量'] },
  { key: 'carried_over', kind: 'carried_over', ref: '二', labels: ['二、上年结转政府信息公开申请数量'] },
];

const COMMON_RESULTS: Table3LayoutRow[] = [
  ...result(1, '予以公开', 'disclose.full'),
  ...result(2, '部分公开（区分处理的，只计这一情形，不计其他情形）', 'disclose.partial'),
  ...result(3, '不予公开', [
    ['withhold.state_secret', '属于国家秘密'],
    ['withhold.law_prohibited', '其他法律行政法规禁止公开'],
    ['withhold.three_safety_one_stability', '危及“三安全一稳定”'],
    ['withhold.third_party_rights', '保护第三方合法权益'],
    ['withhold.internal_affairs', '属于三类内部事务信息'],
    ['withhold.process_info', '属于四类过程性信息'],
    ['withhold.enforcement_file', '属于行政执法案卷'],
    ['withhold.administrative_query', '属于行政查询事项'],
  ]),
  ...result(4, '无法提供', [
    ['unavailable.not_held', '本机关不掌握相关政府信息'],
    ['unavailable.needs_creation', '没有现成信息需要另行制作'],
    ['unavailable.unclear_after_correction', '补正后申请内容仍不明确'],
  ]),
  ...result(5, '不予处理', [
    ['not_processed.petition_complaint', '信访举报投诉类申请'],
    ['not_processed.repeat', '重复申请'],
    ['not_processed.publication', '要求提供公开出版物'],
    ['not_processed.excessive', '无正当理由大量反复申请'],
    ['not_processed.confirm_or_reissue', '要求行政机关确认或重新出具已获取信息'],
  ]),
];

const TAIL: Table3LayoutRow[] = [
  { key: 'total', kind: 'total', ref: '三（七）', labels: [RESULTS, '（七）总计'] },
  { key: 'carried_forward', kind: 'carried_forward', ref: '四', labels: ['四、结转下年度继续办理'] },
];

const CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const TITLE = '收到和处理政府信息公开申请情况';

/** 国办公开办函〔2021〕30号: report years 2021 on. */
export const TABLE3_2021: Table3Layout = {
  format: '2021',
  source: '国办公开办函〔2021〕30号',
  title: TITLE,
  corner: CORNER,
  rows: [
    ...HEAD,
    ...COMMON_RESULTS,
    ...result(6, '其他处理', [
      ['other.no_correction', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
      ['other.fee_unpaid', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
      ['other.other', '其他'],
    ]),
    ...TAIL,
  ],
};

/** 国办公开办函〔2019〕60号 (trial): report years 2019–2020; 其他处理 is one row. */
export const TABLE3_2019: Table3Layout = {
  format: '2019',
  source: '国办公开办函〔2019〕60号',
  title: TITLE,
  corner: CORNER,
  rows: [
    ...HEAD,
    ...COMMON_RESULTS,
    {
      key: 'other',
      kind: 'result',
      ref: '三（六）',
      labels: [RESULTS, '（六）其他处理'],
      codes: ['other.no_correction', 'other.fee_unpaid', 'other.other'],
    },
    ...TAIL,
  ],
};

export const TABLE3_LAYOUTS = { '2019': TABLE3_2019, '2021': TABLE3_2021 } as const;
export type Table3Format = keyof typeof TABLE3_LAYOUTS;

/** The first report year of the 2019 regulations; earlier years have no Table 3 in this form. */
export const FIRST_REPORT_YEAR = 2019;

export function table3FormatFor(year: number): Table3Format {
  return year <= 2020 ? '2019' : '2021';
}

/** Every code is summed by exactly one result row of each layout (checked by a unit test). */
export function codesOf(layout: Table3Layout): DispositionCode[] {
  return layout.rows.flatMap((r) => r.codes ?? []);
}

export function isApplicantColumn(value: string): value is ApplicantType {
  return (APPLICANT_TYPES as readonly string[]).includes(value);
}
