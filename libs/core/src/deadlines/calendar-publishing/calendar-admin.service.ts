import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  DomainError,
  FieldError,
  SpecialDay,
  isIsoDate,
} from '@gongkai/domain';
import { AuditService, atRoot, reachesAll } from '../../platform';
import type { StaffPrincipal } from '../../platform';
import { Clock } from '../../platform';
import { RequestClockService } from '..';
import {
  CalendarChangeEntity,
  CalendarDayEntity,
  CalendarRegionEntity,
  CalendarYearEntity,
} from '../../calendar';
import { CALENDAR_CHANNEL, CalendarService, NATIONAL, loadCalendars, unknownRegion } from '../../calendar';

export interface PublishYearInput {
  region: string;
  year: number;
  noticeRef: string;
  days: SpecialDay[];
}

export interface PublishYearResult {
  region: string;
  year: number;
  action: 'publish' | 'correct';
  revision: number;
  recomputedRequests: number;
}

function invalidDays(details: FieldError[]): DomainError {
  return new DomainError(
    'CALENDAR.INVALID_DAYS',
    'invalid_input',
    '日历数据有误，请检查标出的日期。',
    details,
  );
}

/** A notice may list days of the adjacent years (the 2019 notice starts on 2018-12-29). */
export function validateDays(year: number, days: SpecialDay[]): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  days.forEach((d, i) => {
    const field = `days[${i}].date`;
    if (!isIsoDate(d.date)) {
      errors.push({ field, code: 'invalid_date', message: '不是有效的日期' });
    } else if (d.date < `${year - 1}-12-01` || d.date > `${year + 1}-01-31`) {
      errors.push({ field, code: 'outside_year', message: `不属于 ${year} 年的安排` });
    } else if (seen.has(d.date)) {
      errors.push({ field, code: 'duplicate', message: '日期重复' });
    }
    seen.add(d.date);
  });
  if (errors.length > 0) {
    throw invalidDays(errors);
  }
}

/**
 * Publishing or correcting a year's schedule: stored with who, when and the notice; every open
 * request's deadline is recomputed in the same transaction, with old and new dates recorded in its
 * history; every process rebuilds its calendars (NOTIFY).
 */
