import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { LetterService } from '@gongkai/core/letters';
import { Clock } from '@gongkai/core/platform';
import { FrequentJob } from '../frequent-job';

/**
 * Twice a second: letters numbered in a move's transaction (the acknowledgement of each application)
 * are rendered, hashed and stored, exactly once (several replicas skip each other's rows).
 */
@Injectable()
export class LetterOutboxJob {
  private readonly job: FrequentJob;

  constructor(
    private readonly letters: LetterService,
    clock: Clock,
    heartbeats: WorkerHeartbeats,
  ) {
    this.job = new FrequentJob('letter-outbox', heartbeats, () => clock.now());
  }

  @Interval('letter-outbox', 500)
  run(): Promise<number> {
    return this.job.run(async () => {
      let made = 0;
      for (let n = -1; n !== 0;) {
        n = await this.letters.produce({ limit: 50 });
        made += n;
      }
      return made;
    });
  }
}
