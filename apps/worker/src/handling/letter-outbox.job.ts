import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { LetterService } from '@gongkai/core/letters';
import { Clock } from '@gongkai/core/platform';

const EVERY_MS = 500;
const BEAT_EVERY_MS = 5000;

/**
 * Twice a second: letters numbered in a move's transaction (the acknowledgement of each application)
 * are rendered, hashed and stored, exactly once (several replicas skip each other's rows).
 */
@Injectable()
export class LetterOutboxJob {
  private readonly logger = new Logger(LetterOutboxJob.name);
  private running = false;
  private lastBeat = 0;

  constructor(
    private readonly letters: LetterService,
    private readonly clock: Clock,
    private readonly heartbeats: WorkerHeartbeats,
  ) {}

  @Interval('letter-outbox', EVERY_MS)
  async run(): Promise<number> {
    if (this.running) {
      return 0;
    }
    this.running = true;
    try {
      const work = async () => {
        let made = 0;
        for (let n = -1; n !== 0;) {
          n = await this.letters.produce({ limit: 50 });
          made += n;
        }
        return made;
      };
      const now = Date.now();
      if (now - this.lastBeat >= BEAT_EVERY_MS) {
        this.lastBeat = now;
        return await this.heartbeats.track('letter-outbox', () => this.clock.now(), work);
      }
      return await work();
    } catch (e) {
      this.logger.warn(`letter outbox: ${(e as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
