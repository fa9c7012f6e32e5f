import { Module } from '@nestjs/common';
import { AuditModule, ClockModule, CryptoModule } from '../platform';
import { EmailProvider, NOTIFICATION_PROVIDERS, SmsProvider } from './notification-providers';
import { NotificationQueryService } from './notification-query.service';
import { NotificationService } from './notification.service';
import { OutboxMonitor } from './outbox-monitor.service';
import { OutboxService } from './outbox.service';

const SERVICES = [NotificationService, NotificationQueryService, OutboxService, OutboxMonitor];

/** In-app notifications and the outbox that sends SMS and e-mail exactly once. */
@Module({
  imports: [AuditModule, ClockModule, CryptoModule],
  providers: [...SERVICES, ...NOTIFICATION_PROVIDERS],
  // The providers are exported for messages that must not wait in the outbox (one-time codes).
  exports: [...SERVICES, SmsProvider, EmailProvider],
})
export class NotificationsModule {}
