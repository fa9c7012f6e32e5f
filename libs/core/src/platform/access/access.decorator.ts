import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import type { Permission } from '@gongkai/domain';
import { CitizenPrincipal, StaffPrincipal, actorOf, callerOf } from './principal';

/**
 * What an endpoint requires (docs/domain-rules.md: every endpoint declares it). `public`: anyone;
 * `citizen`: a signed-in citizen (portal); `staff`: any signed-in staff member; a permission: a
 * staff member holding it at some agency (the use case then checks the agency of the object).
 * An endpoint without a declaration is refused.
 */
export type AccessRule = 'public' | 'citizen' | 'staff' | Permission;

export const ACCESS_KEY = 'gongkai:access';
export const ALLOW_WHILE_PASSWORD_EXPIRED_KEY = 'gongkai:allow-password-change';

export const Access = (rule: AccessRule) => SetMetadata(ACCESS_KEY, rule);

/** Reachable while the password must be changed (change password, sign out, who am I). */
export const AllowWhilePasswordExpired = () => SetMetadata(ALLOW_WHILE_PASSWORD_EXPIRED_KEY, true);

/** The signed-in staff member and their address (for the audit log). */
export const StaffCaller = createParamDecorator((_d: unknown, ctx: ExecutionContext) => {
  const caller = callerOf<StaffPrincipal>(ctx.switchToHttp().getRequest<Request>());
  return caller;
});

export const CitizenCaller = createParamDecorator((_d: unknown, ctx: ExecutionContext) => {
  const caller = callerOf<CitizenPrincipal>(ctx.switchToHttp().getRequest<Request>());
  return caller;
});

/** The name recorded with a change: the staff login, or `citizen:<id>`. */
export const Actor = createParamDecorator((_d: unknown, ctx: ExecutionContext): string => {
  return actorOf(callerOf(ctx.switchToHttp().getRequest<Request>()).principal);
});
