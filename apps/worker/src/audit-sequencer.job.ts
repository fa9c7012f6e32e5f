import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { AuditService, Clock } from '@gongkai/core/platform';

/** How often the sequencer links new audit rows, and how often it says so on the health page. */
const EVERY_MS = 250;
const BEAT_EVERY_MS = 5000;

/**
 * A few times a second: the audit rows written since the last run are linked into the keyed chain (one
 * replica at a time; the others find the sequencer's lock taken and do nothing).
 */
@Injectable()
export class AuditSequencerJob {
  private readonly logger = new Logger(AuditSequencerJob.name);
  private running = false;
  private lastBeat = 0;

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly heartbeats: WorkerHeartbeats,
  ) {}

  @Interval('audit-sequencer', EVERY_MS)
  async run(): Promise<number> {
    if (this.running) {
      return 0;
    }
    this.running = true;
    try {
      const now = Date.now();
      if (now - this.lastBeat >= BEAT_EVERY_MS) {
        this.lastBeat = now;
        return await this.heartbeats.track(
          'audit-sequencer',
          () => this.clock.now(),
          () => this.audit.sequence(),
        );
      }
      return await this.audit.sequence();
    } catch (e) {
      this.logger.warn(`audit sequencer: ${(e as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
