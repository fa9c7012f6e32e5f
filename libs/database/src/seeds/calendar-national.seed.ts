import { CalendarDayEntity, CalendarRegionEntity, CalendarYearEntity } from '@gongkai/core/calendar';
import { NATIONAL_CALENDAR_VERSION, NATIONAL_SCHEDULES } from './data/calendar-national';
import { Seed } from './seed';

/** Reference data: the national region and the official schedules 2019–2026, with their notices. */
export const nationalCalendarSeed: Seed = {
  name: NATIONAL_CALENDAR_VERSION,
  kind: 'reference',
  async run(em, { now }) {
    await em.upsert(CalendarRegionEntity, { code: 'national', name: '全国', createdAt: now }, ['code']);
    for (const y of NATIONAL_SCHEDULES) {
      const existing = await em
        .getRepository(CalendarYearEntity)
        .findOneBy({ regionCode: 'national', year: y.year });
      if (existing) {
        continue; // published or corrected by an administrator since: theirs stands
      }
      await em.insert(CalendarYearEntity, {
        regionCode: 'national',
        year: y.year,
        noticeRef: y.noticeRef,
        publishedAt: now,
        publishedBy: `seed:${NATIONAL_CALENDAR_VERSION}`,
        revision: 1,
      });
      await em.insert(
        CalendarDayEntity,
        y.days.map((d) => ({
          regionCode: 'national',
          date: d.date,
          year: y.year,
          kind: d.kind,
          name: d.name,
        })),
      );
    }
  },
};
