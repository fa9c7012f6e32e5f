import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { RateLimit } from '@gongkai/core/platform';
import { PORTAL_LIMITS } from '../portal-limits';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { APP_CONFIG, Access, CitizenCaller } from '@gongkai/core/platform';
import {
  CitizenAuthService,
  ONE_TIME_CODE_MINUTES,
  clearSessionCookie,
  normalizeCitizenLogin,
  setSessionCookie,
} from '@gongkai/core/identity';
import { invalidInput } from '@gongkai/domain';
import { RegistrationCodes } from '../registration-codes.service';
import type { AppConfig, Caller, CitizenPrincipal } from '@gongkai/core/platform';

export class CitizenLoginDto {
  @ApiProperty({ description: '手机号码或电子邮箱', example: '13812345678' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  login!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password!: string;
}

export class CitizenRegisterDto extends CitizenLoginDto {
  @ApiProperty({ description: '称呼', example: '张先生' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName!: string;

  @ApiProperty({ description: '发到该手机或邮箱的 6 位验证码（先调用 register/code）', example: '123456' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  code!: string;
}

export class RegistrationCodeDto {
  @ApiProperty({ description: '手机号码或电子邮箱', example: '13812345678' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  login!: string;
}

@ApiTags('account')
@ApiBearerAuth()
@Controller('api/portal/auth')
export class AuthController {
  constructor(
    private readonly auth: CitizenAuthService,
    private readonly registration: RegistrationCodes,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @RateLimit([PORTAL_LIMITS.codeIp, 'ip'], [PORTAL_LIMITS.codePhone, { body: 'login' }])
  @Post('register/code')
  @HttpCode(202)
  @Access('public')
  @ApiOperation({
    summary:
      'Send a registration code to a phone (SMS) or e-mail; the answer is the same whether or not it has an account',
  })
  async registrationCode(@Body() body: RegistrationCodeDto) {
    const login = normalizeCitizenLogin(body.login);
    if (!login) {
      throw invalidInput('login', 'login.format', '请输入手机号码或电子邮箱');
    }
    await this.registration.send(login.login, login.kind);
    return { sent: true, minutes: ONE_TIME_CODE_MINUTES };
  }

  @RateLimit([PORTAL_LIMITS.registerIp, 'ip'])
  @Post('register')
  @Access('public')
  @ApiOperation({ summary: 'Open an account with the code sent to the phone or e-mail, and a password' })
  async register(
    @Body() body: CitizenRegisterDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const login = normalizeCitizenLogin(body.login);
    if (!login || !(await this.registration.consume(login.login, body.code))) {
      // The same refusal for a wrong code and for an address that already has an account.
      throw invalidInput('code', 'code.wrong', '验证码不正确或已过期，请重新获取');
    }
    const s = await this.auth.register(body, {
      ip: req.ip ?? '',
      userAgent: req.headers['user-agent'] ?? '',
    });
    setSessionCookie(res, 'citizen', s.token, s.expiresAt, this.config.nodeEnv === 'production');
    return s;
  }

  @RateLimit([PORTAL_LIMITS.signInIp, 'ip'], [PORTAL_LIMITS.signInAccount, { body: 'login' }])
  @Post('login')
  @HttpCode(200)
  @Access('public')
  async login(@Body() body: CitizenLoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const s = await this.auth.login(body.login, body.password, {
      ip: req.ip ?? '',
      userAgent: req.headers['user-agent'] ?? '',
    });
    setSessionCookie(res, 'citizen', s.token, s.expiresAt, this.config.nodeEnv === 'production');
    return s;
  }

  @Post('logout')
  @HttpCode(204)
  @Access('citizen')
  async logout(@CitizenCaller() caller: Caller<CitizenPrincipal>, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(caller);
    clearSessionCookie(res, 'citizen');
  }

  @Get('me')
  @Access('citizen')
  me(@CitizenCaller() { principal }: Caller<CitizenPrincipal>) {
    return { id: principal.citizenId, login: principal.login, displayName: principal.displayName };
  }
}
