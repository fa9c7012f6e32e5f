import {
  LedgerEntryEntity,
  LedgerImportEntity,
  RemedyCaseEntity,
  ReportLockEntity,
  ReportSnapshotEntity,
} from './reports/report.entities';
import { AgencyEntity } from './agencies/agency.entity';
import { SystemAlertEntity } from './alerts/system-alert.entity';
import { AttachmentEntity } from './attachments/attachment.entity';
import { AuditLogEntity } from './audit/audit-log.entity';
import {
  CalendarChangeEntity,
  CalendarDayEntity,
  CalendarRegionEntity,
  CalendarYearEntity,
} from './calendar/calendar.entities';
import { ClockOverrideEntity } from './clock/clock-override.entity';
import {
  CitizenEntity,
  LoginThrottleEntity,
  SessionEntity,
  StaffRoleEntity,
  StaffUserEntity,
} from './identity/identity.entities';
import {
  IdempotencyKeyEntity,
  RequestCounterEntity,
  RequestEntity,
  RequestEventEntity,
  RequestItemEntity,
} from './requests/request.entities';

import { CaseFileEntity } from './archive/case-file.entity';
import { ConsultationEntity } from './handling/consultation.entity';
import { DocumentCounterEntity, LetterEntity, LetterTemplateEntity } from './letters/letter.entities';
import { JobRunEntity, NotificationEntity } from './notifications/notification.entities';

/** Every entity of the system, for the one data source of apps and migration CLI. */
export const CORE_ENTITIES = [
  ClockOverrideEntity,
  CalendarRegionEntity,
  CalendarYearEntity,
  CalendarDayEntity,
  CalendarChangeEntity,
  AgencyEntity,
  StaffUserEntity,
  StaffRoleEntity,
  CitizenEntity,
  SessionEntity,
  LoginThrottleEntity,
  AuditLogEntity,
  RequestEntity,
  RequestEventEntity,
  RequestItemEntity,
  RequestCounterEntity,
  IdempotencyKeyEntity,
  AttachmentEntity,
  SystemAlertEntity,
  LetterEntity,
  LetterTemplateEntity,
  DocumentCounterEntity,
  ConsultationEntity,
  CaseFileEntity,
  NotificationEntity,
  JobRunEntity,
  LedgerImportEntity,
  LedgerEntryEntity,
  RemedyCaseEntity,
  ReportSnapshotEntity,
  ReportLockEntity,
];
