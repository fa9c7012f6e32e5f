import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { RateLimit } from '@gongkai/core/platform';
import { CONSOLE_LIMITS } from '../console-limits';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, Access, AllowWhilePasswordExpired, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import {
  SecondFactorService,
  SessionService,
  StaffAdminService,
  StaffAuthService,
  clearSessionCookie,
  setSessionCookie,
} from '@gongkai/core/identity';
import type { AppConfig, Caller, StaffPrincipal } from '@gongkai/core/platform';
import { ROLE_LABELS } from '@gongkai/domain';
import { ChangePasswordDto, EnrolmentCodeDto, SecondFactorDto, StaffLoginDto } from './auth.dto';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/console/auth')
export class AuthController {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly sessions: SessionService,
    private readonly admin: StaffAdminService,
    private readonly secondFactor: SecondFactorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @RateLimit([CONSOLE_LIMITS.signInIp, 'ip'], [CONSOLE_LIMITS.signInAccount, { body: 'login' }])
  @Post('login')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary:
      'Sign in (5 failures lock the name for 15 minutes); with a second factor, answers { secondFactorRequired, challenge } instead of a session',
  })
  async login(@Body() body: StaffLoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const session = await this.auth.login(body.login, body.password, {
      ip: req.ip ?? '',
      userAgent: req.headers['user-agent'] ?? '',
    });
    if ('token' in session) {
      setSessionCookie(res, 'staff', session.token, session.expiresAt, this.config.nodeEnv === 'production');
    }
    return session;
  }

  @RateLimit([CONSOLE_LIMITS.signInIp, 'ip'])
  @Post('second-factor')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({ summary: 'The TOTP code (or a recovery code) for the challenge of a sign-in: the session' })
  async secondFactorLogin(
    @Body() body: SecondFactorDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const s = await this.secondFactor.complete(body.challenge, body.code, {
      ip: req.ip ?? '',
      userAgent: req.headers['user-agent'] ?? '',
    });
    setSessionCookie(res, 'staff', s.token, s.expiresAt, this.config.nodeEnv === 'production');
    return { token: s.token, expiresAt: s.expiresAt, mustChangePassword: s.mustChangePassword };
  }

  @Get('second-factor')
  @Access('staff')
  @AllowWhilePasswordExpired()
  @ApiOperation({
    summary: 'Whether I have a second factor, whether it is required of me, recovery codes left',
  })
  secondFactorStatus(@StaffCaller() c: Caller<StaffPrincipal>) {
    return this.secondFactor.status(c);
  }

  @Post('second-factor/enrolment')
  @HttpCode(200)
  @Access('staff')
  @AllowWhilePasswordExpired()
  @ApiOperation({ summary: 'Start setting up TOTP: a new secret, its otpauth:// URI and QR code (SVG)' })
  startEnrolment(@StaffCaller() c: Caller<StaffPrincipal>) {
    return this.secondFactor.startEnrolment(c);
  }

  @Post('second-factor/enrolment/confirm')
  @HttpCode(200)
  @Access('staff')
  @AllowWhilePasswordExpired()
  @ApiOperation({ summary: 'Confirm the new secret with a code from it; answers ten recovery codes, once' })
  confirmEnrolment(@StaffCaller() c: Caller<StaffPrincipal>, @Body() body: EnrolmentCodeDto) {
    return this.secondFactor.confirmEnrolment(c, body.code);
  }

  @Post('logout')
  @HttpCode(204)
  @Access('staff')
  @AllowWhilePasswordExpired()
  async logout(@StaffCaller() caller: Caller<StaffPrincipal>, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(caller);
    clearSessionCookie(res, 'staff');
  }

  @Get('me')
  @Access('staff')
  @AllowWhilePasswordExpired()
  me(@StaffCaller() { principal }: Caller<StaffPrincipal>) {
    return {
      id: principal.userId,
      login: principal.login,
      displayName: principal.displayName,
      mustChangePassword: principal.mustChangePassword,
      roles: principal.roles.map((r) => ({ role: r.role, label: ROLE_LABELS[r.role], agencyId: r.agencyId })),
    };
  }

  @RateLimit([CONSOLE_LIMITS.passwordAccount, 'principal'])
  @Post('change-password')
  @HttpCode(204)
  @Access('staff')
  @AllowWhilePasswordExpired()
  async changePassword(@StaffCaller() caller: Caller<StaffPrincipal>, @Body() body: ChangePasswordDto) {
    await this.auth.changePassword(caller, body.currentPassword, body.newPassword);
  }

  @Get('sessions')
  @Access('staff')
  async mySessions(@StaffCaller() caller: Caller<StaffPrincipal>) {
    const rows = await this.sessions.listFor(caller.principal.userId);
    return rows.map((s) => ({
      id: s.id,
      current: s.id === caller.principal.sessionId,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      ip: s.ip,
      userAgent: s.userAgent,
    }));
  }

  @Post('sessions/:sessionId/revoke')
  @HttpCode(204)
  @Access('staff')
  @ApiOperation({ summary: 'End one of your sessions (a security administrator may end anyone’s)' })
  async revoke(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('sessionId', uuidPipe('sessionId')) sessionId: string,
  ) {
    await this.admin.revokeSessions(caller, { sessionId }, 'revoked');
  }
}
