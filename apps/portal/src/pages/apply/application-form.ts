import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  DELIVERY_CHANNELS,
  DELIVERY_CHANNEL_LABELS,
  FORMS_OF_PROVISION,
  FORM_OF_PROVISION_LABELS,
  ID_DOCUMENT_TYPES,
  isOrganization,
  ID_DOCUMENT_TYPE_LABELS,
} from '@gongkai/domain';
import type { ApplicantType, DeliveryChannel, FormOfProvision } from '@gongkai/domain';
import { text, ticked } from '@gongkai/web';

/** Labels of identity documents, as the form offers them. */
export const ID_TYPE_LABELS = ID_DOCUMENT_TYPE_LABELS;

export type FileKind = 'identity' | 'licence' | 'power_of_attorney' | 'other';
export const FILE_KIND_LABELS: Record<FileKind, string> = {
  identity: '身份证件扫描件',
  licence: '营业执照或登记证书',
  power_of_attorney: '授权委托书',
  other: '其他材料',
};

/** What the citizen has entered so far (kept encrypted between the steps). */
export interface ApplicationDraft {
  agencyId?: string;
  applicantType?: ApplicantType;
  applicant: { name: string; idType: string; idNumber: string; creditCode: string; contactPerson: string };
  phone: string;
  email: string;
  address: string;
  postalCode: string;
  hasAgent?: 'yes' | 'no';
  agent: { name: string; idType: string; idNumber: string; phone: string };
  items: { description: string; documentNumber: string }[];
  formOfProvision?: FormOfProvision;
  deliveryChannel?: DeliveryChannel;
  acceptOtherForms: boolean;
  files: { kind: FileKind; attachmentId: string; name: string }[];
}

export function emptyDraft(): ApplicationDraft {
  return {
    applicant: { name: '', idType: 'resident_id', idNumber: '', creditCode: '', contactPerson: '' },
    phone: '',
    email: '',
    address: '',
    postalCode: '',
    agent: { name: '', idType: 'resident_id', idNumber: '', phone: '' },
    items: [{ description: '', documentNumber: '' }],
    acceptOtherForms: true,
    files: [],
  };
}

/** The steps of the form, in order, each with the fields whose problems it shows. */
export const STEPS = [
  { slug: 'agency', title: '选择受理机关', fields: ['agencyId'] },
  { slug: 'applicant-type', title: '申请人类型', fields: ['applicantType'] },
  { slug: 'identity', title: '申请人身份', fields: ['applicant.'] },
  { slug: 'contact', title: '联系方式', fields: ['phone', 'email', 'address', 'postalCode'] },
  { slug: 'agent', title: '代理人', fields: ['hasAgent', 'agent.'] },
  { slug: 'items', title: '所需信息', fields: ['items'] },
  { slug: 'delivery', title: '提供方式', fields: ['formOfProvision', 'deliveryChannel'] },
  { slug: 'files', title: '上传材料', fields: ['files.', 'attachmentIds'] },
] as const;
export type StepSlug = (typeof STEPS)[number]['slug'];

export function stepOf(slug: string): { index: number; step: (typeof STEPS)[number] } | null {
  const index = STEPS.findIndex((s) => s.slug === slug);
  return index < 0 ? null : { index, step: STEPS[index] };
}

