import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { SweepResult, SweepService } from '@gongkai/core/handling';

/**
 * Every minute: due-soon and overdue reminders, expired correction and payment periods (proposed
 * termination), lapsed consultations. Safe on several replicas: each item is claimed once.
 */
@Injectable()
export class SweepJob {
  private readonly logger = new Logger(SweepJob.name);

  constructor(private readonly sweeps: SweepService) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'handling-sweep', waitForCompletion: true })
  async run(): Promise<SweepResult> {
    const result = await this.sweeps.run();
    if (result.dueSoon + result.overdue + result.proposals + result.lapsed + result.failed > 0) {
      this.logger.log(`sweep: ${JSON.stringify(result)}`);
    }
    return result;
  }
}
