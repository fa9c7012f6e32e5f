import {
  APPLICANT_TYPE_LABELS,
  IsoDate,
  REQUEST_STATE_LABELS,
  RequestState,
  WorkingCalendar,
  deadlineStatus,
  maskEmail,
} from '@gongkai/domain';
import { RequestEntity, RequestEventEntity, RequestItemEntity } from './request.entities';

export interface DeadlineView {
  replyDue: string | null;
  replyDueProvisional: boolean;
  workingDaysLeft: number | null;
  overdue: boolean;
}

export function deadlineView(r: RequestEntity, calendar: WorkingCalendar, today: IsoDate): DeadlineView {
  const status = deadlineStatus(r.status, r.replyDue, calendar, today);
  return {
    replyDue: r.replyDue,
    replyDueProvisional: r.replyDueProvisional,
    workingDaysLeft: status.workingDaysLeft,
    overdue: status.overdue,
  };
}

/** The applicant as shown to staff and to the applicant: personal data masked (docs/domain-rules.md). */
export function applicantView(r: RequestEntity) {
  return {
    type: r.applicantType,
    typeLabel: APPLICANT_TYPE_LABELS[r.applicantType],
    name: r.applicantName,
    idType: r.idType,
    idNumber: r.idNumberMasked,
    creditCode: r.creditCode,
    contactPerson: r.contactPerson,
    phone: r.phoneMasked,
    email: r.email ? maskEmail(r.email) : null,
    address: r.addressMasked,
    postalCode: r.postalCode,
    agent: r.agent
      ? {
          name: r.agent.name,
          idType: r.agent.idType,
          idNumber: r.agent.idNumberMasked,
          phone: r.agent.phoneMasked,
          powerOfAttorneyAttachmentId: r.agent.powerOfAttorneyAttachmentId,
        }
      : null,
  };
}

export function itemsView(items: RequestItemEntity[]) {
  return items.map((i) => ({
    position: i.position,
    description: i.description,
    documentNumber: i.documentNumber,
  }));
}

export function stateView(status: RequestState) {
  return { status, statusLabel: REQUEST_STATE_LABELS[status] };
}

/** Events the applicant sees in their history (internal routing stays internal). */
const PUBLIC_EVENTS: Record<string, string> = {
  received: '申请已收到',
  correction_notice_served: '已发出补正告知',
  correction_received: '已收到补正材料',
  extension_approved: '答复期限已延长',
  fee_notice_served: '已发出收费通知',
  fee_paid: '已缴费',
  art35_reasons_requested: '请申请人说明理由',
  art35_deadline_set: '已确定延迟答复期限',
  reply_issued: '已作出答复',
  served: '答复已送达',
  terminated: '已终止处理',
  withdrawn: '申请已撤回',
  deadline_recomputed: '因节假日安排调整，答复期限已重新计算',
};

export function publicHistory(events: RequestEventEntity[]) {
  return events
    .filter((e) => e.type in PUBLIC_EVENTS)
    .map((e) => ({ type: e.type, label: PUBLIC_EVENTS[e.type], on: e.onDate, at: e.at }));
}

/** What a move answers: where the request is now (never its stored personal data). */
export function movedView(r: RequestEntity) {
  return {
    id: r.id,
    number: r.number,
    ...stateView(r.status),
    handlingAgencyId: r.handlingAgencyId,
    assigneeId: r.assigneeId,
    version: r.version,
  };
}
