export {
  ACCESS_KEY,
  ALLOW_WHILE_PASSWORD_EXPIRED_KEY,
  Access,
  Actor,
  AllowWhilePasswordExpired,
  CitizenCaller,
  StaffCaller,
} from './access/access.decorator';
export type { AccessRule } from './access/access.decorator';
export {
  actorOf,
  assertCanAt,
  atRoot,
  canAt,
  forbidden,
  hasPermission,
  reachesAll,
  scopesFor,
} from './access/principal';
export type { Caller, CitizenPrincipal, Principal, StaffPrincipal } from './access/principal';
export { AuditLogEntity } from './audit/audit-log.entity';
export { AuditModule } from './audit/audit.module';
export { AuditService, auditBody } from './audit/audit.service';
export { ClockOverrideEntity } from './clock/clock-override.entity';
export { AdjustableClock, Clock } from './clock/clock';
export { ConfigError, DEVELOPMENT_PERSONAL_DATA_KEY, loadAppConfig, loadConfig } from './config/app-config';
export type { AppConfig } from './config/app-config';
export { APP_CONFIG } from './config/config.module';
export { CryptoModule, keyringOf } from './crypto/crypto.module';
export { AesGcmCipher, DATA_KEY_VALUE_SQL, KeyringCipher } from './crypto/keyring-cipher';
export type { CipherScheme } from './crypto/keyring-cipher';
export { rotatePersonalData } from './crypto/key-rotation';
export type { RotationResult } from './crypto/key-rotation';
export { PersonalDataCipher, citizenLoginIndex } from './crypto/personal-data-cipher';
export { DataKeys, personalDataErased } from './crypto/data-keys';
export { DataKeyEntity } from './crypto/data-key.entity';
export { PgListener } from './database/pg-listener.service';
export { yearLocked } from './errors/all-exceptions.filter';
export { canonicalJson } from './hashing/canonical-json';
export { configureHttpApp, startHttpApp } from './http/bootstrap';
export { parseYearPipe, uuidPipe } from './http/pipes';
export { HasText, IsLegalDate } from './http/validators';
export { platformModules } from './platform-modules';
export type { AppName } from './platform-modules';
export { VersionDto } from './http/version.dto';
export { DatabaseListenerModule } from './database/database-listener.module';
export { ClockModule } from './clock/clock.module';
export { sha256Hex } from './hashing/sha256';
export { nextGapFree } from './database/gap-free-counter';
export type { GapFreeCounter } from './database/gap-free-counter';
export { RateLimitCounterEntity } from './rate-limit/rate-limit-counter.entity';
export { readCookie } from './http/cookies';
export { RateLimiter, rateLimited } from './rate-limit/rate-limiter.service';
export { RateLimit, RateLimitInterceptor } from './rate-limit/rate-limit.decorator';
export type { RateLimitKey } from './rate-limit/rate-limit.decorator';
export type { RateLimitRule } from './rate-limit/rate-limiter.service';
export { RateLimitModule } from './rate-limit/rate-limit.module';
export type { ErrorPageRenderer } from './errors/all-exceptions.filter';
export type { ErrorBody } from './errors/all-exceptions.filter';
export type { SiteIdentity } from './config/app-config';
export { createValidationPipe } from './errors/validation';
export { MAX_INPUT_DEPTH, inputProblems } from './errors/input-scan';
export {
  cosine,
  keywords,
  normalizeText,
  searchTerms,
  taggedWords,
  terms,
  textSimilarity,
  weightedTerms,
} from './text/chinese-text';
export { FileStore, checkedBody, fileIntegrity } from './storage/file-store';
export { StorageModule } from './storage/storage.module';
export { signV4 } from './storage/s3-signature';
export { ReadDatabase } from './database/read-database';
