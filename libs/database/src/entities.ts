import {
  LedgerEntryEntity,
  LedgerImportEntity,
  LedgerJobEntity,
  LibraryEntryEntity,
  ProactiveDisclosureEntity,
  RemedyCaseEntity,
  ReportLockEntity,
  ReportNarrativeEntity,
  ReportSnapshotEntity,
} from '@gongkai/core/reports';
import { AgencyEntity } from '@gongkai/core/agencies';
import { SystemAlertEntity, WorkerHeartbeatEntity } from '@gongkai/core/alerts';
import { AttachmentEntity } from '@gongkai/core/attachments';
import { AuditLogEntity } from '@gongkai/core/platform';
import {
  CalendarChangeEntity,
  CalendarDayEntity,
  CalendarRegionEntity,
  CalendarYearEntity,
} from '@gongkai/core/calendar';
import { ClockOverrideEntity } from '@gongkai/core/platform';
import {
  CitizenEntity,
  LoginThrottleEntity,
  SessionEntity,
  StaffRoleEntity,
  StaffUserEntity,
} from '@gongkai/core/identity';
import {
  IdempotencyKeyEntity,
  RequestCounterEntity,
  RequestEntity,
  RequestEventEntity,
  RequestItemEntity,
} from '@gongkai/core/request-record';

import { CaseFileEntity, PersonalDataErasureEntity } from '@gongkai/core/archive';
import { DataKeyEntity, RateLimitCounterEntity } from '@gongkai/core/platform';
import { OneTimeCodeEntity } from '@gongkai/core/identity';
import { ApplicationDraftEntity } from '@gongkai/core/requests/intake';
import { ConsultationEntity, JointConsultationEntity } from '@gongkai/core/handling';
import {
  DocumentCounterEntity,
  LetterEntity,
  LetterTemplateEntity,
  PendingLetterEntity,
} from '@gongkai/core/letters';
import { JobRunEntity, NotificationEntity } from '@gongkai/core/notifications';

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
  PendingLetterEntity,
  DocumentCounterEntity,
  ConsultationEntity,
  JointConsultationEntity,
  CaseFileEntity,
  PersonalDataErasureEntity,
  NotificationEntity,
  JobRunEntity,
  LedgerImportEntity,
  LedgerEntryEntity,
  RemedyCaseEntity,
  ReportSnapshotEntity,
  ReportLockEntity,
  LedgerJobEntity,
  ReportNarrativeEntity,
  RateLimitCounterEntity,
  DataKeyEntity,
  OneTimeCodeEntity,
  ApplicationDraftEntity,
  WorkerHeartbeatEntity,
  ProactiveDisclosureEntity,
  LibraryEntryEntity,
];
