import type { Request } from 'express';
import { DomainError, Permission, StaffRole, permissionsOf } from '@gongkai/domain';

export interface RoleGrant {
  role: StaffRole;
  agencyId: string;
  /** The agency's materialized path: the grant reaches every agency whose path starts with it. */
  agencyPath: string;
}

export interface StaffPrincipal {
  kind: 'staff';
  sessionId: string;
  userId: string;
  login: string;
  displayName: string;
  roles: RoleGrant[];
  /** Set while the password must be changed before anything else (first sign-in, 90-day rotation). */
  mustChangePassword: boolean;
  /** Set while a second factor is required of this person and not yet set up (enrolment comes first). */
  secondFactorMissing?: boolean;
}

export interface CitizenPrincipal {
  kind: 'citizen';
  sessionId: string;
  citizenId: string;
  login: string;
  displayName: string;
}

export type Principal = StaffPrincipal | CitizenPrincipal;

/** Who is calling and from where: what every audited use case needs. */
export interface Caller<P extends Principal = Principal> {
  principal: P;
  ip: string;
}

export function actorOf(p: Principal): string {
  return p.kind === 'staff' ? p.login : `citizen:${p.citizenId}`;
}

/** The agency paths where the person holds a role granting `permission`. */
export function scopesFor(p: StaffPrincipal, permission: Permission): string[] {
  return p.roles.filter((g) => permissionsOf(g.role).includes(permission)).map((g) => g.agencyPath);
}

export function hasPermission(p: StaffPrincipal, permission: Permission): boolean {
  return scopesFor(p, permission).length > 0;
}

/** Whether `permission` reaches the agency at `agencyPath` (held there or at an ancestor). */
export function canAt(p: StaffPrincipal, permission: Permission, agencyPath: string): boolean {
  return scopesFor(p, permission).some((scope) => agencyPath.startsWith(scope));
}

/** Whether `permission` is held at a root agency (one with no parent): national matters, administrators. */
export function atRoot(p: StaffPrincipal, permission: Permission): boolean {
  return scopesFor(p, permission).some((scope) => scope.split('/').filter(Boolean).length === 1);
}

/** Whether every one of `agencyPaths` lies in the reach of `permission` (none: only from a root agency). */
export function reachesAll(
  p: StaffPrincipal,
  permission: Permission,
  agencyPaths: readonly string[],
): boolean {
  return agencyPaths.length === 0
    ? atRoot(p, permission)
    : agencyPaths.every((path) => canAt(p, permission, path));
}

export function forbidden(permission: Permission): DomainError {
  return new DomainError('AUTH.FORBIDDEN', 'forbidden', '没有执行此操作的权限。', { permission });
}

export function assertCanAt(p: StaffPrincipal, permission: Permission, agencyPath: string): void {
  if (!canAt(p, permission, agencyPath)) {
    throw forbidden(permission);
  }
}

declare module 'express' {
  interface Request {
    principal?: Principal;
  }
}

export function callerOf<P extends Principal>(req: Request): Caller<P> {
  if (!req.principal) {
    throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', '请先登录。');
  }
  return { principal: req.principal as P, ip: req.ip ?? '' };
}
