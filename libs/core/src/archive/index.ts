export { CaseFileEntity } from './case-file.entity';
export { CaseFileService, RETENTION_LABELS } from './case-file.service';
export { ArchiveModule } from './archive.module';
export { PersonalDataErasureEntity } from './personal-data-erasure.entity';
export { ERASED_TEXT, RetentionService } from './retention.service';
export type { RetentionDue, RetentionRun } from './retention.service';
