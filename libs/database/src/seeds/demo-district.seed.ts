import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AgencyEntity, AgencyKind, DEFAULT_LEGAL_REVIEW_RULES } from '@gongkai/core/agencies';
import { CitizenEntity, StaffRoleEntity, StaffUserEntity, hashPassword } from '@gongkai/core/identity';
import { StaffRole } from '@gongkai/domain';
import { DemoAccount, Seed } from './seed';

/** The one password of every demo account (demo data only; never loaded in production). */
export const DEMO_PASSWORD = 'Gongkai#Demo2026';

interface DemoAgency {
  code: string;
  parent: string | null;
  kind: AgencyKind;
  name: string;
  shortName: string;
}

/** A fictional district: its government and office, six departments, two street offices. */
export const DEMO_AGENCIES: DemoAgency[] = [
  { code: 'sfq', parent: null, kind: 'government', name: '示范区人民政府', shortName: '示范区政府' },
  {
    code: 'sfq-bgs',
    parent: 'sfq',
    kind: 'general_office',
    name: '示范区人民政府办公室',
    shortName: '示范区政府办',
  },
  {
    code: 'sfq-fgj',
    parent: 'sfq',
    kind: 'department',
    name: '示范区发展和改革局',
    shortName: '示范区发改局',
  },
  { code: 'sfq-jyj', parent: 'sfq', kind: 'department', name: '示范区教育局', shortName: '示范区教育局' },
  {
    code: 'sfq-zjj',
    parent: 'sfq',
    kind: 'department',
    name: '示范区住房和城乡建设局',
    shortName: '示范区住建局',
  },
  {
    code: 'sfq-zrj',
    parent: 'sfq',
    kind: 'department',
    name: '示范区自然资源局',
    shortName: '示范区自然资源局',
  },
  {
    code: 'sfq-scj',
    parent: 'sfq',
    kind: 'department',
    name: '示范区市场监督管理局',
    shortName: '示范区市场监管局',
  },
  {
    code: 'sfq-gaj',
    parent: 'sfq',
    kind: 'dispatched_body',
    name: '示范市公安局示范区分局',
    shortName: '示范区公安分局',
  },
  {
    code: 'sfq-dhjd',
    parent: 'sfq',
    kind: 'street_office',
    name: '示范区东湖街道办事处',
    shortName: '东湖街道办',
  },
  {
    code: 'sfq-xsjd',
    parent: 'sfq',
    kind: 'street_office',
    name: '示范区西山街道办事处',
    shortName: '西山街道办',
  },
];

interface DemoStaff {
  login: string;
  displayName: string;
  roles: [StaffRole, string][];
}

/** Staff for every role; the three administrators are three different people. */
export const DEMO_STAFF: DemoStaff[] = [
  { login: 'registrar', displayName: '李登记', roles: [['registrar', 'sfq']] },
  { login: 'handler', displayName: '王承办', roles: [['handler', 'sfq']] },
  { login: 'handler.jyj', displayName: '赵教育', roles: [['handler', 'sfq-jyj']] },
  { login: 'handler.zjj', displayName: '钱住建', roles: [['handler', 'sfq-zjj']] },
  {
    login: 'registrar.dhjd',
    displayName: '孙街道',
    roles: [
      ['registrar', 'sfq-dhjd'],
      ['handler', 'sfq-dhjd'],
    ],
  },
  { login: 'officehead', displayName: '周主任', roles: [['office_head', 'sfq']] },
  { login: 'legal', displayName: '吴法制', roles: [['legal_reviewer', 'sfq']] },
  { login: 'signer', displayName: '郑区长', roles: [['signer', 'sfq']] },
  { login: 'sysadmin', displayName: '冯系统', roles: [['system_admin', 'sfq']] },
  { login: 'secadmin', displayName: '陈安全', roles: [['security_admin', 'sfq']] },
  { login: 'auditor', displayName: '褚审计', roles: [['auditor', 'sfq']] },
];

export const DEMO_CITIZEN = { login: '13800000001', displayName: '张先生' };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  ...DEMO_STAFF.map((s) => ({
    app: 'console' as const,
    login: s.login,
    password: DEMO_PASSWORD,
    roles: s.roles.map(([r, a]) => `${r}@${a}`).join(', '),
  })),
  { app: 'portal', login: DEMO_CITIZEN.login, password: DEMO_PASSWORD, roles: 'citizen' },
];

async function loadDemoDistrict(em: EntityManager, now: Date): Promise<void> {
  const ids = new Map<string, { id: string; path: string }>();
  for (const a of DEMO_AGENCIES) {
    const id = randomUUID();
    const parent = a.parent ? ids.get(a.parent)! : null;
    const path = `${parent?.path ?? '/'}${id}/`;
    ids.set(a.code, { id, path });
    await em.insert(AgencyEntity, {
      id,
      parentId: parent?.id ?? null,
      path,
      code: a.code,
      kind: a.kind,
      name: a.name,
      shortName: a.shortName,
      letterHeader: a.name,
      sealText: `${a.name}政府信息公开专用章`,
      address: '示范市示范区人民路 1 号',
      postalCode: '100000',
      phone: '010-12345678',
      email: `gk@${a.code}.example.gov.cn`,
      officeHours: '工作日 9:00—12:00、13:30—17:00',
      reconsiderationBody: a.parent ? '示范区人民政府' : '示范市人民政府',
      court: '示范市示范区人民法院',
      numberPattern: '{agencyShort}依申〔{year}〕{seq:4}号',
      legalReview: DEFAULT_LEGAL_REVIEW_RULES,
      retentionClass: a.parent ? '10y' : '30y',
      calendarRegion: 'national',
      acceptsApplications: a.kind !== 'general_office',
      active: true,
      createdAt: now,
      updatedAt: now,
    });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const s of DEMO_STAFF) {
    const id = randomUUID();
    await em.insert(StaffUserEntity, {
      id,
      login: s.login,
      displayName: s.displayName,
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword: false,
      active: true,
      createdAt: now,
    });
    await em.insert(
      StaffRoleEntity,
      s.roles.map(([role, code]) => ({
        userId: id,
        agencyId: ids.get(code)!.id,
        role,
        grantedBy: 'seed',
        grantedAt: now,
      })),
    );
  }
  await em.insert(CitizenEntity, {
    id: randomUUID(),
    login: DEMO_CITIZEN.login,
    loginKind: 'phone',
    displayName: DEMO_CITIZEN.displayName,
    passwordHash,
    active: true,
    createdAt: now,
  });
}

export const demoDistrictSeed: Seed = {
  name: 'demo-district@1',
  kind: 'demo',
  run: (em, { now }) => loadDemoDistrict(em, now),
};
