import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { APP_CONFIG } from '../platform';
import type { AppConfig } from '../platform';

export interface OutgoingMessage {
  /** An e-mail address or a phone number. */
  to: string;
  subject: string;
  body: string;
  /** The outbox key, so a provider may pass it on for the gateway's own deduplication. */
  key: string;
  /** Files sent with an e-mail (the letter served by e-mail). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** The mail server's acceptance of a message: the proof of service by e-mail. */
export interface MailAcceptance {
  messageId: string;
  /** The server's reply line (e.g. `250 2.0.0 Ok: queued as …`). */
  response: string;
}

/** Sends e-mail. The SMTP provider is used when SMTP_URL is set; otherwise messages go to the log. */
export abstract class EmailProvider {
  abstract send(message: OutgoingMessage): Promise<MailAcceptance | void>;
}

/** Sends SMS. Pluggable: the log provider for development, a webhook for a gateway adapter. */
export abstract class SmsProvider {
  abstract send(message: OutgoingMessage): Promise<MailAcceptance | void>;
}

/** Development: writes the message (to masked) to the log instead of sending it. */
export class LogMessageProvider implements EmailProvider, SmsProvider {
  private readonly logger: Logger;
  constructor(channel: string) {
    this.logger = new Logger(`Outbox:${channel}`);
  }

  send(message: OutgoingMessage): Promise<MailAcceptance> {
    const to = message.to.length > 4 ? `${'*'.repeat(message.to.length - 4)}${message.to.slice(-4)}` : '****';
    // Development only: the text is logged so one-time codes can be read there.
    this.logger.log(
      `${to} ← ${message.subject}: ${message.body} (${message.key})` +
        (message.attachments?.length ? ` [${message.attachments.map((a) => a.filename).join(', ')}]` : ''),
    );
    return Promise.resolve({ messageId: `<log.${message.key}@gongkai.local>`, response: 'logged' });
  }
}

@Injectable()
export class SmtpEmailProvider implements EmailProvider {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = createTransport(config.smtpUrl);
  }

  async send(message: OutgoingMessage): Promise<MailAcceptance> {
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.body,
      headers: { 'X-Gongkai-Key': message.key },
      attachments: message.attachments,
    })) as { messageId?: string; response?: string };
    return { messageId: info.messageId ?? '', response: info.response ?? '' };
  }
}

/** POSTs `{ to, text, key }` as JSON to SMS_WEBHOOK_URL; any 2xx counts as accepted. */
@Injectable()
export class WebhookSmsProvider implements SmsProvider {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(message: OutgoingMessage): Promise<void> {
    const res = await fetch(this.config.smsWebhookUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': message.key },
      body: JSON.stringify({
        to: message.to,
        text: `【${message.subject}】${message.body}`,
        key: message.key,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) {
      throw new Error(`SMS gateway answered ${res.status}`);
    }
  }
}

export const NOTIFICATION_PROVIDERS = [
  {
    provide: EmailProvider,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): EmailProvider =>
      config.smtpUrl ? new SmtpEmailProvider(config) : new LogMessageProvider('email'),
  },
  {
    provide: SmsProvider,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): SmsProvider =>
      config.smsProvider === 'webhook' ? new WebhookSmsProvider(config) : new LogMessageProvider('sms'),
  },
];
