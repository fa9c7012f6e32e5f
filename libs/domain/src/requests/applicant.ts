/** Applicant types: the columns of Table 3 (docs/domain-rules.md C1–C6). */
export const APPLICANT_TYPES = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'public_welfare_org',
  'legal_service_org',
  'other_org',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural_person: '自然人',
  commercial_enterprise: '商业企业',
  research_institution: '科研机构',
  public_welfare_org: '社会公益组织',
  legal_service_org: '法律服务机构',
  other_org: '其他组织',
};

export function isOrganization(type: ApplicantType): boolean {
  return type !== 'natural_person';
}

/** Identity documents of natural persons (Art. 29 ¶1(1) "proof of identity"). */
export const ID_DOCUMENT_TYPES = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent_residence',
  'other',
] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export const ID_DOCUMENT_TYPE_LABELS: Record<IdDocumentType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent_residence: '外国人永久居留身份证',
  other: '其他有效身份证件',
};

/** How an application reached the agency (Art. 31 receipt rules differ by channel). */
export const INTAKE_CHANNELS = [
  'online',
  'in_person',
  'registered_post',
  'ordinary_mail',
  'email',
  'fax',
] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const INTAKE_CHANNEL_LABELS: Record<IntakeChannel, string> = {
  online: '网上申请',
  in_person: '当面递交',
  registered_post: '挂号信/快递',
  ordinary_mail: '平信',
  email: '电子邮件',
  fax: '传真',
};

/** Art. 29 ¶1(3) and Art. 40: the form wanted … */
export const FORMS_OF_PROVISION = ['paper', 'electronic', 'inspection'] as const;
export type FormOfProvision = (typeof FORMS_OF_PROVISION)[number];
export const FORM_OF_PROVISION_LABELS: Record<FormOfProvision, string> = {
  paper: '纸质',
  electronic: '电子数据',
  inspection: '当场查阅',
};

/** … and how to receive it. */
export const DELIVERY_CHANNELS = ['online', 'email', 'post', 'in_person'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_CHANNEL_LABELS: Record<DeliveryChannel, string> = {
  online: '网上获取',
  email: '电子邮件',
  post: '邮寄',
  in_person: '当面领取',
};
