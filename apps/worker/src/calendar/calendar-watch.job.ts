import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { CalendarService, NATIONAL } from '@gongkai/core/calendar';
import { Clock } from '@gongkai/core/platform';
import { SystemAlertRepository, WorkerHeartbeats } from '@gongkai/core/alerts';

export const UNPUBLISHED_YEAR_ALERT = 'calendar.year_unpublished';

/**
 * Warns administrators when the national holiday schedule of the coming year is still missing
 * from 1 December (the State Council publishes it each winter; docs/domain-rules.md), or when the
 * current year's is. Deadlines that cross such a year are provisional until it is published.
 * Idempotent: the alert's unique (kind, subject) means several workers raise it exactly once;
 * publishing the year resolves it.
 */
@Injectable()
export class CalendarWatchJob {
  private readonly logger = new Logger(CalendarWatchJob.name);

  constructor(
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly heartbeats: WorkerHeartbeats,
    private readonly alerts: SystemAlertRepository,
  ) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'calendar-watch', waitForCompletion: true })
  run(): Promise<{ raised: number[]; resolved: number }> {
    return this.heartbeats.track(
      'calendar-watch',
      () => this.clock.now(),
      () => this.work(),
    );
  }

  private async work(): Promise<{ raised: number[]; resolved: number }> {
    const today = this.clock.today();
    const year = Number(today.slice(0, 4));
    const cal = await this.calendars.calendarFor(NATIONAL);
    const missing = [year, year + 1].filter(
      (y) => !cal.isYearPublished(y) && (y === year || today >= `${year}-12-01`),
    );
    const raised: number[] = [];
    for (const y of missing) {
      const raisedNow = await this.alerts.raise(
        UNPUBLISHED_YEAR_ALERT,
        String(y),
        `${y} 年全国节假日安排尚未录入：跨入该年的期限暂按周一至周五计算并标为“暂定”。请在国务院办公厅通知发布后于“工作日历”中发布。`,
        this.clock.now(),
      );
      if (raisedNow) {
        raised.push(y);
        this.logger.warn(`the national holiday schedule of ${y} is not published`);
      }
    }
    const published = [...cal.publishedYears].map(String);
    const resolved = await this.alerts.resolve(UNPUBLISHED_YEAR_ALERT, published, this.clock.now());
    return { raised, resolved };
  }
}
