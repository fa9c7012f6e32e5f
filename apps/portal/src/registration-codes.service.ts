import { Injectable, Logger } from '@nestjs/common';
import { CitizenAuthService, ONE_TIME_CODE_MINUTES, OneTimeCodeService } from '@gongkai/core/identity';
import { EmailProvider, SmsProvider } from '@gongkai/core/notifications';

/** The purpose a registration code is issued for. */
export const REGISTER_CODE_PURPOSE = 'citizen.register';

/**
 * Registration proves the phone or e-mail is the citizen's with a one-time code, and never says
 * whether an account exists: the answer is the same either way, and an existing account's owner gets
 * a message saying so instead of a code (so a registration for that address can never complete).
 */
@Injectable()
export class RegistrationCodes {
  private readonly logger = new Logger(RegistrationCodes.name);

  constructor(
    private readonly auth: CitizenAuthService,
    private readonly codes: OneTimeCodeService,
    private readonly sms: SmsProvider,
    private readonly email: EmailProvider,
  ) {}

  async send(login: string, kind: 'phone' | 'email'): Promise<void> {
    const body = (await this.auth.exists(login))
      ? `该${kind === 'phone' ? '手机号码' : '邮箱'}已注册政府信息公开网上申请账号，请直接登录；如非本人操作，请忽略本消息。`
      : `您的注册验证码为 ${await this.codes.issue(REGISTER_CODE_PURPOSE, login)}，${ONE_TIME_CODE_MINUTES} 分钟内有效。如非本人操作，请忽略本消息。`;
    const provider = kind === 'phone' ? this.sms : this.email;
    // Sent in the background: the answer must not take longer for one kind of address than the other.
    provider
      .send({ to: login, subject: '政府信息公开', body, key: `register:${login}:${Date.now()}` })
      .catch((e: unknown) => this.logger.warn({ err: e }, 'registration message not sent'));
  }

  /** True once for the right code of this address. */
  consume(login: string, code: string): Promise<boolean> {
    return this.codes.consume(REGISTER_CODE_PURPOSE, login, code);
  }
}
