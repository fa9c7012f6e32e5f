export { ApplicationDto, RegistrationDto } from './application.dto';
export { IntakeService } from './intake.service';
export { IntakeModule } from './intake.module';
export { IdempotencyRepository } from './idempotency.repository';
export type { IntakeResult } from './intake-result';
export { ApplicationDraftEntity } from './application-draft.entity';
export { ApplicationDraftService, DRAFT_DAYS } from './application-draft.service';
