import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { Clock } from '@gongkai/core/platform';
import { SweepResult, SweepService } from '@gongkai/core/handling';

/**
 * Every minute: due-soon and overdue reminders, expired correction and payment periods (proposed
 * termination), lapsed consultations. Safe on several replicas: each item is claimed once.
 */
@Injectable()
export class SweepJob {
  private readonly logger = new Logger(SweepJob.name);

  constructor(
    private readonly sweeps: SweepService,
    private readonly clock: Clock,
    private readonly heartbeats: WorkerHeartbeats,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'handling-sweep', waitForCompletion: true })
  run(): Promise<SweepResult> {
    return this.heartbeats.track(
      'handling-sweep',
      () => this.clock.now(),
      () => this.work(),
    );
  }

  private async work(): Promise<SweepResult> {
    const result = await this.sweeps.run();
    if (result.dueSoon + result.overdue + result.proposals + result.lapsed + result.failed > 0) {
      this.logger.log(`sweep: ${JSON.stringify(result)}`);
    }
    return result;
  }
}
