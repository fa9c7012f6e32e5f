import { DomainError } from '../errors/domain-error';

/** Staff roles (docs/domain-rules.md "Roles"); each is held at one agency and reaches its whole subtree. */
export const STAFF_ROLES = [
  'registrar',
  'handler',
  'office_head',
  'legal_reviewer',
  'signer',
  'system_admin',
  'security_admin',
  'auditor',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  registrar: '登记员',
  handler: '承办人',
  office_head: '工作机构负责人',
  legal_reviewer: '法制审核',
  signer: '签发领导',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '安全审计员',
};

/**
 * The three administrators of MLPS level 3 (三员分立): none may also hold another of the three,
 * so no one person can both change the system and erase the trace of it.
 */
export const ADMIN_ROLES: readonly StaffRole[] = ['system_admin', 'security_admin', 'auditor'];

export const PERMISSIONS = [
  'request.read',
  'request.register',
  'request.assign',
  'request.claim',
  'request.handle',
  'request.approve',
  'request.review',
  'request.sign',
  'personal_data.reveal',
  'agency.manage',
  'user.manage',
  'calendar.manage',
  'template.manage',
  'system.monitor',
  'role.manage',
  'session.manage',
  'audit.read',
  'report.read',
  'report.publish',
  'report.unlock',
  'ledger.import',
  'remedy.record',
  'library.curate',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do. Administrators do not read case files (system_admin "cannot read case
 * personal data or the audit log"); the auditor reads the audit log and changes nothing.
 */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  registrar: [
    'request.read',
    'request.register',
    'request.assign',
    'personal_data.reveal',
    'report.read',
    'ledger.import',
  ],
  handler: ['request.read', 'request.claim', 'request.handle', 'personal_data.reveal', 'remedy.record'],
  office_head: [
    'request.read',
    'request.assign',
    'request.handle',
    'request.approve',
    'personal_data.reveal',
    'report.read',
    'report.publish',
    'ledger.import',
    'remedy.record',
    'library.curate',
  ],
  legal_reviewer: ['request.read', 'request.review', 'remedy.record', 'library.curate'],
  signer: ['request.read', 'request.sign', 'report.read'],
  system_admin: [
    'agency.manage',
    'user.manage',
    'calendar.manage',
    'template.manage',
    'system.monitor',
    'report.unlock',
  ],
  security_admin: ['role.manage', 'session.manage'],
  auditor: ['audit.read'],
};

export function permissionsOf(role: StaffRole): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/** Refuses a set of roles (held by one person, at any agencies) that combines administrators. */
export function assertRolesCompatible(roles: readonly StaffRole[]): void {
  const admins = [...new Set(roles.filter((r) => ADMIN_ROLES.includes(r)))];
  if (admins.length > 1) {
    throw new DomainError(
      'IDENTITY.ADMIN_ROLES_COMBINED',
      'rule_violation',
      '系统管理员、安全管理员、安全审计员三种角色不能由同一人兼任。',
      { roles: admins },
    );
  }
  if (admins.length === 1 && roles.some((r) => !ADMIN_ROLES.includes(r))) {
    throw new DomainError(
      'IDENTITY.ADMIN_ROLE_WITH_CASEWORK',
      'rule_violation',
      '管理员账号不能同时承担业务角色。',
      { roles: [...new Set(roles)] },
    );
  }
}
