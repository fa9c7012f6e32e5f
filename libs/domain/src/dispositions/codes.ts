/**
 * The 24 disposition codes of Table 3 (docs/domain-rules.md), in table order. They are the public
 * contract of the API: a reply, a ledger import and the report all use them. Never rename one.
 */
export const DISPOSITION_CODES = [
  'disclose.full',
  'disclose.partial',
  'withhold.state_secret',
  'withhold.law_prohibited',
  'withhold.three_safety_one_stability',
  'withhold.third_party_rights',
  'withhold.internal_affairs',
  'withhold.process_info',
  'withhold.enforcement_file',
  'withhold.administrative_query',
  'unavailable.not_held',
  'unavailable.needs_creation',
  'unavailable.unclear_after_correction',
  'not_processed.petition_complaint',
  'not_processed.repeat',
  'not_processed.publication',
  'not_processed.excessive',
  'not_processed.confirm_or_reissue',
  'other.no_correction',
  'other.fee_unpaid',
  'other.other',
] as const;
export type DispositionCode = (typeof DISPOSITION_CODES)[number];

export const DISPOSITION_GROUPS = ['disclose', 'withhold', 'unavailable', 'not_processed', 'other'] as const;
export type DispositionGroup = (typeof DISPOSITION_GROUPS)[number];

export function groupOf(code: DispositionCode): DispositionGroup {
  return code.slice(0, code.indexOf('.')) as DispositionGroup;
}

export function isDispositionCode(value: unknown): value is DispositionCode {
  return typeof value === 'string' && (DISPOSITION_CODES as readonly string[]).includes(value);
}

/** Codes a reply letter concludes with (the `other.*` codes end a request without a reply). */
export const REPLY_CODES = DISPOSITION_CODES.filter((c) => groupOf(c) !== 'other');
export type ReplyCode = Exclude<DispositionCode, `other.${string}`>;

export function isReplyCode(value: unknown): value is ReplyCode {
  return isDispositionCode(value) && groupOf(value) !== 'other';
}

/** Codes a termination concludes with (Art. 30, 109号, withdrawal and other endings). */
export const TERMINATION_CODES = ['other.no_correction', 'other.fee_unpaid', 'other.other'] as const;
export type TerminationCode = (typeof TERMINATION_CODES)[number];

interface CodeInfo {
  /** The row label of Table 3 (2021 format). */
  label: string;
  /** The article the reply rests on (docs/domain-rules.md "The kinds of reply"), as cited in letters. */
  basis: string;
}

export const DISPOSITION_INFO: Record<DispositionCode, CodeInfo> = {
  'disclose.full': { label: '予以公开', basis: '《中华人民共和国政府信息公开条例》第三十六条第一项、第二项' },
  'disclose.partial': { label: '部分公开', basis: '《中华人民共和国政府信息公开条例》第三十七条' },
  'withhold.state_secret': {
    label: '不予公开·属于国家秘密',
    basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项',
  },
  'withhold.law_prohibited': {
    label: '不予公开·其他法律行政法规禁止公开',
    basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项',
  },
  'withhold.three_safety_one_stability': {
    label: '不予公开·危及“三安全一稳定”',
    basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项',
  },
  'withhold.third_party_rights': {
    label: '不予公开·保护第三方合法权益',
    basis: '《中华人民共和国政府信息公开条例》第十五条、第三十六条第三项',
  },
  'withhold.internal_affairs': {
    label: '不予公开·属于三类内部事务信息',
    basis: '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第三项',
  },
  'withhold.process_info': {
    label: '不予公开·属于四类过程性信息',
    basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第三项',
  },
  'withhold.enforcement_file': {
    label: '不予公开·属于行政执法案卷',
    basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第三项',
  },
  'withhold.administrative_query': {
    label: '不予公开·属于行政查询事项',
    basis: '《中华人民共和国政府信息公开条例》第三十六条第七项',
  },
  'unavailable.not_held': {
    label: '无法提供·本机关不掌握相关政府信息',
    basis: '《中华人民共和国政府信息公开条例》第三十六条第四项、第五项',
  },
  'unavailable.needs_creation': {
    label: '无法提供·没有现成信息需要另行制作',
    basis: '《中华人民共和国政府信息公开条例》第三十八条',
  },
  'unavailable.unclear_after_correction': {
    label: '无法提供·补正后申请内容仍不明确',
    basis: '《中华人民共和国政府信息公开条例》第三十条',
  },
  'not_processed.petition_complaint': {
    label: '不予处理·信访举报投诉类申请',
    basis: '《中华人民共和国政府信息公开条例》第三十九条第一款',
  },
  'not_processed.repeat': {
    label: '不予处理·重复申请',
    basis: '《中华人民共和国政府信息公开条例》第三十六条第六项',
  },
  'not_processed.publication': {
    label: '不予处理·要求提供公开出版物',
    basis: '《中华人民共和国政府信息公开条例》第三十九条第二款',
  },
  'not_processed.excessive': {
    label: '不予处理·无正当理由大量反复申请',
    basis: '《中华人民共和国政府信息公开条例》第三十五条',
  },
  'not_processed.confirm_or_reissue': {
    label: '不予处理·要求行政机关确认或重新出具已获取信息',
    basis: '《中华人民共和国政府信息公开条例》第三十六条、第三十九条',
  },
  'other.no_correction': {
    label: '其他处理·申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    basis: '《中华人民共和国政府信息公开条例》第三十条',
  },
  'other.fee_unpaid': {
    label: '其他处理·申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    basis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
  },
  'other.other': { label: '其他处理·其他', basis: '《中华人民共和国政府信息公开条例》' },
};

/** A refusal to disclose (docs/domain-rules.md "Remedies"): all of withhold.*, and the withheld part of a partial reply. */
export function isRefusal(code: DispositionCode): boolean {
  return groupOf(code) === 'withhold' || code === 'disclose.partial';
}
