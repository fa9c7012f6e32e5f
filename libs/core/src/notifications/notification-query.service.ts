import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Clock } from '../platform';
import { NotificationEntity } from './notification.entities';

export interface NotificationView {
  id: string;
  requestId: string | null;
  subject: string;
  body: string;
  createdAt: Date;
  read: boolean;
}

/** A person's in-app notifications (portal for citizens, console for staff). */
@Injectable()
export class NotificationQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(
    recipientType: 'citizen' | 'staff',
    recipientId: string,
    unreadOnly = false,
  ): Promise<NotificationView[]> {
    const qb = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where(`n.recipient_type = :recipientType AND n.recipient_id = :recipientId AND n.channel = 'in_app'`, {
        recipientType,
        recipientId,
      })
      .orderBy('n.id', 'DESC')
      .limit(100);
    if (unreadOnly) {
      qb.andWhere('n.read_at IS NULL');
    }
    const rows = await qb.getMany();
    return rows.map((n) => ({
      id: n.id,
      requestId: n.requestId,
      subject: n.subject,
      body: n.body,
      createdAt: n.createdAt,
      read: n.readAt !== null,
    }));
  }

  /** Marks one as read; someone else's notification is simply not found. */
  async markRead(
    recipientType: 'citizen' | 'staff',
    recipientId: string,
    id: string,
  ): Promise<{ read: boolean }> {
    const r = await this.dataSource
      .getRepository(NotificationEntity)
      .update({ id, recipientType, recipientId, channel: 'in_app' }, { readAt: this.clock.now() });
    return { read: (r.affected ?? 0) === 1 };
  }

  /** How many are unread (the desk's badge). */
  unreadCount(recipientType: 'citizen' | 'staff', recipientId: string): Promise<number> {
    return this.dataSource.getRepository(NotificationEntity).count({
      where: { recipientType, recipientId, channel: 'in_app', readAt: IsNull() },
    });
  }

  /** Marks all of one person's unread notifications as read. */
  async markAllRead(recipientType: 'citizen' | 'staff', recipientId: string): Promise<number> {
    const r = await this.dataSource
      .getRepository(NotificationEntity)
      .update(
        { recipientType, recipientId, channel: 'in_app', readAt: IsNull() },
        { readAt: this.clock.now() },
      );
    return r.affected ?? 0;
  }
}