/** Whether a problem's field belongs to a step. */
export function onStep(step: (typeof STEPS)[number], field: string): boolean {
  return step.fields.some((f) =>
    f.endsWith('.')
      ? field.startsWith(f)
      : field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`),
  );
}

/** Reads one step's fields from a url-encoded body into the draft. */
export function readStep(slug: StepSlug, body: unknown, draft: ApplicationDraft): ApplicationDraft {
  const d: ApplicationDraft = structuredClone(draft);
  switch (slug) {
    case 'agency':
      d.agencyId = text(body, 'agencyId', 40) || undefined;
      break;
    case 'applicant-type': {
      const t = text(body, 'applicantType', 40);
      d.applicantType = (APPLICANT_TYPES as readonly string[]).includes(t) ? (t as ApplicantType) : undefined;
      break;
    }
    case 'identity':
      d.applicant = {
        name: text(body, 'applicant.name', 100),
        idType: text(body, 'applicant.idType', 40) || d.applicant.idType,
        idNumber: text(body, 'applicant.idNumber', 40).toUpperCase(),
        creditCode: text(body, 'applicant.creditCode', 18).toUpperCase(),
        contactPerson: text(body, 'applicant.contactPerson', 50),
      };
      break;
    case 'contact':
      d.phone = text(body, 'phone', 20);
      d.email = text(body, 'email', 254);
      d.address = text(body, 'address', 200);
      d.postalCode = text(body, 'postalCode', 6);
      break;
    case 'agent': {
      const has = text(body, 'hasAgent', 3);
      d.hasAgent = has === 'yes' || has === 'no' ? has : undefined;
      d.agent = {
        name: text(body, 'agent.name', 50),
        idType: text(body, 'agent.idType', 40) || 'resident_id',
        idNumber: text(body, 'agent.idNumber', 40).toUpperCase(),
        phone: text(body, 'agent.phone', 20),
      };
      break;
    }
    case 'items': {
      const items: ApplicationDraft['items'] = [];
      for (let i = 0; i < 50; i++) {
        const description = text(body, `items[${i}].description`, 2000);
        const documentNumber = text(body, `items[${i}].documentNumber`, 100);
        const present = body && typeof body === 'object' && `items[${i}].description` in body;
        if (!present) {
          break;
        }
        items.push({ description, documentNumber });
      }
      d.items = items.length ? items : [{ description: '', documentNumber: '' }];
      break;
    }
    case 'delivery': {
      const f = text(body, 'formOfProvision', 20);
      const c = text(body, 'deliveryChannel', 20);
      d.formOfProvision = (FORMS_OF_PROVISION as readonly string[]).includes(f)
        ? (f as FormOfProvision)
        : undefined;
      d.deliveryChannel = (DELIVERY_CHANNELS as readonly string[]).includes(c)
        ? (c as DeliveryChannel)
        : undefined;
      d.acceptOtherForms = ticked(body, 'acceptOtherForms');
      break;
    }
    case 'files':
      break;
  }
  return d;
}

/** The draft as the body of an application (what the intake checks and records). */
export function toApplication(d: ApplicationDraft): Record<string, unknown> {
  const org = d.applicantType ? isOrganization(d.applicantType) : false;
  const optional = (v: string) => (v === '' ? undefined : v);
  const agentFile = d.files.find((f) => f.kind === 'power_of_attorney');
  return {
    agencyId: d.agencyId ?? '',
    applicantType: d.applicantType ?? '',
    applicant: {
      name: d.applicant.name,
      ...(org
        ? {
            creditCode: optional(d.applicant.creditCode),
            contactPerson: optional(d.applicant.contactPerson),
          }
        : {
            idType: optional(d.applicant.idType),
            idNumber: optional(d.applicant.idNumber),
          }),
    },
    phone: d.phone,
    email: optional(d.email),
    address: optional(d.address),
    postalCode: optional(d.postalCode),
    ...(d.hasAgent === 'yes'
      ? {
          agent: {
            name: d.agent.name,
            idType: d.agent.idType,
            idNumber: d.agent.idNumber,
            phone: d.agent.phone,
            powerOfAttorneyAttachmentId: agentFile?.attachmentId,
          },
        }
      : {}),
    items: d.items
      .filter((i) => i.description !== '' || i.documentNumber !== '')
      .map((i) => ({ description: i.description, documentNumber: optional(i.documentNumber) })),
    formOfProvision: d.formOfProvision ?? '',
    deliveryChannel: d.deliveryChannel ?? '',
    acceptOtherForms: d.acceptOtherForms,
    attachmentIds: d.files.filter((f) => f.kind !== 'power_of_attorney').map((f) => f.attachmentId),
  };
}

/** Maps a problem's field (from the intake's checks) to the form field that shows it. */
export function formField(field: string): string {
  if (field === 'agent.powerOfAttorneyAttachmentId') {
    return 'files.power_of_attorney';
  }
  const item = /^items\.(\d+)\.(\w+)$/.exec(field);
  if (item) {
    return `items[${item[1]}].${item[2]}`;
  }
  return field === 'items' ? 'items[0].description' : field;
}

export const CHOICES = {
  applicantTypes: APPLICANT_TYPES.map((value) => ({
    value,
    label: APPLICANT_TYPE_LABELS[value],
    hint:
      value === 'natural_person'
        ? '以个人名义申请（包括律师以个人名义申请）'
        : value === 'legal_service_org'
          ? '律师事务所等以机构名义申请'
          : undefined,
  })),
  idTypes: ID_DOCUMENT_TYPES.map((value) => ({ value, label: ID_TYPE_LABELS[value] })),
  forms: FORMS_OF_PROVISION.map((value) => ({ value, label: FORM_OF_PROVISION_LABELS[value] })),
  channels: DELIVERY_CHANNELS.map((value) => ({ value, label: DELIVERY_CHANNEL_LABELS[value] })),
};
