import { Logger } from '@nestjs/common';
import type { WorkerHeartbeats, WorkerJob } from '@gongkai/core/alerts';

/**
 * A job that runs several times a second: one run at a time (a run still going is not started again), a
 * failure logged (the next run tries again), and its heartbeat written only every few seconds.
 */
export class FrequentJob {
  private running = false;
  private lastBeat = 0;
  private readonly logger: Logger;

  constructor(
    private readonly job: WorkerJob,
    private readonly heartbeats: WorkerHeartbeats,
    private readonly now: () => Date,
    private readonly beatEveryMs = 5000,
  ) {
    this.logger = new Logger(job);
  }

  async run(work: () => Promise<number>): Promise<number> {
    if (this.running) {
      return 0;
    }
    this.running = true;
    try {
      if (Date.now() - this.lastBeat >= this.beatEveryMs) {
        this.lastBeat = Date.now();
        return await this.heartbeats.track(this.job, this.now, work);
      }
      return await work();
    } catch (e) {
      this.logger.warn(`${this.job}: ${(e as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
