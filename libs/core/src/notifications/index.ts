export { NOTIFICATION_PROVIDERS } from './notification-providers';
export { NotificationQueryService } from './notification-query.service';
export { JobRunEntity, NotificationEntity } from './notification.entities';
export { NotificationService } from './notification.service';
export { OutboxService } from './outbox.service';
export { NotificationsModule } from './notifications.module';
export { EmailProvider, SmsProvider } from './notification-providers';
export type { MailAcceptance } from './notification-providers';
export type { OutgoingMessage } from './notification-providers';
