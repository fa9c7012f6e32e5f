import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Observable, from, switchMap } from 'rxjs';
import { actorOf } from '../access/principal';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { RateLimiter } from './rate-limiter.service';
import type { RateLimitRule } from './rate-limiter.service';

/**
 * What a limit counts by: the client address (behind `TRUST_PROXY_HOPS` trusted proxies), the
 * signed-in person, or a field of the body (the login name tried at sign-in).
 */
export type RateLimitKey = 'ip' | 'principal' | { body: string };

const RATE_LIMITS = 'gongkai:rate-limits';

/** Limits a route: each rule counted per its key, before the handler runs; past it, 429 `RATE.LIMITED`. */
export const RateLimit = (...limits: [RateLimitRule, RateLimitKey][]) => SetMetadata(RATE_LIMITS, limits);

function keyOf(req: Request, by: RateLimitKey): string | null {
  if (by === 'ip') {
    return req.ip ?? '';
  }
  if (by === 'principal') {
    return req.principal ? actorOf(req.principal) : null;
  }
  const v = (req.body as Record<string, unknown> | undefined)?.[by.body];
  return typeof v === 'string' ? v.trim().toLowerCase().slice(0, 200) : null;
}

/** Applies the `@RateLimit` rules of a route (one place for every app; counters in PostgreSQL). */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly modules: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const limits = this.reflector.getAllAndOverride<[RateLimitRule, RateLimitKey][] | undefined>(
      RATE_LIMITS,
      [ctx.getHandler(), ctx.getClass()],
    );
    if (!limits?.length || !this.config.apiRateLimits) {
      return next.handle();
    }
    const req = ctx.switchToHttp().getRequest<Request>();
    const limiter = this.modules.get(RateLimiter, { strict: false });
    const check = async () => {
      for (const [rule, by] of limits) {
        const key = keyOf(req, by);
        if (key !== null) {
          await limiter.hit(rule, key);
        }
      }
    };
    return from(check()).pipe(switchMap(() => next.handle()));
  }
}
