import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { Clock } from '@gongkai/core/platform';
import { CaseLibraryService } from '@gongkai/core/reports';

/** Every five minutes: replied requests become reference cases of the case library (de-identified; replica-safe). */
@Injectable()
export class CaseLibraryJob {
  private readonly logger = new Logger(CaseLibraryJob.name);

  constructor(
    private readonly library: CaseLibraryService,
    private readonly clock: Clock,
    private readonly heartbeats: WorkerHeartbeats,
  ) {}

  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'case-library', waitForCompletion: true })
  run(): Promise<number> {
    return this.heartbeats.track(
      'case-library',
      () => this.clock.now(),
      () => this.work(),
    );
  }

  private async work(): Promise<number> {
    const made = await this.library.collect(500);
    if (made > 0) {
      this.logger.log(`case library: ${made} reference cases added`);
    }
    return made;
  }
}
