import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError } from '@gongkai/domain';
import { httpErrorOf, statusOf } from './error-status';
import { AuditService } from '../audit/audit.service';
import { actorOf } from '../access/principal';

export interface ErrorBody {
  code: string;
  message: string;
  details: unknown;
  correlationId: string | null;
}

/**
 * An app with pages puts one of these in `res.locals.errorPage`: for a page (not `/api/…`) it answers
 * an error as an HTML page, or a redirect, and returns true; false leaves the JSON answer.
 */
export type ErrorPageRenderer = (req: Request, res: Response, status: number, body: ErrorBody) => boolean;

/**
 * The one place where errors become HTTP answers: `{ code, message, details, correlationId }`.
 * Unknown errors are logged with their stack and answered with a generic 500 (no stack leaks).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly modules: ModuleRef) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: unknown }>();
    const res = ctx.getResponse<Response>();
    const correlationId = typeof req.id === 'string' ? req.id : null;
    const { status, body } = this.toAnswer(exception, correlationId);
    if (status === 503) {
      this.logger.warn({ err: loggableError(exception), correlationId }, 'service unavailable');
    } else if (status >= 500) {
      this.logger.error({ err: loggableError(exception), correlationId }, 'unhandled error');
    }
    await this.auditRefusal(req, status, body);
    if (res.headersSent) {
      return;
    }
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if ((status === 429 || status === 503) && typeof retryAfter === 'number') {
      res.setHeader('Retry-After', String(retryAfter));
    }
    const page = (res.locals as { errorPage?: ErrorPageRenderer } | undefined)?.errorPage;
    if (page && !req.path.startsWith('/api/') && page(req, res, status, body)) {
      return;
    }
    res.status(status).json(body);
  }

  /**
   * A signed-in person's change refused by a rule — forbidden (separation of duties, administration
   * scope), a conflict of state or version, a rule violation — goes to the audit log with its code.
   */
  private async auditRefusal(req: Request, status: number, body: ErrorBody): Promise<void> {
    if (![403, 409, 422].includes(status) || !req.principal || req.method === 'GET') {
      return;
    }
    let audit: AuditService;
    try {
      audit = this.modules.get(AuditService, { strict: false });
    } catch {
      return; // an app without the audit log (none today)
    }
    await audit
      .record(null, {
        actor: actorOf(req.principal),
        ip: req.ip ?? '',
        action: 'action.refused',
        objectType: 'route',
        objectId: `${req.method} ${req.path}`.slice(0, 200),
        result: 'denied',
        details: { code: body.code, status },
      })
      .catch((e: unknown) => this.logger.warn({ err: e }, 'could not audit a refusal'));
  }

  private toAnswer(exception: unknown, correlationId: string | null): { status: number; body: ErrorBody } {
    exception = fromDatabaseRule(exception);
    if (databaseUnreachable(exception)) {
      exception = serviceUnavailable();
    }
    if (exception instanceof DomainError) {
      return {
        status: statusOf(exception.kind),
        body: {
          code: exception.code,
          message: exception.message,
          details: exception.details ?? null,
          correlationId,
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, body: { ...httpErrorOf(status), details: null, correlationId } };
    }
    // Body-parser errors (malformed JSON, too large) carry a status but are not HttpExceptions.
    const status = statusFromForeignError(exception);
    return { status, body: { ...httpErrorOf(status), details: null, correlationId } };
  }
}

function statusFromForeignError(exception: unknown): number {
  if (typeof exception === 'object' && exception !== null) {
    const s =
      (exception as { status?: unknown; statusCode?: unknown }).status ??
      (exception as { statusCode?: unknown }).statusCode;
    if (typeof s === 'number' && s >= 400 && s < 600) {
      return s;
    }
  }
  return 500;
}

/**
 * Rules the database itself enforces answer like the domain's own refusals: a change to a published,
 * locked year (trigger `guard_report_lock`, SQLSTATE GK409) is 409 `REPORT.YEAR_LOCKED`.
 */
export function fromDatabaseRule(exception: unknown): unknown {
  const driver = (exception as { driverError?: { code?: string; detail?: string } } | null)?.driverError;
  if (driver?.code === 'GK409') {
    let details: Record<string, unknown> | undefined;
    try {
      details = JSON.parse(driver.detail ?? '{}') as Record<string, unknown>;
    } catch {
      details = undefined;
    }
    return yearLocked(details);
  }
  return exception;
}

/** P8: the refusal of a change that would alter a published, locked year (database or service). */
export function yearLocked(details?: Record<string, unknown>): DomainError {
  return new DomainError(
    'REPORT.YEAR_LOCKED',
    'conflict',
    '该年度的政府信息公开工作年度报告已发布并锁定，此项修改会改变已发布的数据；如确需修改，请由管理员说明理由后解锁。',
    details,
  );
}

/**
 * An error as the log keeps it: type, message, code, stack and (for a database error) the statement —
 * never the statement's parameters, which may carry personal data.
 */
export function loggableError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) {
    return { type: typeof e };
  }
  const db = e as Error & { code?: unknown; query?: unknown; driverError?: { code?: unknown } };
  return {
    type: e.constructor.name,
    message: e.message,
    stack: e.stack,
    ...(db.code !== undefined ? { code: db.code } : {}),
    ...(db.driverError?.code !== undefined ? { code: db.driverError.code } : {}),
    ...(typeof db.query === 'string' ? { query: db.query } : {}),
  };
}

/** Connection failures (the server down, restarting, refusing connections), by code or driver message. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
]);
const UNREACHABLE_MESSAGES = [
  'Connection terminated',
  'connect ECONNREFUSED',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
  'Driver not Connected',
  'the database system is shutting down',
  'the database system is starting up',
  // TypeORM releases a transaction's connection when the server drops it; the next query of that
  // transaction then fails with one of these (seen when PostgreSQL is killed mid-transaction).
  'Query runner already released',
  'query runner was already released',
];

/** Whether an error means the database cannot be reached (then the answer is 503, not 500). */
export function databaseUnreachable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 4; depth++) {
    const x = cur as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof x.code === 'string' && UNREACHABLE_CODES.has(x.code)) {
      return true;
    }
    if (
      typeof x.message === 'string' &&
      UNREACHABLE_MESSAGES.some((m) => (x.message as string).includes(m))
    ) {
      return true;
    }
    if (Array.isArray(x.errors) && x.errors.some((inner) => databaseUnreachable(inner))) {
      return true; // AggregateError (connecting to several addresses)
    }
    cur = x.driverError ?? x.cause;
  }
  return false;
}

/** 503 with a time to try again: honest, and the same for every route. */
export function serviceUnavailable(): DomainError {
  return new DomainError('SERVICE.UNAVAILABLE', 'unavailable', '系统暂时无法连接数据库，请稍后再试。', {
    retryAfterSeconds: 5,
  });
}
