import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { correlationIdMiddleware } from '../logging/logging.module';

export interface HttpAppOptions {
  title: string;
  description: string;
  /** Whether to serve OpenAPI documents at /api/docs (and /api/docs-json). */
  docs: boolean;
  /** Reverse proxies in front of the app, so `req.ip` is the client's address (audit, rate limits). */
  trustProxyHops?: number;
}

/**
 * The JSON API takes a body only as JSON (or a multipart upload): any other content type is refused
 * with 415 before it is read, so a form post can never pass as an empty body. Its answers are never
 * cached.
 */
export function strictApiContentTypes(req: Request, res: Response, next: NextFunction): void {
  if (req.path.startsWith('/api/')) {
    // API answers carry personal data (applicants, letters, files): no browser or proxy keeps a copy.
    res.setHeader('Cache-Control', 'no-store');
  }
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (
    hasBody &&
    req.path.startsWith('/api/') &&
    ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) &&
    !req.is(['application/json', 'multipart/form-data'])
  ) {
    next(Object.assign(new Error('unsupported media type'), { status: 415 }));
    return;
  }
  next();
}

/** Express settings and the OpenAPI document shared by every Gongkai app (also used by tests). */
export function configureHttpApp(app: NestExpressApplication, opts: HttpAppOptions): void {
  app.disable('x-powered-by');
  app.set('trust proxy', opts.trustProxyHops ?? 0);
  app.use(correlationIdMiddleware);
  app.use(
    helmet({
      // The Swagger UI page needs inline scripts and styles; the APIs themselves return JSON.
      contentSecurityPolicy: opts.docs ? false : undefined,
    }),
  );
  app.use(strictApiContentTypes);
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  if (opts.docs) {
    const doc = new DocumentBuilder()
      .setTitle(opts.title)
      .setDescription(opts.description)
      .setVersion('0.1.0')
      .build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
      jsonDocumentUrl: 'api/docs-json',
    });
  }
}

/** Creates, configures and starts one app on its port, logging through pino. */
export async function startHttpApp(
  module: Type | DynamicModule,
  config: AppConfig,
  port: number,
  opts: HttpAppOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  configureHttpApp(app, { trustProxyHops: config.trustProxyHops, ...opts });
  await app.listen(port, config.host);
  return app;
}
