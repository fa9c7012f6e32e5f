import { Injectable } from '@nestjs/common';
import { DomainError, invalidInput } from '@gongkai/domain';
import { AttachmentService } from '../../attachments';
import { AuditService } from '../../platform';
import { CalendarService } from '../../calendar';
import { Clock } from '../../platform';
import { DataKeys, personalDataErased } from '../../platform';
import { Caller, CitizenPrincipal, StaffPrincipal } from '../../platform';
import { RequestReadRepository } from './request-read.repository';
import { RequestAccessService } from '../../request-record';
import { applicantView, deadlineView, itemsView, publicHistory, stateView } from '../../request-record';

export const REVEALABLE_FIELDS = [
  'applicant.idNumber',
  'phone',
  'address',
  'agent.idNumber',
  'agent.phone',
] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

/** Request details for staff and for the applicant, and revealing personal data (audited). */
@Injectable()
export class RequestQueryService {
  constructor(
    private readonly reads: RequestReadRepository,
    private readonly access: RequestAccessService,
    private readonly calendars: CalendarService,
    private readonly attachments: AttachmentService,
    private readonly dataKeys: DataKeys,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async detailForStaff(caller: Caller<StaffPrincipal>, id: string) {
    const { request: r, agency, handlingAgency } = await this.access.forStaff(caller, id);
    const [items, events, attachments, calendar] = await Promise.all([
      this.reads.items(id),
      this.reads.events(id),
      this.attachments.listForRequest(id),
      this.calendars.calendarFor(r.calendarRegion),
    ]);
    const assignee = await this.reads.staffName(r.assigneeId);
    const erasure = await this.reads.erasure(id);
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
      assignee,
      channel: r.channel,
      receivedOn: r.receivedOn,
      arrivedOn: r.arrivedOn,
      registeredAt: r.createdAt,
      ...deadlineView(r, calendar, this.clock.today()),
      correctionNoticeDue: r.correctionNoticeDue,
      applicant: applicantView(r),
      personalDataErased: erasure,
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
    const rows = await this.reads.ofCitizen(caller.principal.citizenId);
    const calendars = await this.calendars.calendars();
    const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
    const names = await this.reads.agencyNames(agencyIds);
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
      this.reads.items(id),
      this.reads.events(id),
      this.attachments.listForRequest(id),
      this.calendars.calendarFor(r.calendarRegion),
      this.reads.agency(r.agencyId),
    ]);
    const erasure = await this.reads.erasure(id);
    return {
      id: r.id,
      number: r.number,
      version: r.version,
      agency: { id: agency.id, name: agency.name, phone: agency.phone, address: agency.address },
      ...stateView(r.status),
      receivedOn: r.receivedOn,
      ...deadlineView(r, calendar, this.clock.today()),
      applicant: applicantView(r),
      personalDataErased: erasure,
      formOfProvision: r.formOfProvision,
      deliveryChannel: r.deliveryChannel,
      items: itemsView(items),
      attachments,
      history: publicHistory(events),
      letters: await this.reads.applicantLetters(r.id),
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
    const plain = await this.dataKeys.decrypt(value);
    if (plain === null) {
      // Its data key was shredded at the end of the retention period (the reason stays on record).
      throw personalDataErased({ field });
    }
    return { field, value: plain };
  }
}
