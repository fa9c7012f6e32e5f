export { AGENCY_KINDS, AgencyEntity, DEFAULT_LEGAL_REVIEW_RULES, RETENTION_CLASSES } from './agency.entity';
export type { AgencyKind, RetentionClass } from './agency.entity';
export { AgencyService, agencyNotFound } from './agency.service';
export { AgenciesModule } from './agencies.module';
