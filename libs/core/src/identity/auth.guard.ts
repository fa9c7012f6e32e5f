import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '@gongkai/domain';
import { AuditService, readCookie } from '../platform';
import { ACCESS_KEY, ALLOW_WHILE_PASSWORD_EXPIRED_KEY, AccessRule } from '../platform';
import { actorOf, hasPermission } from '../platform';
import { SessionService } from './session.service';

export const AUTH_AUDIENCE = Symbol('AUTH_AUDIENCE');
export type AuthAudience = 'staff' | 'citizen';

export const SESSION_COOKIES: Record<AuthAudience, string> = { staff: 'gk_staff', citizen: 'gk_citizen' };

/** The session token: `Authorization: Bearer …` (API clients) or the HttpOnly cookie (browsers). */
export function sessionToken(req: Request, audience: AuthAudience): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    return auth.slice(7).trim() || undefined;
  }
  return readCookie(req, SESSION_COOKIES[audience]);
}

const unauthenticated = () => new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', '请先登录。');

/**
 * The one gate of every route (registered as APP_GUARD): deny by default, resolve the session on
 * every call (so a revoked session stops working at once), then check the declared access rule.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(AUTH_AUDIENCE) private readonly audience: AuthAudience,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') {
      return true;
    }
    const targets = [ctx.getHandler(), ctx.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, targets);
    const req = ctx.switchToHttp().getRequest<Request>();
    if (rule === undefined) {
      this.logger.error(`route without an access declaration refused: ${req.method} ${req.path}`);
      throw new DomainError('AUTH.FORBIDDEN', 'forbidden', '没有执行此操作的权限。');
    }
    if (rule === 'public') {
      return true;
    }
    const token = sessionToken(req, this.audience);
    const principal = token ? await this.sessions.resolve(token, this.audience) : null;
    if (!principal) {
      throw unauthenticated();
    }
    req.principal = principal;
    if (principal.kind === 'citizen') {
      if (rule !== 'citizen') {
        throw unauthenticated();
      }
      return true;
    }
    if (rule === 'citizen') {
      throw unauthenticated();
    }
    if (
      principal.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(ALLOW_WHILE_PASSWORD_EXPIRED_KEY, targets)
    ) {
      throw new DomainError(
        'AUTH.PASSWORD_CHANGE_REQUIRED',
        'forbidden',
        '请先修改密码（首次登录或密码已超过 90 天）。',
      );
    }
    if (
      principal.secondFactorMissing &&
      !this.reflector.getAllAndOverride<boolean>(ALLOW_WHILE_PASSWORD_EXPIRED_KEY, targets)
    ) {
      throw new DomainError(
        'AUTH.SECOND_FACTOR_REQUIRED',
        'forbidden',
        '请先设置动态口令（第二重身份验证）：管理员账号必须使用。',
      );
    }
    if (rule !== 'staff' && !hasPermission(principal, rule)) {
      await this.audit.record(null, {
        actor: actorOf(principal),
        ip: req.ip,
        action: 'access.denied',
        objectType: 'route',
        objectId: `${req.method} ${req.route ? (req.route as { path: string }).path : req.path}`,
        result: 'denied',
        details: { permission: rule },
      });
      throw new DomainError('AUTH.FORBIDDEN', 'forbidden', '没有执行此操作的权限。', { permission: rule });
    }
    return true;
  }
}
