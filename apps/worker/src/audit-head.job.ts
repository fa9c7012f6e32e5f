import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AuditService } from '@gongkai/core/platform';

/** Every five minutes: the audit chain's head copied to the append-only file outside the database. */
@Injectable()
export class AuditHeadJob {
  constructor(private readonly audit: AuditService) {}

  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'audit-head', waitForCompletion: true })
  run(): Promise<{ id: string; hash: string } | null> {
    return this.audit.copyHead();
  }
}
