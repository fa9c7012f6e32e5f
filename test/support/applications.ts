/** Valid application bodies for tests (the ID and credit code pass their check digits). */
export function personApplication(agencyId: string, overrides: Record<string, unknown> = {}) {
  return {
    agencyId,
    applicantType: 'natural_person',
    applicant: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
    phone: '13812345678',
    email: 'zhangsan@example.cn',
    address: '示范市示范区东湖路 8 号 3 单元 201 室',
    items: [{ description: '2025 年示范区老旧小区改造项目清单', documentNumber: '示政发〔2025〕3号' }],
    formOfProvision: 'electronic',
    deliveryChannel: 'online',
    ...overrides,
  };
}

export function organizationApplication(agencyId: string, overrides: Record<string, unknown> = {}) {
  return personApplication(agencyId, {
    applicantType: 'legal_service_org',
    applicant: { name: '示范律师事务所', creditCode: '91350100M000100Y43', contactPerson: '李律师' },
    ...overrides,
  });
}

/** A posted application registered by a clerk. */
export function postedRegistration(
  agencyId: string,
  receivedOn: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    ...personApplication(agencyId),
    applicant: { name: '李四', idType: 'resident_id', idNumber: '440524188001010014' },
    phone: '0755-8888 6666',
    deliveryChannel: 'post',
    formOfProvision: 'paper',
    channel: 'registered_post',
    receivedOn,
    ...overrides,
  };
}
