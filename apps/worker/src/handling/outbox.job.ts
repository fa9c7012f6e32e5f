import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock } from '@gongkai/core/platform';
import { OutboxService } from '@gongkai/core/notifications';

/** Every 10 seconds: deliver the notification outbox (in-app, e-mail, SMS), with retries. */
@Injectable()
export class OutboxJob {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_10_SECONDS, { name: 'outbox', waitForCompletion: true })
  run(): Promise<number> {
    return this.outbox.deliverDue(this.clock.now());
  }
}
