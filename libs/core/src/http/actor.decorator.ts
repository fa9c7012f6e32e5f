import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@gongkai/domain';

export const ACTOR_HEADER = 'x-gongkai-actor';

/**
 * The staff member acting, recorded with every change. Until staff sign-in exists (the identity
 * issue), the console takes the name from the `X-Gongkai-Actor` header and refuses a change without
 * one; the identity module will resolve it from the server-side session instead.
 */
export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const value = ctx.switchToHttp().getRequest<Request>().headers[ACTOR_HEADER];
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) {
    throw new DomainError('AUTH.ACTOR_REQUIRED', 'unauthenticated', '请先登录（缺少操作人）。', {
      header: 'X-Gongkai-Actor',
    });
  }
  return decodeURIComponent(value.trim());
});
