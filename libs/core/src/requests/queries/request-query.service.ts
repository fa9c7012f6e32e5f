import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In } from 'typeorm';
import { DomainError, OPEN_STATES, RequestState, invalidInput } from '@gongkai/domain';
import { AgencyEntity } from '../../agencies';
import { agencyNotFound } from '../../agencies';
import { AttachmentService } from '../../attachments';
import { AuditService } from '../../platform';
import { CalendarService } from '../../calendar';
import { Clock } from '../../platform';
import { PersonalDataCipher } from '../../platform';
import { Caller, CitizenPrincipal, StaffPrincipal, canAt, scopesFor } from '../../platform';
import { RequestAccessService } from '..';
import { RequestEntity, RequestEventEntity, RequestItemEntity } from '..';
import { RUNNING_CLOCK_STATES, applicantView, deadlineView, itemsView, publicHistory, stateView } from '..';

export const WORKLIST_QUEUES = [
  'all',
  'mine',
  'unassigned',
  'due_soon',
  'overdue',
  'correction_due',
  'to_review',
  'to_sign',
  'to_serve',
  'to_archive',
  'consulting',
] as const;
export type WorklistQueue = (typeof WORKLIST_QUEUES)[number];
export const WORKLIST_SORTS = ['deadline', '-deadline', 'received', '-received', 'number'] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

export interface WorklistQuery {
  queue: WorklistQueue;
  states?: RequestState[];
  agencyId?: string;
  scope: 'agency' | 'subtree';
  withinDays: number;
  q?: string;
  sort: WorklistSort;
  page: number;
  pageSize: number;
}

export const REVEALABLE_FIELDS = [
  'applicant.idNumber',
  'phone',
  'address',
  'agent.idNumber',
  'agent.phone',
] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

const SORTS: Record<WorklistSort, [string, 'ASC' | 'DESC']> = {
  deadline: ['r.reply_due', 'ASC'],
  '-deadline': ['r.reply_due', 'DESC'],
  received: ['r.received_on', 'ASC'],
  '-received': ['r.received_on', 'DESC'],
  number: ['r.number', 'ASC'],
};

