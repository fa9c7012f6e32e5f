/**
 * The document set of docs/domain-rules.md "Documents". Each kind has a title, a number series (the
 * character in its document number, e.g. 答 in 示范区政府依申答〔2026〕0003号) and the editable slots
 * an agency may word for itself. Everything else in a template is locked legal wording.
 */
export const LETTER_KINDS = [
  'application_form',
  'acknowledgement',
  'correction_notice',
  'art35_reasons',
  'art35_deadline',
  'extension_notice',
  'third_party_consultation',
  'third_party_disclosure_notice',
  'inter_agency_consultation',
  'assistance_letter',
  'fee_notice',
  'reply_disclose',
  'reply_withhold',
  'reply_unavailable',
  'reply_not_processed',
  'termination_notice',
  'service_receipt',
  'joint_consultation_minutes',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface LetterKindInfo {
  title: string;
  series: string;
  /** Slots the agency may override, with the system's default wording. */
  slots: Record<string, string>;
}

const CONTACT = '如有疑问，请与本机关政府信息公开工作机构联系。';

export const LETTER_KIND_INFO: Record<LetterKind, LetterKindInfo> = {
  application_form: { title: '政府信息公开申请登记表', series: '登', slots: {} },
  acknowledgement: {
    title: '政府信息公开申请接收回执',
    series: '收',
    slots: { contact: '您可以通过本机关政府信息公开申请平台查询办理进度。' },
  },
  correction_notice: {
    title: '政府信息公开申请补正告知书',
    series: '补',
    slots: {
      contact: CONTACT,
      howToCorrect: '您可以通过政府信息公开申请平台在线提交补正材料，或者邮寄、当面提交至本机关。',
    },
  },
  art35_reasons: {
    title: '政府信息公开申请说明理由告知书',
    series: '说',
    slots: { contact: CONTACT },
  },
  art35_deadline: { title: '政府信息公开申请答复期限告知书', series: '期', slots: { contact: CONTACT } },
  extension_notice: { title: '政府信息公开申请延期答复告知书', series: '延', slots: { contact: CONTACT } },
  third_party_consultation: {
    title: '政府信息公开征求第三方意见书',
    series: '征',
    slots: { contact: '请将书面意见寄送或者送达本机关政府信息公开工作机构。' },
  },
  third_party_disclosure_notice: {
    title: '政府信息公开第三方意见处理告知书',
    series: '征',
    slots: { contact: CONTACT },
  },
  inter_agency_consultation: {
    title: '政府信息公开征求意见函',
    series: '函',
    slots: { contact: '请将书面意见函复本机关政府信息公开工作机构。' },
  },
  assistance_letter: {
    title: '政府信息公开申请协办函',
    series: '协',
    slots: { contact: '请于收到本函之日起5个工作日内将协查结果反馈本机关政府信息公开工作机构。' },
  },
  fee_notice: {
    title: '政府信息公开信息处理费收费通知书',
    series: '费',
    slots: {
      howToPay: '请通过政府信息公开申请平台在线缴纳，或者持本通知书到本机关政府信息公开工作机构缴纳。',
      contact: CONTACT,
    },
  },
  reply_disclose: { title: '政府信息公开申请答复告知书', series: '答', slots: { contact: CONTACT } },
  reply_withhold: { title: '政府信息公开申请答复告知书', series: '答', slots: { contact: CONTACT } },
  reply_unavailable: { title: '政府信息公开申请答复告知书', series: '答', slots: { contact: CONTACT } },
  reply_not_processed: { title: '政府信息公开申请答复告知书', series: '答', slots: { contact: CONTACT } },
  termination_notice: { title: '政府信息公开申请终止处理告知书', series: '终', slots: { contact: CONTACT } },
  service_receipt: { title: '送达回证', series: '送', slots: {} },
  joint_consultation_minutes: { title: '政府信息公开申请会商纪要', series: '商', slots: {} },
};

export function isLetterKind(value: unknown): value is LetterKind {
  return typeof value === 'string' && (LETTER_KINDS as readonly string[]).includes(value);
}
