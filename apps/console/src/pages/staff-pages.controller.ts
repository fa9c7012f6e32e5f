import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { RateLimit } from '@gongkai/core/platform';
import { CONSOLE_LIMITS } from '../console-limits';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@gongkai/domain';
import type { Permission, WorklistQueue } from '@gongkai/domain';
import {
  SecondFactorService,
  StaffAuthService,
  clearSessionCookie,
  setSessionCookie,
} from '@gongkai/core/identity';
import {
  APP_CONFIG,
  Access,
  AllowWhilePasswordExpired,
  StaffCaller,
  hasPermission,
} from '@gongkai/core/platform';
import type { AppConfig, Caller, StaffPrincipal } from '@gongkai/core/platform';
import { WorklistService } from '@gongkai/core/requests/queries';
import { NotificationQueryService } from '@gongkai/core/notifications';
import { SystemAlertRepository } from '@gongkai/core/alerts';
import { NO_ERRORS, Pages, formErrors, problemsOf, safeReturn, text } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';
import { QUEUE_LABELS } from './console-web';

/** The counts of the desk's home page, each shown to those who work that queue. */
export const HOME_QUEUES: [WorklistQueue, Permission][] = [
  ['mine', 'request.handle'],
  ['unassigned', 'request.claim'],
  ['due_soon', 'request.read'],
  ['overdue', 'request.read'],
  ['to_review', 'request.review'],
  ['to_sign', 'request.sign'],
  ['to_serve', 'request.handle'],
  ['to_archive', 'request.handle'],
  ['consulting', 'request.handle'],
];

