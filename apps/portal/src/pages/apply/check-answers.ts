import {
  APPLICANT_TYPE_LABELS,
  DELIVERY_CHANNEL_LABELS,
  FORM_OF_PROVISION_LABELS,
  isOrganization,
  maskIdNumber,
} from '@gongkai/domain';
import type { AgencyEntity } from '@gongkai/core/agencies';
import { ApplicationDraft, FILE_KIND_LABELS, ID_TYPE_LABELS } from './application-form';

/**
 * The version of the personal-information notice below (PIPL Art. 17). It is recorded with every
 * application; change it whenever the wording changes.
 */
export const PRIVACY_NOTICE_VERSION = 'portal-2026-12';

const RETENTION_WORDS: Record<AgencyEntity['retentionClass'], string> = {
  permanent: '永久',
  '30y': '30 年',
  '10y': '10 年',
};

/** The PIPL Art. 17 notice for one agency: who processes what, why, for how long, who sees it, how to correct it. */
export function privacyNotice(agency: AgencyEntity) {
  return {
    processor: agency.name,
    contact: [agency.address, agency.phone && `电话 ${agency.phone}`, agency.email && `邮箱 ${agency.email}`]
      .filter(Boolean)
      .join('，'),
    retention: RETENTION_WORDS[agency.retentionClass],
  };
}

interface Row {
  key: string;
  value: string;
  change?: string;
}

const change = (step: string) => `/apply/${step}?change=1`;

/** The answers grouped as the steps asked them, each with a link back to change it. */
export function checkAnswers(d: ApplicationDraft, agencyName: string): { title: string; rows: Row[] }[] {
  const org = d.applicantType ? isOrganization(d.applicantType) : false;
  const idType = (t: string) => ID_TYPE_LABELS[t as keyof typeof ID_TYPE_LABELS] ?? '';
  const applicant: Row[] = [
    {
      key: '申请人类型',
      value: d.applicantType ? APPLICANT_TYPE_LABELS[d.applicantType] : '',
      change: change('applicant-type'),
    },
    { key: org ? '名称' : '姓名', value: d.applicant.name, change: change('identity') },
    ...(org
      ? [
          { key: '统一社会信用代码', value: d.applicant.creditCode, change: change('identity') },
          { key: '联系人', value: d.applicant.contactPerson, change: change('identity') },
        ]
      : [
          {
            key: '身份证件',
            value: d.applicant.idNumber
              ? `${idType(d.applicant.idType)} ${maskIdNumber(d.applicant.idNumber)}`
              : '',
            change: change('identity'),
          },
        ]),
  ];
  const contact: Row[] = [
    { key: '联系电话', value: d.phone, change: change('contact') },
    { key: '电子邮箱', value: d.email, change: change('contact') },
    {
      key: '通信地址',
      value: [d.address, d.postalCode].filter(Boolean).join('　邮编 '),
      change: change('contact'),
    },
  ];
  const agent: Row[] =
    d.hasAgent === 'yes'
      ? [
          { key: '代理人', value: d.agent.name, change: change('agent') },
          {
            key: '代理人证件',
            value: d.agent.idNumber ? `${idType(d.agent.idType)} ${maskIdNumber(d.agent.idNumber)}` : '',
            change: change('agent'),
          },
          { key: '代理人电话', value: d.agent.phone, change: change('agent') },
        ]
      : [{ key: '代理人', value: '本人申请，未委托代理人', change: change('agent') }];
  const items: Row[] = d.items
    .filter((i) => i.description || i.documentNumber)
    .map((i, n) => ({
      key: `第 ${n + 1} 项`,
      value: [i.description, i.documentNumber && `文号：${i.documentNumber}`].filter(Boolean).join('\n'),
      change: change('items'),
    }));
  const delivery: Row[] = [
    {
      key: '提供形式',
      value: d.formOfProvision ? FORM_OF_PROVISION_LABELS[d.formOfProvision] : '',
      change: change('delivery'),
    },
    {
      key: '获取方式',
      value: d.deliveryChannel ? DELIVERY_CHANNEL_LABELS[d.deliveryChannel] : '',
      change: change('delivery'),
    },
    {
      key: '其他形式',
      value: d.acceptOtherForms ? '无法按所选形式提供时，同意以其他适当形式提供' : '仅接受所选形式',
      change: change('delivery'),
    },
  ];
  const files: Row[] = d.files.length
    ? d.files.map((f) => ({
        key: FILE_KIND_LABELS[f.kind],
        value: f.name,
        change: change(f.kind === 'power_of_attorney' ? 'agent' : 'files'),
      }))
    : [{ key: '材料', value: '未上传材料', change: change('files') }];
  return [
    { title: '受理机关', rows: [{ key: '受理机关', value: agencyName, change: change('agency') }] },
    { title: '申请人', rows: applicant },
    { title: '联系方式', rows: contact },
    { title: '代理人', rows: agent },
    { title: '所需信息', rows: items },
    { title: '提供方式', rows: delivery },
    { title: '上传的材料', rows: files },
  ];
}
