import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { AttachmentService } from '@gongkai/core/attachments';
import { Clock } from '@gongkai/core/platform';

/** Every hour: purge uploads that no request took within a day (safe on several replicas). */
@Injectable()
export class UploadPurgeJob {
  private readonly logger = new Logger(UploadPurgeJob.name);

  constructor(
    private readonly attachments: AttachmentService,
    private readonly clock: Clock,
    private readonly heartbeats: WorkerHeartbeats,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'upload-purge', waitForCompletion: true })
  run(): Promise<number> {
    return this.heartbeats.track(
      'upload-purge',
      () => this.clock.now(),
      () => this.work(),
    );
  }

  private async work(): Promise<number> {
    const purged = await this.attachments.purgeOrphans(this.clock.now());
    if (purged > 0) {
      this.logger.log(`purged ${purged} unused uploads`);
    }
    return purged;
  }
}
