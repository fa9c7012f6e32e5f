import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Takes the caller's correlation id when it is well-formed, else makes one; echoes it back. */
export function correlationIdFor(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') {
    return req.id; // already assigned by correlationIdMiddleware
  }
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Correlation-Id', id);
  return id;
}

/**
 * Assigns the correlation id before anything else runs (even the body parser), so that every
 * answer, including one to malformed JSON, carries it.
 */
export function correlationIdMiddleware(
  req: IncomingMessage & { id?: unknown },
  res: ServerResponse,
  next: () => void,
): void {
  req.id = correlationIdFor(req, res);
  next();
}

/**
 * A request's address as the log keeps it: the path (ids, never names), and the names of the query
 * parameters with their values left out — a search (`?q=张三`) must not put a name in the log.
 */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) {
    return url;
  }
  const keys = [...new URLSearchParams(url.slice(at + 1)).keys()];
  return `${url.slice(0, at)}?${[...new Set(keys)].map((k) => `${encodeURIComponent(k)}=…`).join('&')}`;
}

/**
 * Structured JSON logs (pino), one line per request with its correlation id. Secrets and
 * personal data never reach the log (docs/domain-rules.md, audit): credentials and cookies are redacted.
 */
@Module({})
export class LoggingModule {
  static forApp(app: string, config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            base: { app },
            genReqId: correlationIdFor,
            customAttributeKeys: { reqId: 'correlationId' },
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'res.headers["set-cookie"]',
                'req.query.token',
              ],
              censor: '[redacted]',
            },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: loggableUrl(req.url),
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
        }),
      ],
    };
  }
}
