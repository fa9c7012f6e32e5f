import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@gongkai/domain';
import {
  CitizenAuthService,
  ONE_TIME_CODE_MINUTES,
  clearSessionCookie,
  normalizeCitizenLogin,
  setSessionCookie,
} from '@gongkai/core/identity';
import { NotificationQueryService } from '@gongkai/core/notifications';
import { APP_CONFIG, Access, CitizenCaller, RateLimiter } from '@gongkai/core/platform';
import type { AppConfig, Caller, CitizenPrincipal } from '@gongkai/core/platform';
import { NO_ERRORS, Pages, formErrors, problemsOf, safeReturn, text } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';
import { PORTAL_LIMITS } from '../portal-limits';
import { RegistrationCodes } from '../registration-codes.service';

/** The citizen's account: sign-in and out, sign-up with a one-time code by SMS, password, messages. */
@ApiExcludeController()
@Controller()
export class AccountPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly auth: CitizenAuthService,
    private readonly registration: RegistrationCodes,
    private readonly limiter: RateLimiter,
    private readonly notifications: NotificationQueryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Access('public')
  loginPage(@Req() req: Request, @Res() res: Response) {
    return this.renderLogin(req, res, NO_ERRORS, '');
  }

  @Post('login')
  @Access('public')
  async login(@Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const login = text(req.body, 'login', 254);
    const password = text(req.body, 'password', 256);
    if (!login || !password) {
      res.status(400);
      return this.renderLogin(
        req,
        res,
        formErrors([
          ...(!login ? [{ field: 'login', code: 'required', message: '请填写手机号码或电子邮箱' }] : []),
          ...(!password ? [{ field: 'password', code: 'required', message: '请填写密码' }] : []),
        ]),
        login,
      );
    }
    await this.limiter.hit(PORTAL_LIMITS.signInIp, req.ip ?? '');
    await this.limiter.hit(
      PORTAL_LIMITS.signInAccount,
      normalizeCitizenLogin(login)?.login ?? login.toLowerCase(),
    );
    try {
      const s = await this.auth.login(login, password, {
        ip: req.ip ?? '',
        userAgent: req.headers['user-agent'] ?? '',
      });
      setSessionCookie(res, 'citizen', s.token, s.expiresAt, this.config.nodeEnv === 'production');
      res.redirect(303, safeReturn(text(req.body, 'next', 500), '/requests'));
    } catch (e) {
      if (e instanceof DomainError && (e.kind === 'unauthenticated' || e.kind === 'rate_limited')) {
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

  @Post('logout')
  @Access('citizen')
  async logout(@CitizenCaller() c: Caller<CitizenPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    await this.auth.logout(c);
    clearSessionCookie(res, 'citizen');
    res.redirect(303, '/');
  }

  @Get('register')
  @Access('public')
  registerPage(@Req() req: Request, @Res() res: Response) {
    return this.pages.render(
      req,
      res,
      'account/register',
      { errors: NO_ERRORS, phone: '' },
      { title: '注册账号' },
    );
  }

  /**
   * Sends a code to the number. The page answers the same whether or not the number has an account:
   * an existing account's owner gets an SMS saying so instead of a code.
   */
  @Post('register')
  @Access('public')
  async sendCode(@Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const raw = text(req.body, 'phone', 20);
    const phone = normalizeCitizenLogin(raw);
    if (!phone || phone.kind !== 'phone') {
      res.status(400);
      return this.pages.render(
        req,
        res,
        'account/register',
        {
          errors: formErrors([{ field: 'phone', code: 'phone.format', message: '请填写 11 位手机号码' }]),
          phone: raw,
        },
        { title: '注册账号' },
      );
    }
    await this.limiter.hit(PORTAL_LIMITS.codeIp, req.ip ?? '');
    await this.limiter.hit(PORTAL_LIMITS.codePhone, phone.login);
    await this.registration.send(phone.login, 'phone');
    return this.renderVerify(req, res, NO_ERRORS, { phone: phone.login, displayName: '' });
  }

  @Post('register/verify')
  @Access('public')
  async verify(@Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const phone = normalizeCitizenLogin(text(req.body, 'phone', 20))?.login ?? '';
    const form = { phone, displayName: text(req.body, 'displayName', 50) };
    const code = text(req.body, 'code', 10);
    const password = text(req.body, 'password', 256);
    const problems = [
      ...(!form.displayName ? [{ field: 'displayName', code: 'required', message: '请填写称呼' }] : []),
      ...(password !== text(req.body, 'passwordAgain', 256)
        ? [{ field: 'passwordAgain', code: 'password.mismatch', message: '两次输入的密码不一致' }]
        : []),
    ];
    await this.limiter.hit(PORTAL_LIMITS.registerIp, req.ip ?? '');
    if (!phone || !(await this.registration.consume(phone, code))) {
      problems.unshift({ field: 'code', code: 'code.wrong', message: '验证码不正确或已过期，请重新获取' });
    }
    if (problems.length === 0) {
      try {
        const s = await this.auth.register(
          { login: phone, password, displayName: form.displayName },
          { ip: req.ip ?? '', userAgent: req.headers['user-agent'] ?? '' },
        );
        setSessionCookie(res, 'citizen', s.token, s.expiresAt, this.config.nodeEnv === 'production');
        return res.redirect(303, '/requests?welcome=1');
      } catch (e) {
        const p = problemsOf(e);
        if (!p) {
          throw e;
        }
        problems.push(...p.map((x) => ({ ...x, field: x.field === 'login' ? 'code' : x.field })));
      }
    }
    res.status(400);
    return this.renderVerify(req, res, formErrors(problems), form);
  }

  @Get('account/password')
  @Access('citizen')
  passwordPage(@Req() req: Request, @Res() res: Response) {
    return this.pages.render(req, res, 'account/password', { errors: NO_ERRORS }, { title: '修改密码' });
  }

  @Post('account/password')
  @Access('citizen')
  async changePassword(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    await this.limiter.hit(PORTAL_LIMITS.passwordAccount, c.principal.citizenId);
    const next = text(req.body, 'newPassword', 256);
    try {
      if (next !== text(req.body, 'newPasswordAgain', 256)) {
        throw new DomainError('VALIDATION.FAILED', 'invalid_input', '两次输入的密码不一致', [
          { field: 'newPasswordAgain', code: 'password.mismatch', message: '两次输入的新密码不一致' },
        ]);
      }
      await this.auth.changePassword(c, text(req.body, 'currentPassword', 256), next);
      res.redirect(303, '/requests?password=changed');
    } catch (e) {
      const p = problemsOf(e);
      if (!p) {
        throw e;
      }
      res.status(400);
      return this.pages.render(
        req,
        res,
        'account/password',
        { errors: formErrors(p) },
        { title: '修改密码' },
      );
    }
  }

  @Get('account/notifications')
  @Access('citizen')
  async notificationsPage(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const list = await this.notifications.list('citizen', c.principal.citizenId, false);
    return this.pages.render(
      req,
      res,
      'account/notifications',
      { list },
      { title: '我的消息', active: '/account/notifications' },
    );
  }

  @Post('account/notifications/:id/read')
  @Access('citizen')
  async markRead(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    if (/^\d{1,18}$/.test(id)) {
      await this.notifications.markRead('citizen', c.principal.citizenId, id);
    }
    res.redirect(303, '/account/notifications');
  }

  private renderLogin(req: Request, res: Response, errors: FormErrors, login: string) {
    const next = safeReturn(
      typeof req.query.next === 'string' ? req.query.next : text(req.body, 'next', 500),
      '',
    );
    return this.pages.render(
      req,
      res,
      'account/login',
      { errors, login, next },
      { title: '登录', active: '/login' },
    );
  }

  private renderVerify(
    req: Request,
    res: Response,
    errors: FormErrors,
    form: { phone: string; displayName: string },
  ) {
    return this.pages.render(
      req,
      res,
      'account/register-verify',
      { errors, form, minutes: ONE_TIME_CODE_MINUTES },
      { title: '填写验证码，设置密码' },
    );
  }
}