@Injectable()
export class CalendarAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
    private readonly requestClocks: RequestClockService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async createRegion(code: string, name: string, actor: string): Promise<CalendarRegionEntity> {
    return this.dataSource
      .transaction(async (em) => {
        const exists = await em.getRepository(CalendarRegionEntity).findOneBy({ code });
        if (exists) {
          throw new DomainError('CALENDAR.REGION_EXISTS', 'conflict', `日历地区“${code}”已存在。`, { code });
        }
        const row = em
          .getRepository(CalendarRegionEntity)
          .create({ code, name, createdAt: this.clock.now() });
        await em.insert(CalendarRegionEntity, row);
        await em.query(`SELECT pg_notify($1, 'region')`, [CALENDAR_CHANNEL]);
        await this.audit.record(em, {
          actor,
          action: 'calendar.region_created',
          objectType: 'calendar_region',
          objectId: code,
          result: 'success',
          details: { name },
        });
        return row;
      })
      .finally(() => this.calendars.invalidate());
  }

  /**
   * Who may publish a region's schedule: the national calendar (and new regions) belong to
   * `calendar.manage` at a root agency; a regional one also to whoever's subtree holds every agency
   * that uses it.
   */
  async assertMayManage(p: StaffPrincipal, region: string | null): Promise<void> {
    if (atRoot(p, 'calendar.manage')) {
      return;
    }
    if (region !== null && region !== NATIONAL) {
      const users = await this.dataSource.query<{ path: string }[]>(
        'SELECT path FROM agency WHERE calendar_region = $1',
        [region],
      );
      if (
        users.length > 0 &&
        reachesAll(
          p,
          'calendar.manage',
          users.map((u) => u.path),
        )
      ) {
        return;
      }
    }
    throw new DomainError(
      'CALENDAR.NOT_YOURS',
      'forbidden',
      region === null || region === NATIONAL
        ? '全国节假日安排和新的日历区域只能由最上级机关的管理员发布。'
        : '该地区日历还用于您管辖范围以外的机关，只能由上级机关的管理员发布。',
      { region },
    );
  }

  /**
   * What publishing would do, without doing it: the same checks and recomputation inside a
   * transaction that is rolled back (nothing written, nothing notified). The page shows "N open
   * requests will get a new statutory date" before the administrator confirms.
   */
  async previewYear(input: PublishYearInput, actor: string): Promise<PublishYearResult> {
    this.checkYear(input);
    const rollback = new Error('preview');
    let result: PublishYearResult | null = null;
    try {
      await this.dataSource.transaction(async (em) => {
        result = await this.publishIn(em, input, actor);
        throw rollback;
      });
    } catch (e) {
      if (e !== rollback) {
        throw e;
      }
    } finally {
      this.calendars.invalidate();
    }
    return result!;
  }

  private checkYear(input: PublishYearInput): void {
    if (
      !Number.isInteger(input.year) ||
      input.year < CALENDAR_FIRST_YEAR ||
      input.year > CALENDAR_LAST_YEAR
    ) {
      throw new DomainError(
        'CALENDAR.OUT_OF_RANGE',
        'invalid_input',
        `年份须在 ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR} 之间。`,
        {
          year: input.year,
        },
      );
    }
    validateDays(input.year, input.days);
  }

  async publishYear(input: PublishYearInput, actor: string): Promise<PublishYearResult> {
    this.checkYear(input);
    try {
      return await this.dataSource.transaction((em) => this.publishIn(em, input, actor));
    } finally {
      this.calendars.invalidate();
    }
  }

  private async publishIn(
    em: EntityManager,
    input: PublishYearInput,
    actor: string,
  ): Promise<PublishYearResult> {
    const { region, year } = input;
    if (!(await em.getRepository(CalendarRegionEntity).findOneBy({ code: region }))) {
      throw unknownRegion(region);
    }
    const now = this.clock.now();
    const existing = await em
      .getRepository(CalendarYearEntity)
      .findOne({ where: { regionCode: region, year }, lock: { mode: 'pessimistic_write' } });
    const previous = await em
      .getRepository(CalendarDayEntity)
      .find({ where: { regionCode: region, year }, order: { date: 'ASC' } });
    await em.delete(CalendarDayEntity, { regionCode: region, year });
    // A date belongs to one notice: a correction of 2019 may not silently steal a day of 2018's.
    const clash = input.days.length
      ? await em
          .getRepository(CalendarDayEntity)
          .findBy({ regionCode: region, date: In(input.days.map((d) => d.date)) })
      : [];
    if (clash.length > 0) {
      throw invalidDays(
        clash.map((c) => ({
          field: 'days',
          code: 'belongs_to_other_year',
          message: `${c.date} 已列入 ${c.year} 年的安排`,
        })),
      );
    }
    if (input.days.length > 0) {
      await em.insert(
        CalendarDayEntity,
        input.days.map((d) => ({ regionCode: region, date: d.date, year, kind: d.kind, name: d.name })),
      );
    }
    const revision = (existing?.revision ?? 0) + 1;
    await em.save(CalendarYearEntity, {
      regionCode: region,
      year,
      noticeRef: input.noticeRef,
      publishedAt: now,
      publishedBy: actor,
      revision,
    });

    const calendars = await loadCalendars(em);
    const today = this.clock.today();
    const action = existing ? 'correct' : 'publish';
    const changes = await this.requestClocks.recomputeOpen(em, calendars, {
      regions: region === NATIONAL ? null : [region],
      today,
      at: now,
      actor,
      reason: { cause: `calendar_${action}`, region, year, noticeRef: input.noticeRef },
    });
    await em.save(
      em.create(CalendarChangeEntity, {
        regionCode: region,
        year,
        action,
        noticeRef: input.noticeRef,
        actor,
        at: now,
        days: input.days,
        previousDays: existing ? previous.map((d) => ({ date: d.date, kind: d.kind, name: d.name })) : null,
        recomputedRequests: changes.length,
      }),
    );
    await em.query(`SELECT pg_notify($1, $2)`, [CALENDAR_CHANNEL, `${region}:${year}`]);
    await this.audit.record(em, {
      actor,
      action: `calendar.${action}`,
      objectType: 'calendar_year',
      objectId: `${region}:${year}`,
      result: 'success',
      details: { noticeRef: input.noticeRef, revision, recomputedRequests: changes.length },
    });
    return { region, year, action, revision, recomputedRequests: changes.length };
  }

  async overview(): Promise<{ code: string; name: string; years: CalendarYearEntity[] }[]> {
    const [regions, years] = await Promise.all([
      this.dataSource.getRepository(CalendarRegionEntity).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(CalendarYearEntity).find({ order: { year: 'ASC' } }),
    ]);
    return regions.map((r) => ({
      code: r.code,
      name: r.name,
      years: years.filter((y) => y.regionCode === r.code),
    }));
  }

  async history(region: string, year: number): Promise<CalendarChangeEntity[]> {
    return this.dataSource
      .getRepository(CalendarChangeEntity)
      .find({ where: { regionCode: region, year }, order: { id: 'ASC' } });
  }
}
