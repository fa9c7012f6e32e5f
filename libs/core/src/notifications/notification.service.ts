import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestEntity } from '../request-record';
import { NotificationChannel, NotificationEntity } from './notification.entities';

export interface Message {
  /** What the notice is about, unique per request (e.g. `correction_notice`): with the recipient and channel it is the dedup key. */
  topic: string;
  subject: string;
  body: string;
}

/**
 * Writes notifications into the outbox, in the caller's transaction, so a notice exists exactly
 * when the event it reports does. The worker delivers them; a repeated key is ignored.
 */
@Injectable()
export class NotificationService {
  /** The applicant: in the portal account when they applied online, and by SMS and e-mail where given. */
  async notifyApplicant(
    em: EntityManager,
    request: RequestEntity,
    message: Message,
    at: Date,
  ): Promise<void> {
    const channels: NotificationChannel[] = [];
    if (request.citizenId) {
      channels.push('in_app');
    }
    if (request.phoneEnc) {
      channels.push('sms');
    }
    if (request.email) {
      channels.push('email');
    }
    const recipientType = request.citizenId ? 'citizen' : 'applicant';
    const recipientId = request.citizenId ?? request.id;
    await this.enqueue(
      em,
      channels.map((channel) => ({
        key: `request:${request.id}:${message.topic}:${recipientType}:${channel}`,
        channel,
        recipientType,
        recipientId,
        requestId: request.id,
        subject: message.subject,
        body: message.body,
      })),
      at,
    );
  }

  /** Staff: in the console (their notification list). */
  async notifyStaff(
    em: EntityManager,
    userIds: string[],
    requestId: string | null,
    message: Message,
    at: Date,
  ): Promise<number> {
    return this.enqueue(
      em,
      [...new Set(userIds)].map((userId) => ({
        key: `${requestId ? `request:${requestId}` : 'system'}:${message.topic}:staff:${userId}:in_app`,
        channel: 'in_app' as const,
        recipientType: 'staff' as const,
        recipientId: userId,
        requestId,
        subject: message.subject,
        body: message.body,
      })),
      at,
    );
  }

  private async enqueue(
    em: EntityManager,
    rows: Pick<
      NotificationEntity,
      'key' | 'channel' | 'recipientType' | 'recipientId' | 'requestId' | 'subject' | 'body'
    >[],
    at: Date,
  ): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(
        rows.map((r) => ({
          ...r,
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: at,
          createdAt: at,
        })),
      )
      .orIgnore()
      .execute();
    return result.identifiers.filter((i) => i !== undefined).length;
  }
}
