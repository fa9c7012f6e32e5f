import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { AuditService, Clock } from '@gongkai/core/platform';
import { FrequentJob } from './frequent-job';

/**
 * Four times a second: the audit rows written since the last run are linked into the keyed chain (one
 * replica at a time; the others find the sequencer's lock taken and do nothing).
 */
@Injectable()
export class AuditSequencerJob {
  private readonly job: FrequentJob;

  constructor(
    private readonly audit: AuditService,
    clock: Clock,
    heartbeats: WorkerHeartbeats,
  ) {
    this.job = new FrequentJob('audit-sequencer', heartbeats, () => clock.now());
  }

  @Interval('audit-sequencer', 250)
  run(): Promise<number> {
    return this.job.run(() => this.audit.sequence());
  }
}
