import { FieldError } from '../errors/domain-error';
import { creditCodeProblem } from '../identity/credit-code';
import { residentIdProblem } from '../identity/resident-id';
import { ApplicantType, DeliveryChannel, IdDocumentType, isOrganization } from './applicant';

/** What an application must contain (Art. 29), as far as the rules go beyond field types. */
export interface ApplicationFacts {
  applicantType: ApplicantType;
  applicant: {
    name: string;
    idType?: IdDocumentType;
    idNumber?: string;
    creditCode?: string;
    contactPerson?: string;
  };
  phone: string;
  email?: string;
  address?: string;
  agent?: { idType: IdDocumentType; idNumber: string; powerOfAttorneyAttachmentId?: string };
  items: { description: string }[];
  deliveryChannel: DeliveryChannel;
}

const RESIDENT_ID_MESSAGES = {
  format: '居民身份证号码应为 18 位（最后一位可为 X）',
  birth_date: '居民身份证号码中的出生日期无效',
  check_digit: '居民身份证号码校验位不正确（GB 11643）',
} as const;

function idProblems(
  field: string,
  idType: IdDocumentType | undefined,
  idNumber: string | undefined,
): FieldError[] {
  if (!idType || !idNumber) {
    return [
      ...(!idType ? [{ field: `${field}.idType`, code: 'required', message: '请选择身份证件类型' }] : []),
      ...(!idNumber ? [{ field: `${field}.idNumber`, code: 'required', message: '请填写身份证件号码' }] : []),
    ];
  }
  if (idType === 'resident_id') {
    const problem = residentIdProblem(idNumber);
    if (problem) {
      return [
        { field: `${field}.idNumber`, code: `residentId.${problem}`, message: RESIDENT_ID_MESSAGES[problem] },
      ];
    }
  }
  return [];
}

/**
 * Field-level problems of an application: natural persons give an identity document (resident ID
 * numbers checked by GB 11643); organizations give a unified social credit code (checked by
 * GB 32100) and a contact person (Art. 29 ¶2); an agent needs a power of attorney and their own
 * identity; there is at least one item; the chosen delivery channel has an address to use.
 */
export function applicationProblems(a: ApplicationFacts): FieldError[] {
  const out: FieldError[] = [];
  if (isOrganization(a.applicantType)) {
    const code = a.applicant.creditCode;
    if (!code) {
      out.push({
        field: 'applicant.creditCode',
        code: 'required',
        message: '组织申请须填写统一社会信用代码',
      });
    } else {
      const problem = creditCodeProblem(code);
      if (problem) {
        out.push({
          field: 'applicant.creditCode',
          code: `creditCode.${problem}`,
          message:
            problem === 'format'
              ? '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）'
              : '统一社会信用代码校验码不正确（GB 32100）',
        });
      }
    }
    if (!a.applicant.contactPerson) {
      out.push({ field: 'applicant.contactPerson', code: 'required', message: '组织申请须填写联系人' });
    }
    if (a.applicant.idNumber) {
      out.push(...idProblems('applicant', a.applicant.idType, a.applicant.idNumber));
    }
  } else {
    if (a.applicant.creditCode) {
      out.push({
        field: 'applicant.creditCode',
        code: 'notApplicable',
        message: '自然人申请不填写统一社会信用代码',
      });
    }
    out.push(...idProblems('applicant', a.applicant.idType, a.applicant.idNumber));
  }
  if (a.agent) {
    out.push(...idProblems('agent', a.agent.idType, a.agent.idNumber));
    if (!a.agent.powerOfAttorneyAttachmentId) {
      out.push({
        field: 'agent.powerOfAttorneyAttachmentId',
        code: 'required',
        message: '委托代理人申请须上传授权委托书',
      });
    }
  }
  if (a.items.length === 0) {
    out.push({ field: 'items', code: 'arrayNotEmpty', message: '请至少填写一项所需信息' });
  }
  if (a.deliveryChannel === 'email' && !a.email) {
    out.push({ field: 'email', code: 'requiredForDelivery', message: '选择电子邮件获取时须填写电子邮箱' });
  }
  if (a.deliveryChannel === 'post' && !a.address) {
    out.push({ field: 'address', code: 'requiredForDelivery', message: '选择邮寄时须填写通信地址' });
  }
  return out;
}