/** The desk's sign-in, sign-out, password change and home page (工作台). */
@ApiExcludeController()
@Controller()
export class StaffPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly auth: StaffAuthService,
    private readonly secondFactor: SecondFactorService,
    private readonly worklists: WorklistService,
    private readonly notifications: NotificationQueryService,
    private readonly alerts: SystemAlertRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Access('public')
  loginPage(@Req() req: Request, @Res() res: Response) {
    return this.renderLogin(req, res, NO_ERRORS, '');
  }

  @RateLimit([CONSOLE_LIMITS.signInIp, 'ip'], [CONSOLE_LIMITS.signInAccount, { body: 'login' }])
  @Post('login')
  @Access('public')
  async login(@Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const login = text(req.body, 'login', 100);
    const password = text(req.body, 'password', 256);
    try {
      const s = await this.auth.login(login, password, {
        ip: req.ip ?? '',
        userAgent: req.headers['user-agent'] ?? '',
      });
      const next = safeReturn(text(req.body, 'next', 500), '/');
      if (!('token' in s)) {
        // The password was right; the session comes after the code from the authenticator.
        return this.renderCode(req, res, s.challenge, next, NO_ERRORS);
      }
      setSessionCookie(res, 'staff', s.token, s.expiresAt, this.config.nodeEnv === 'production');
      res.redirect(303, s.mustChangePassword ? `/account/password?next=${encodeURIComponent(next)}` : next);
    } catch (e) {
      if (
        e instanceof DomainError &&
        (e.kind === 'unauthenticated' || e.kind === 'rate_limited' || e.kind === 'invalid_input')
      ) {
        res.status(e.kind === 'rate_limited' ? 429 : 400);
        return this.renderLogin(
          req,
          res,
          formErrors([{ field: 'login', code: e.code, message: e.message }]),
          login,
        );
      }
      throw e;
    }
  }

  @RateLimit([CONSOLE_LIMITS.signInIp, 'ip'])
  @Post('login/code')
  @Access('public')
  async loginCode(@Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const challenge = text(req.body, 'challenge', 100);
    const next = safeReturn(text(req.body, 'next', 500), '/');
    try {
      const s = await this.secondFactor.complete(challenge, text(req.body, 'code', 20), {
        ip: req.ip ?? '',
        userAgent: req.headers['user-agent'] ?? '',
      });
      setSessionCookie(res, 'staff', s.token, s.expiresAt, this.config.nodeEnv === 'production');
      res.redirect(303, s.mustChangePassword ? `/account/password?next=${encodeURIComponent(next)}` : next);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'AUTH.CHALLENGE_EXPIRED') {
        res.status(401);
        return this.renderLogin(
          req,
          res,
          formErrors([{ field: 'login', code: e.code, message: e.message }]),
          '',
        );
      }
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.renderCode(req, res, challenge, next, formErrors(problems));
    }
  }

  /** 动态口令: status, setting up with a QR code, the recovery codes shown once. */
  @Get('account/second-factor')
  @Access('staff')
  @AllowWhilePasswordExpired()
  async secondFactorPage(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.renderSecondFactor(c, req, res, NO_ERRORS, null);
  }

  @Post('account/second-factor')
  @Access('staff')
  @AllowWhilePasswordExpired()
  async confirmSecondFactor(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    try {
      const { recoveryCodes } = await this.secondFactor.confirmEnrolment(c, text(req.body, 'code', 20));
      return this.renderSecondFactor(c, req, res, NO_ERRORS, recoveryCodes);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.renderSecondFactor(c, req, res, formErrors(problems), null);
    }
  }

  private async renderSecondFactor(
    c: Caller<StaffPrincipal>,
    req: Request,
    res: Response,
    errors: FormErrors,
    recoveryCodes: string[] | null,
  ) {
    const status = await this.secondFactor.status(c);
    // A new secret each time the page is shown for setting up: the one scanned is the one confirmed.
    const setup = status.enabled || recoveryCodes ? null : await this.secondFactor.startEnrolment(c);
    return this.pages.render(
      req,
      res,
      'second-factor',
      { status, setup, errors, recoveryCodes },
      { title: '动态口令', active: '/account/second-factor' },
    );
  }

  private renderCode(req: Request, res: Response, challenge: string, next: string, errors: FormErrors) {
    return this.pages.render(req, res, 'login-code', { challenge, next, errors }, { title: '输入动态口令' });
  }

  @Post('logout')
  @Access('staff')
  @AllowWhilePasswordExpired()
  async logout(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    await this.auth.logout(c);
    clearSessionCookie(res, 'staff');
    res.redirect(303, '/login');
  }

  @Get('account/password')
  @Access('staff')
  @AllowWhilePasswordExpired()
  passwordPage(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    return this.renderPassword(req, res, NO_ERRORS, c.principal.mustChangePassword);
  }

  @RateLimit([CONSOLE_LIMITS.passwordAccount, 'principal'])
  @Post('account/password')
  @Access('staff')
  @AllowWhilePasswordExpired()
  async changePassword(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const next = text(req.body, 'newPassword', 256);
    try {
      if (next !== text(req.body, 'newPasswordAgain', 256)) {
        throw new DomainError('VALIDATION.FAILED', 'invalid_input', '两次输入的新密码不一致', [
          { field: 'newPasswordAgain', code: 'password.mismatch', message: '两次输入的新密码不一致' },
        ]);
      }
      await this.auth.changePassword(c, text(req.body, 'currentPassword', 256), next);
      res.redirect(303, safeReturn(typeof req.query.next === 'string' ? req.query.next : '', '/'));
    } catch (e) {
      const p = problemsOf(e);
      if (!p) {
        throw e;
      }
      res.status(400);
      return this.renderPassword(req, res, formErrors(p), c.principal.mustChangePassword);
    }
  }

  @Get()
  @Access('staff')
  async home(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const queues = HOME_QUEUES.filter(([, permission]) => hasPermission(c.principal, permission));
    const counts = await Promise.all(
      queues.map(async ([queue]) => {
        const list = await this.worklists.worklist(c, {
          queue,
          scope: 'subtree',
          withinDays: this.config.dueSoonWorkingDays,
          sort: 'deadline',
          page: 1,
          pageSize: 1,
        });
        return { queue, label: QUEUE_LABELS[queue], total: list.total, href: `/worklist?queue=${queue}` };
      }),
    );
    const [unread, latest, alerts] = await Promise.all([
      this.notifications.unreadCount('staff', c.principal.userId),
      this.notifications.list('staff', c.principal.userId, true),
      this.alerts.open(),
    ]);
    return this.pages.render(
      req,
      res,
      'home',
      {
        counts,
        withinDays: this.config.dueSoonWorkingDays,
        unread,
        latest: latest.slice(0, 5),
        alerts: alerts.map((a) => ({ subject: a.subject, message: a.message, raisedAt: a.raisedAt })),
      },
      { title: '工作台首页', active: '/' },
    );
  }

  private renderLogin(req: Request, res: Response, errors: FormErrors, login: string) {
    const next = safeReturn(
      typeof req.query.next === 'string' ? req.query.next : text(req.body, 'next', 500),
      '',
    );
    const expired = req.query.expired === '1';
    return this.pages.render(req, res, 'login', { errors, login, next, expired }, { title: '登录' });
  }

  private renderPassword(req: Request, res: Response, errors: FormErrors, forced: boolean) {
    return this.pages.render(
      req,
      res,
      'password',
      { errors, forced },
      { title: '修改密码', active: '/account/password' },
    );
  }
}
