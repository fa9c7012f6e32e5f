import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, PublishedYear, RegionCalendarData, WorkingCalendar } from '@gongkai/domain';
import { PgListener } from '../platform';
import { CalendarDayEntity, CalendarRegionEntity, CalendarYearEntity } from './calendar.entities';

export const CALENDAR_CHANNEL = 'gongkai_calendar';
export const NATIONAL = 'national';

/** Reads the stored schedules and builds one WorkingCalendar per region (national + its own days). */
export async function loadCalendars(em: EntityManager): Promise<Map<string, WorkingCalendar>> {
  const [regions, years, days] = await Promise.all([
    em.getRepository(CalendarRegionEntity).find(),
    em.getRepository(CalendarYearEntity).find(),
    em.getRepository(CalendarDayEntity).find({ order: { date: 'ASC' } }),
  ]);
  const dataOf = (region: string): RegionCalendarData => {
    const byYear = new Map<number, PublishedYear>();
    for (const y of years.filter((r) => r.regionCode === region)) {
      byYear.set(y.year, { year: y.year, noticeRef: y.noticeRef, days: [] });
    }
    for (const d of days.filter((r) => r.regionCode === region)) {
      const y = byYear.get(d.year) ?? { year: d.year, noticeRef: '', days: [] };
      y.days.push({ date: d.date, kind: d.kind, name: d.name });
      byYear.set(d.year, y);
    }
    return { region, years: [...byYear.values()] };
  };
  const national = dataOf(NATIONAL);
  const out = new Map<string, WorkingCalendar>([[NATIONAL, new WorkingCalendar(NATIONAL, national)]]);
  for (const r of regions.filter((x) => x.code !== NATIONAL)) {
    out.set(r.code, new WorkingCalendar(r.code, national, dataOf(r.code)));
  }
  return out;
}

export function unknownRegion(region: string): DomainError {
  return new DomainError('CALENDAR.UNKNOWN_REGION', 'not_found', `没有名为“${region}”的日历地区。`, {
    region,
  });
}

/**
 * The working calendars of this process, built from the database and rebuilt when any process
 * publishes or corrects a schedule (NOTIFY gongkai_calendar).
 */
@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private cache: Promise<Map<string, WorkingCalendar>> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listener: PgListener,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.subscribe(CALENDAR_CHANNEL, () => this.invalidate());
  }

  invalidate(): void {
    this.cache = null;
  }

  calendars(): Promise<Map<string, WorkingCalendar>> {
    if (this.cache === null) {
      const loading = loadCalendars(this.dataSource.manager);
      loading.catch(() => (this.cache = null));
      this.cache = loading;
    }
    return this.cache;
  }

  async calendarFor(region: string = NATIONAL): Promise<WorkingCalendar> {
    const cal = (await this.calendars()).get(region);
    if (!cal) {
      throw unknownRegion(region);
    }
    return cal;
  }
}
