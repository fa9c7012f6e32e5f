import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { RetentionService } from '@gongkai/core/archive';
import { Clock } from '@gongkai/core/platform';

/**
 * Every hour: erases the personal data of requests whose case file has reached the end of its retention
 * period (docs/security.md "Retention"; PIPL Art. 19, 47). Safe on several replicas.
 */
@Injectable()
export class RetentionJob {
  private readonly logger = new Logger(RetentionJob.name);

  constructor(
    private readonly retention: RetentionService,
    private readonly clock: Clock,
    private readonly heartbeats: WorkerHeartbeats,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'retention', waitForCompletion: true })
  run(): Promise<number> {
    return this.heartbeats.track(
      'retention',
      () => this.clock.now(),
      () => this.work(),
    );
  }

  private async work(): Promise<number> {
    const run = await this.retention.run();
    if (run.erased > 0 || run.due > 0 || run.onHold > 0) {
      this.logger.log(
        `retention (${run.mode}): ${run.erased} erased, ${run.due} due, ${run.onHold} held by an open remedy`,
      );
    }
    return run.erased;
  }
}
