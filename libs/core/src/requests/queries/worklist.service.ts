import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import {
  OPEN_STATES,
  RUNNING_CLOCK_STATES,
  RequestState,
  WORKLIST_STAGES,
  deadlineStatus,
  isUnassigned,
} from '@gongkai/domain';
import { AgencyEntity, agencyNotFound } from '../../agencies';
import { CalendarService } from '../../calendar';
import { Caller, Clock, StaffPrincipal, canAt, scopesFor } from '../../platform';
import { RequestEntity, deadlineView, stateView } from '../../request-record';
import { SORTS } from './worklist-query';
import type { WorklistQuery } from './worklist-query';

/** The worklists of the handling desk and the supervision (督办) counts of a subtree. */
@Injectable()
export class WorklistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  async worklist(caller: Caller<StaffPrincipal>, query: WorklistQuery) {
    const p = caller.principal;
    const today = this.clock.today();
    const calendars = await this.calendars.calendars();
    const qb = this.dataSource
      .getRepository(RequestEntity)
      .createQueryBuilder('r')
      .innerJoin(AgencyEntity, 'a', 'a.id = r.agency_id')
      .innerJoin(AgencyEntity, 'h', 'h.id = r.handling_agency_id')
      .leftJoin('staff_user', 'u', 'u.id = r.assignee_id')
      .select('r')
      .addSelect(['a.name AS agency_name', 'h.name AS handling_name', 'u.display_name AS assignee_name'])
      .addSelect(
        '(SELECT i.description FROM request_item i WHERE i.request_id = r.id ORDER BY i.position LIMIT 1)',
        'first_item',
      );
    const scopes = scopesFor(p, 'request.read').map((s) => `${s}%`);
    qb.where(new Brackets((w) => w.where('a.path LIKE ANY(:scopes)').orWhere('h.path LIKE ANY(:scopes)')), {
      scopes,
    });
    if (query.agencyId) {
      const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: query.agencyId });
      if (!agency || !canAt(p, 'request.read', agency.path)) {
        throw agencyNotFound(query.agencyId);
      }
      qb.andWhere(query.scope === 'agency' ? 'h.id = :agencyId' : 'h.path LIKE :agencyPath', {
        agencyId: agency.id,
        agencyPath: `${agency.path}%`,
      });
    }
    if (query.states?.length) {
      qb.andWhere('r.status IN (:...states)', { states: query.states });
    }
    if (query.q) {
      qb.andWhere(
        `(r.number ILIKE :q OR r.applicant_name ILIKE :q
          OR EXISTS (SELECT 1 FROM request_item qi WHERE qi.request_id = r.id AND qi.description ILIKE :q))`,
        { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` },
      );
    }
    if (query.receivedFrom) {
      qb.andWhere('r.received_on >= :receivedFrom', { receivedFrom: query.receivedFrom });
    }
    if (query.receivedTo) {
      qb.andWhere('r.received_on <= :receivedTo', { receivedTo: query.receivedTo });
    }
    if (query.dueFrom) {
      qb.andWhere('r.reply_due >= :dueFrom', { dueFrom: query.dueFrom });
    }
    if (query.dueTo) {
      qb.andWhere('r.reply_due <= :dueTo', { dueTo: query.dueTo });
    }
    if (query.late) {
      qb.andWhere('r.concluded_on IS NOT NULL AND r.reply_due IS NOT NULL AND r.concluded_on > r.reply_due');
    }
    switch (query.queue) {
      case 'all':
        break;
      case 'mine':
        qb.andWhere('r.assignee_id = :me AND r.status IN (:...open)', { me: p.userId, open: OPEN_STATES });
        break;
      case 'unassigned': {
        // Waiting at an agency where the caller may assign or claim work (isUnassigned in libs/domain).
        const ids = p.roles
          .filter((g) => g.role === 'registrar' || g.role === 'office_head' || g.role === 'handler')
          .map((g) => g.agencyId);
        qb.andWhere(
          "r.status = 'registered' AND r.assignee_id IS NULL AND r.handling_agency_id IN (:...mine)",
          { mine: ids.length ? ids : ['00000000-0000-0000-0000-000000000000'] },
        );
        break;
      }
      case 'due_soon':
      case 'overdue': {
        // Per calendar region the horizon differs; the national one bounds the query, rows are then exact.
        qb.andWhere('r.status IN (:...running) AND r.reply_due IS NOT NULL', {
          running: RUNNING_CLOCK_STATES,
        });
        if (query.queue === 'overdue') {
          qb.andWhere('r.reply_due < :today', { today });
        } else {
          const horizon = calendars.get('national')!.addWorkingDays(today, query.withinDays + 5);
          qb.andWhere('r.reply_due >= :today AND r.reply_due <= :horizon', { today, horizon });
        }
        break;
      }
      case 'correction_due':
        qb.andWhere(
          `r.status IN ('registered', 'in_progress') AND r.correction_notice_due >= :today
           AND NOT EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.type = 'correction_notice_served')`,
          { today },
        );
        break;
      case 'to_review':
      case 'to_sign':
      case 'to_serve':
      case 'to_archive':
      case 'consulting': {
        // Where the stage waits and who may take it: WORKLIST_STAGES in libs/domain.
        const stage = WORKLIST_STAGES[query.queue];
        const stageScopes = scopesFor(p, stage.permission).map((s) => `${s}%`);
        qb.andWhere('r.status IN (:...stageStates) AND h.path LIKE ANY(:stageScopes)', {
          stageStates: stage.states,
          stageScopes: stageScopes.length ? stageScopes : ['-'],
        });
        if (query.queue === 'to_review' || query.queue === 'to_sign') {
          // Separation of duties (libs/domain separation-of-duties.ts), as a filter: never one's own
          // draft, and for signing never a reply one approved in review since it was last drafted.
          qb.andWhere('(r.drafted_by_id IS NULL OR r.drafted_by_id <> :me)', { me: p.userId });
        }
        if (query.queue === 'to_sign') {
          qb.andWhere(
            `NOT EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.type = 'review_approved'
               AND e.actor = :login AND e.id > COALESCE((SELECT max(d.id) FROM request_event d
                 WHERE d.request_id = r.id AND d.type = 'reply_drafted'), 0))`,
            { login: p.login },
          );
        }
        break;
      }
    }
    const [column, direction] =
      query.queue === 'correction_due'
        ? (['r.correction_notice_due', 'ASC'] as const)
        : query.queue === 'to_serve' || query.queue === 'to_archive'
          ? (['r.concluded_on', 'ASC'] as const)
          : SORTS[query.sort];
    qb.orderBy(column, direction, 'NULLS LAST').addOrderBy('r.number', 'ASC');
    const exactDueSoon = query.queue === 'due_soon';
    if (!exactDueSoon) {
      qb.offset((query.page - 1) * query.pageSize).limit(query.pageSize);
    }
    const { entities, raw } = await qb.getRawAndEntities<{
      agency_name: string;
      handling_name: string;
      assignee_name: string | null;
      first_item: string | null;
    }>();
    const rows = entities.map((r, i) => {
      const calendar = calendars.get(r.calendarRegion) ?? calendars.get('national')!;
      const correctionLeft =
        r.correctionNoticeDue && r.correctionNoticeDue >= today
          ? calendar.workingDaysBetween(today, r.correctionNoticeDue)
          : null;
      return {
        id: r.id,
        number: r.number,
        ...stateView(r.status),
        agency: { id: r.agencyId, name: raw[i].agency_name },
        handlingAgency: { id: r.handlingAgencyId, name: raw[i].handling_name },
        assignee: r.assigneeId ? { id: r.assigneeId, name: raw[i].assignee_name } : null,
        firstItem: raw[i].first_item,
        applicantType: r.applicantType,
        applicantName: r.applicantName,
        phone: r.phoneMasked,
        channel: r.channel,
        receivedOn: r.receivedOn,
        ...deadlineView(r, calendar, today),
        disposition: r.disposition,
        concludedOn: r.concludedOn,
        correctionNoticeDue: r.correctionNoticeDue,
        correctionNoticeWorkingDaysLeft: correctionLeft,
        version: r.version,
      };
    });
    if (!exactDueSoon) {
      const total = await qb.getCount();
      return { page: query.page, pageSize: query.pageSize, total, today, rows };
    }
    const due = rows.filter((r) => r.workingDaysLeft !== null && r.workingDaysLeft <= query.withinDays);
    const start = (query.page - 1) * query.pageSize;
    return {
      page: query.page,
      pageSize: query.pageSize,
      total: due.length,
      today,
      rows: due.slice(start, start + query.pageSize),
    };
  }

  /** 督办: counts per agency of a subtree, by where the work sits. */
  async summary(caller: Caller<StaffPrincipal>, agencyId: string | undefined, withinDays: number) {
    const p = caller.principal;
    const scopes = scopesFor(p, 'request.read');
    let roots = scopes;
    if (agencyId) {
      const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: agencyId });
      if (!agency || !canAt(p, 'request.read', agency.path)) {
        throw agencyNotFound(agencyId);
      }
      roots = [agency.path];
    }
    if (roots.length === 0) {
      return { today: this.clock.today(), withinDays, agencies: [], totals: null };
    }
    const today = this.clock.today();
    const calendars = await this.calendars.calendars();
    const agencies = await this.dataSource
      .getRepository(AgencyEntity)
      .createQueryBuilder('a')
      .where('a.path LIKE ANY(:prefixes)', { prefixes: roots.map((r) => `${r}%`) })
      .orderBy('a.path')
      .getMany();
    const open = await this.dataSource.query<
      {
        agency_id: string;
        status: RequestState;
        reply_due: string | null;
        calendar_region: string;
        assignee_id: string | null;
        correction_notice_due: string | null;
        notice_served: boolean;
      }[]
    >(
      `SELECT r.handling_agency_id AS agency_id, r.status, r.reply_due::text, r.calendar_region, r.assignee_id,
              r.correction_notice_due::text,
              EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.type = 'correction_notice_served') AS notice_served
         FROM request r JOIN agency h ON h.id = r.handling_agency_id
        WHERE h.path LIKE ANY($1) AND r.status = ANY($2)`,
      [roots.map((r) => `${r}%`), OPEN_STATES],
    );
    // 逾期已办结: concluded this year after the statutory date.
    const late = await this.dataSource.query<{ agency_id: string; n: number }[]>(
      `SELECT r.handling_agency_id AS agency_id, count(*)::int AS n
         FROM request r JOIN agency h ON h.id = r.handling_agency_id
        WHERE h.path LIKE ANY($1) AND r.concluded_on >= $2 AND r.reply_due IS NOT NULL
          AND r.concluded_on > r.reply_due
        GROUP BY r.handling_agency_id`,
      [roots.map((r) => `${r}%`), `${today.slice(0, 4)}-01-01`],
    );
    const lateBy = new Map(late.map((l) => [l.agency_id, l.n]));
    const blank = () => ({
      lateConcluded: 0,
      open: 0,
      unassigned: 0,
      dueSoon: 0,
      overdue: 0,
      correctionDue: 0,
      byState: {} as Record<string, number>,
    });
    const counts = new Map(agencies.map((a) => [a.id, { ...blank(), lateConcluded: lateBy.get(a.id) ?? 0 }]));
    const totals = { ...blank(), lateConcluded: late.reduce((n, l) => n + l.n, 0) };
    for (const r of open) {
      const c = counts.get(r.agency_id);
      if (!c) {
        continue;
      }
      const calendar = calendars.get(r.calendar_region) ?? calendars.get('national')!;
      for (const t of [c, totals]) {
        t.open++;
        t.byState[r.status] = (t.byState[r.status] ?? 0) + 1;
        if (isUnassigned(r.status, r.assignee_id)) {
          t.unassigned++;
        }
        const status = deadlineStatus(r.status, r.reply_due, calendar, today, withinDays);
        if (status.overdue) {
          t.overdue++;
        } else if (status.dueSoon) {
          t.dueSoon++;
        }
        if (
          (r.status === 'registered' || r.status === 'in_progress') &&
          !r.notice_served &&
          r.correction_notice_due &&
          r.correction_notice_due >= today
        ) {
          t.correctionDue++;
        }
      }
    }
    return {
      today,
      withinDays,
      agencies: agencies.map((a) => ({
        id: a.id,
        parentId: a.parentId,
        name: a.name,
        kind: a.kind,
        ...counts.get(a.id)!,
      })),
      totals,
    };
  }
}
