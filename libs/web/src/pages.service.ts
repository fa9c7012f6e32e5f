import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SessionService } from '@gongkai/core/identity';
import { APP_CONFIG, PersonalDataCipher, hasPermission, readCookie } from '@gongkai/core/platform';
import type { AppConfig, ErrorBody, Principal } from '@gongkai/core/platform';
import { Csrf } from './csrf';
import { ViewRenderer } from './view-renderer';
import { WEB_OPTIONS } from './web-options';
import type { WebAppOptions } from './web-options';

export const DISPLAY_COOKIE = 'gk_display';

/** The person viewing a page: signed in (with a name to greet) or not. */
export interface Viewer {
  principal: Principal | null;
  name: string | null;
}

/** Content-Security-Policy of every page: nothing inline, nothing from elsewhere. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export interface RenderOptions {
  title: string;
  status?: number;
  /** The `nav` entry to mark as the current page. */
  active?: string;
}

/** Renders an app's pages in the shared layout, with the viewer, the CSRF token and the site identity. */
@Injectable()
export class Pages {
  readonly renderer: ViewRenderer;
  readonly csrf: Csrf;

  constructor(
    @Inject(WEB_OPTIONS) readonly options: WebAppOptions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionService,
    cipher: PersonalDataCipher,
  ) {
    this.renderer = new ViewRenderer(options.viewsDir);
    this.csrf = new Csrf(cipher, config.nodeEnv === 'production');
  }

  /** Who is looking: the guard's principal, or the session cookie's (pages open to everyone). */
  async viewer(req: Request): Promise<Viewer> {
    const cached = (req as Request & { viewer?: Viewer }).viewer;
    if (cached) {
      return cached;
    }
    const audience = this.options.app === 'portal' ? 'citizen' : 'staff';
    let principal: Principal | null = req.principal ?? null;
    if (!principal) {
      const token = readCookie(req, audience === 'citizen' ? 'gk_citizen' : 'gk_staff');
      principal = token && token.length < 200 ? await this.sessions.resolve(token, audience) : null;
    }
    const viewer: Viewer = {
      principal,
      name: principal?.displayName ?? null,
    };
    (req as Request & { viewer?: Viewer }).viewer = viewer;
    return viewer;
  }

  async render(
    req: Request,
    res: Response,
    page: string,
    context: Record<string, unknown>,
    opts: RenderOptions,
  ): Promise<void> {
    const viewer = await this.viewer(req);
    this.send(req, res, page, context, opts, viewer);
  }

  /** An error as a page (404, 429, 500 …), with the correlation id to quote to the help desk. */
  renderError(req: Request, res: Response, status: number, body: ErrorBody): boolean {
    const setup = this.options.accountSetup?.[body.code];
    if (setup && status === 403 && req.method === 'GET') {
      // The account must be set up first (a new password, a second factor): straight to that page.
      res.redirect(303, setup);
      return true;
    }
    if (status === 401) {
      // Back to sign-in, then to the page the person was on: for a form sent after the session
      // ended, the page that held the form (its own address when the referrer is another site).
      const cookie = readCookie(req, this.options.app === 'portal' ? 'gk_citizen' : 'gk_staff');
      const next = req.method === 'GET' ? req.originalUrl : (samePagePath(req) ?? '/');
      const expired = cookie ? '&expired=1' : '';
      res.redirect(303, `${this.options.signInPath}?next=${encodeURIComponent(next)}${expired}`);
      return true;
    }
    const viewer = (req as Request & { viewer?: Viewer }).viewer ?? { principal: null, name: null };
    const titles: Record<number, string> = {
      400: '提交的内容有误',
      401: '请先登录',
      403: '无法完成此操作',
      404: '页面不存在',
      409: '内容已被他人修改',
      413: '文件太大',
      422: '无法办理此事项',
      429: '操作过于频繁',
      503: '系统暂时无法使用',
    };
    const title = titles[status] ?? (status >= 500 ? '系统出现错误' : '无法完成此操作');
    const retryAfter = (body.details as { retryAfterSeconds?: number } | null)?.retryAfterSeconds;
    this.send(
      req,
      res,
      '@web/errors/error',
      {
        status,
        message: body.message,
        code: body.code,
        correlationId: body.correlationId,
        retryMinutes: retryAfter ? Math.max(1, Math.ceil(retryAfter / 60)) : null,
        notFound: status === 404,
      },
      { title, status },
      viewer,
    );
    return true;
  }

  private send(
    req: Request,
    res: Response,
    page: string,
    context: Record<string, unknown>,
    opts: RenderOptions,
    viewer: Viewer,
  ): void {
    const signedIn = viewer.principal !== null;
    const html = this.renderer.render(
      page,
      {
        ...context,
        title: opts.title,
        site: this.config.site,
        viewer,
        signedIn,
        elder: readCookie(req, DISPLAY_COOKIE) === 'elder',
        csrf: this.csrf.token(req, res),
        path: req.path,
        returnTo: req.originalUrl,
        appTitle: this.options.title ?? null,
        nav: this.options.nav
          .filter((n) => n.signedIn === undefined || n.signedIn === signedIn)
          .filter(
            (n) =>
              !n.permission ||
              (viewer.principal?.kind === 'staff' && hasPermission(viewer.principal, n.permission)),
          )
          .map((n) => ({ ...n, current: n.href === opts.active })),
      },
      this.options.layout,
    );
    res
      .status(opts.status ?? (res.statusCode >= 400 ? res.statusCode : 200))
      .setHeader('Content-Type', 'text/html; charset=utf-8')
      .setHeader('Content-Security-Policy', PAGE_CSP)
      .setHeader('Cache-Control', 'no-store')
      .setHeader('Referrer-Policy', 'same-origin')
      .send(html);
  }
}

/** The path of the page that sent this request, when it is one of this site's pages. */
function samePagePath(req: Request): string | null {
  const referer = req.get('referer');
  if (!referer) {
    return null;
  }
  try {
    const url = new URL(referer);
    return url.host === req.get('host') ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}