/** Worklists, the supervisor view, request details, and revealing personal data (audited). */
@Injectable()
export class RequestQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RequestAccessService,
    private readonly calendars: CalendarService,
    private readonly attachments: AttachmentService,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditService,
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
      .addSelect(['a.name AS agency_name', 'h.name AS handling_name', 'u.display_name AS assignee_name']);
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
      qb.andWhere('(r.number ILIKE :q OR r.applicant_name ILIKE :q)', {
        q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%`,
      });
    }
    const running = [...RUNNING_CLOCK_STATES];
    switch (query.queue) {
      case 'all':
        break;
      case 'mine':
        qb.andWhere('r.assignee_id = :me AND r.status IN (:...open)', { me: p.userId, open: OPEN_STATES });
        break;
      case 'unassigned': {
        // Waiting at an agency where the caller may assign or claim work.
        const ids = p.roles
          .filter((g) => g.role === 'registrar' || g.role === 'office_head' || g.role === 'handler')
          .map((g) => g.agencyId);
        qb.andWhere(
          "r.status = 'registered' AND r.assignee_id IS NULL AND r.handling_agency_id IN (:...mine)",
          {
            mine: ids.length ? ids : ['00000000-0000-0000-0000-000000000000'],
          },
        );
        break;
      }
      case 'due_soon':
      case 'overdue': {
        // Per calendar region the horizon differs; the national one bounds the query, rows are then exact.
        qb.andWhere('r.status IN (:...running) AND r.reply_due IS NOT NULL', { running });
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
      case 'to_sign': {
        // Waiting for the caller's review or signature, where they hold that power — never their own
        // draft, and for signing never a reply they reviewed themselves (workflow.md: three people).
        const review = query.queue === 'to_review';
        const scopes = scopesFor(p, review ? 'request.review' : 'request.sign').map((s) => `${s}%`);
        qb.andWhere('r.status = :waiting AND h.path LIKE ANY(:stageScopes)', {
          waiting: review ? 'in_review' : 'awaiting_signoff',
          stageScopes: scopes.length ? scopes : ['-'],
        });
        qb.andWhere('(r.drafted_by_id IS NULL OR r.drafted_by_id <> :me)', { me: p.userId });
        if (!review) {
          qb.andWhere(
            `NOT EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.type = 'review_approved'
               AND e.actor = :login AND e.id > COALESCE((SELECT max(d.id) FROM request_event d
                 WHERE d.request_id = r.id AND d.type = 'reply_drafted'), 0))`,
            { login: p.login },
          );
        }
        break;
      }
      case 'to_serve':
      case 'to_archive':
      case 'consulting': {
        const states: Record<typeof query.queue, RequestState[]> = {
          to_serve: ['replied', 'terminated'],
          to_archive: ['served'],
          consulting: ['consulting'],
        };
        const scopes = scopesFor(p, 'request.handle').map((s) => `${s}%`);
        qb.andWhere('r.status IN (:...stageStates) AND h.path LIKE ANY(:stageScopes)', {
          stageStates: states[query.queue],
          stageScopes: scopes.length ? scopes : ['-'],
        });
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
    const blank = () => ({
      open: 0,
      unassigned: 0,
      dueSoon: 0,
      overdue: 0,
      correctionDue: 0,
      byState: {} as Record<string, number>,
    });
    const counts = new Map(agencies.map((a) => [a.id, blank()]));
    const totals = blank();
    for (const r of open) {
      const c = counts.get(r.agency_id);
      if (!c) {
        continue;
      }
      const calendar = calendars.get(r.calendar_region) ?? calendars.get('national')!;
      for (const t of [c, totals]) {
        t.open++;
        t.byState[r.status] = (t.byState[r.status] ?? 0) + 1;
        if (r.status === 'registered' && !r.assignee_id) {
          t.unassigned++;
        }
        if (RUNNING_CLOCK_STATES.includes(r.status) && r.reply_due) {
          if (r.reply_due < today) {
            t.overdue++;
          } else if (calendar.workingDaysBetween(today, r.reply_due) <= withinDays) {
            t.dueSoon++;
          }
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

  async detailForStaff(caller: Caller<StaffPrincipal>, id: string) {
    const { request: r, agency, handlingAgency } = await this.access.forStaff(caller, id);
    const [items, events, attachments, calendar] = await Promise.all([
      this.items(id),
      this.events(id),
      this.attachments.listForRequest(id),
      this.calendars.calendarFor(r.calendarRegion),
    ]);
    const assignee = r.assigneeId
      ? (
          await this.dataSource.query<{ id: string; display_name: string }[]>(
            'SELECT id, display_name FROM staff_user WHERE id = $1',
            [r.assigneeId],
          )
        )[0]
      : null;
    await this.audit.record(null, {
      actor: caller.principal.login,
      ip: caller.ip,
      action: 'request.viewed',
      objectType: 'request',
      objectId: id,
      result: 'success',
    });
    return {
      id: r.id,
      number: r.number,
      applicationId: r.applicationId,
      ...stateView(r.status),
      version: r.version,
      agency: { id: agency.id, name: agency.name },
      handlingAgency: { id: handlingAgency.id, name: handlingAgency.name },
      assignee: assignee ? { id: assignee.id, name: assignee.display_name } : null,
      channel: r.channel,
      receivedOn: r.receivedOn,
      arrivedOn: r.arrivedOn,
      registeredAt: r.createdAt,
      ...deadlineView(r, calendar, this.clock.today()),
      correctionNoticeDue: r.correctionNoticeDue,
      applicant: applicantView(r),
      formOfProvision: r.formOfProvision,
      deliveryChannel: r.deliveryChannel,
      disposition: r.disposition,
      items: itemsView(items),
      attachments,
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        on: e.onDate,
        at: e.at,
        actor: e.actor,
        data: e.data,
      })),
    };
  }

  async listForCitizen(caller: Caller<CitizenPrincipal>) {
    const rows = await this.dataSource.getRepository(RequestEntity).find({
      where: { citizenId: caller.principal.citizenId },
      order: { createdAt: 'DESC' },
    });
    const calendars = await this.calendars.calendars();
    const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
    const names = new Map(
      (await this.dataSource.getRepository(AgencyEntity).findBy({ id: In(agencyIds) })).map(
        (a) => [a.id, a.name] as const,
      ),
    );
    const today = this.clock.today();
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      agencyName: names.get(r.agencyId),
      ...stateView(r.status),
      receivedOn: r.receivedOn,
      ...deadlineView(r, calendars.get(r.calendarRegion) ?? calendars.get('national')!, today),
    }));
  }

  async detailForCitizen(caller: Caller<CitizenPrincipal>, id: string) {
    const r = await this.access.forCitizen(caller, id);
    const [items, events, attachments, calendar, agency] = await Promise.all([
      this.items(id),
      this.events(id),
      this.attachments.listForRequest(id),
      this.calendars.calendarFor(r.calendarRegion),
      this.dataSource.getRepository(AgencyEntity).findOneByOrFail({ id: r.agencyId }),
    ]);
    return {
      id: r.id,
      number: r.number,
      agency: { id: agency.id, name: agency.name, phone: agency.phone, address: agency.address },
      ...stateView(r.status),
      receivedOn: r.receivedOn,
      ...deadlineView(r, calendar, this.clock.today()),
      applicant: applicantView(r),
      formOfProvision: r.formOfProvision,
      deliveryChannel: r.deliveryChannel,
      items: itemsView(items),
      attachments,
      history: publicHistory(events),
      // Letters issued to the applicant: notices, the reply, the termination notice.
      letters: await this.dataSource.query<
        { id: string; kind: string; title: string; number: string; issuedOn: string }[]
      >(
        `SELECT id, kind, title, number, issued_on::text AS "issuedOn" FROM letter
          WHERE request_id = $1 AND recipient = 'applicant' ORDER BY issued_at, number`,
        [r.id],
      ),
    };
  }

  /** Shows one personal-data value in full, with the reason recorded in the audit log. */
  async reveal(caller: Caller<StaffPrincipal>, id: string, field: RevealableField, reason: string) {
    const { request: r } = await this.access.forStaff(caller, id, 'personal_data.reveal');
    const stored: Record<RevealableField, string | null | undefined> = {
      'applicant.idNumber': r.idNumberEnc,
      phone: r.phoneEnc,
      address: r.addressEnc,
      'agent.idNumber': r.agent?.idNumberEnc,
      'agent.phone': r.agent?.phoneEnc,
    };
    const value = stored[field];
    if (!value) {
      throw new DomainError('REQUEST.FIELD_EMPTY', 'not_found', '该申请没有此项信息。', { field });
    }
    if (reason.trim().length < 4) {
      throw invalidInput('reason', 'reason.tooShort', '请说明查看完整信息的理由（至少 4 个字）');
    }
    await this.audit.record(null, {
      actor: caller.principal.login,
      ip: caller.ip,
      action: 'personal_data.revealed',
      objectType: 'request',
      objectId: id,
      result: 'success',
      details: { field, reason: reason.trim() },
    });
    return { field, value: this.cipher.decrypt(value) };
  }

  private items(requestId: string): Promise<RequestItemEntity[]> {
    return this.dataSource
      .getRepository(RequestItemEntity)
      .find({ where: { requestId }, order: { position: 'ASC' } });
  }

  private events(requestId: string): Promise<RequestEventEntity[]> {
    return this.dataSource
      .getRepository(RequestEventEntity)
      .find({ where: { requestId }, order: { id: 'ASC' } });
  }
}
