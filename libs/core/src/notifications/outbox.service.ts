import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataKeys, PersonalDataCipher } from '../platform';
import { CitizenEntity } from '../identity';
import { RequestEntity } from '../request-record';
import { EmailProvider, SmsProvider } from './notification-providers';
import { NotificationEntity } from './notification.entities';

/** Retries back off 1, 2, 4 … minutes; after this many attempts a notification is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/**
 * Delivers the outbox (docs/domain-rules.md "Notifications"): one row per transaction, taken with
 * `FOR UPDATE SKIP LOCKED`, so several workers deliver side by side and never the same row at once.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly email: EmailProvider,
    private readonly sms: SmsProvider,
    private readonly cipher: PersonalDataCipher,
    private readonly dataKeys: DataKeys,
  ) {}

  /** Delivers everything due at `now`, up to `limit`; returns how many rows it handled. */
  async deliverDue(now: Date, limit = 200): Promise<number> {
    let handled = 0;
    while (handled < limit && (await this.deliverOne(now))) {
      handled++;
    }
    return handled;
  }

  private deliverOne(now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const row = await em
        .getRepository(NotificationEntity)
        .createQueryBuilder('n')
        .where(`n.status = 'pending' AND n.next_attempt_at <= :now`, { now })
        .orderBy('n.id', 'ASC')
        .limit(1)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!row) {
        return false;
      }
      try {
        await this.send(em, row);
        await em.update(
          NotificationEntity,
          { id: row.id },
          { status: 'sent', sentAt: now, attempts: row.attempts + 1 },
        );
      } catch (e) {
        const attempts = row.attempts + 1;
        const message = e instanceof Error ? e.message : String(e);
        this.logger.warn(`notification ${row.id} (${row.channel}) failed, attempt ${attempts}: ${message}`);
        await em.update(
          NotificationEntity,
          { id: row.id },
          {
            attempts,
            lastError: message.slice(0, 500),
            status: attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending',
            nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)),
          },
        );
      }
      return true;
    });
  }

  private async send(em: EntityManager, n: NotificationEntity): Promise<void> {
    if (n.channel === 'in_app') {
      return; // Stored is delivered: the portal and console list it.
    }
    const to = await this.address(em, n);
    if (!to) {
      throw new Error(`no ${n.channel} address`);
    }
    const provider = n.channel === 'email' ? this.email : this.sms;
    await provider.send({ to, subject: n.subject, body: n.body, key: n.key });
  }

  /** The address at delivery time, decrypted only here and never stored in the outbox. */
  private async address(em: EntityManager, n: NotificationEntity): Promise<string | null> {
    const request = n.requestId ? await em.getRepository(RequestEntity).findOneBy({ id: n.requestId }) : null;
    if (request) {
      return n.channel === 'email' ? request.email : this.dataKeys.decrypt(request.phoneEnc, em);
    }
    if (n.recipientType === 'citizen') {
      const citizen = await em.getRepository(CitizenEntity).findOneBy({ id: n.recipientId });
      if (!citizen || (citizen.loginKind === 'email') !== (n.channel === 'email')) {
        return null;
      }
      return citizen.loginEnc ? this.cipher.decrypt(citizen.loginEnc) : citizen.login;
    }
    return null;
  }
}
