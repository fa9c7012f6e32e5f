import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { Clock } from '@gongkai/core/platform';
import { OutboxService } from '@gongkai/core/notifications';

/** Every 10 seconds: deliver the notification outbox (in-app, e-mail, SMS), with retries. */
@Injectable()
export class OutboxJob {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly heartbeats: WorkerHeartbeats,
  ) {}

  @Cron(CronExpression.EVERY_10_SECONDS, { name: 'outbox', waitForCompletion: true })
  run(): Promise<number> {
    return this.heartbeats.track(
      'outbox',
      () => this.clock.now(),
      () => this.work(),
    );
  }

  private work(): Promise<number> {
    return this.outbox.deliverDue(this.clock.now());
  }
}
