import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { WorkerHeartbeats } from '@gongkai/core/alerts';
import { AuditService, Clock } from '@gongkai/core/platform';

/** Every five minutes: the audit chain's head copied to the append-only file outside the database. */
@Injectable()
export class AuditHeadJob {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly heartbeats: WorkerHeartbeats,
  ) {}

  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'audit-head', waitForCompletion: true })
  run(): Promise<{ id: string; hash: string } | null> {
    return this.heartbeats.track(
      'audit-head',
      () => this.clock.now(),
      () => this.work(),
    );
  }

  private work(): Promise<{ id: string; hash: string } | null> {
    return this.audit.copyHead();
  }
}
