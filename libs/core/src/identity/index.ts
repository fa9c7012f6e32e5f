export { CitizenAuthService, normalizeCitizenLogin } from './citizen-auth.service';
export {
  CitizenEntity,
  LoginThrottleEntity,
  SessionEntity,
  StaffRoleEntity,
  StaffUserEntity,
} from './identity.entities';
export { IdentityModule } from './identity.module';
export { hashPassword } from './password-hasher';
export { clearSessionCookie, setSessionCookie } from './session-cookie';
export { SessionService } from './session.service';
export { StaffAdminService } from './staff-admin.service';
export { StaffAuthService } from './staff-auth.service';
export type { StaffChallenge, StaffSession } from './staff-auth.service';
export { SecondFactorService } from './second-factor.service';
export { OneTimeCodeEntity } from './one-time-code.entity';
export { OneTimeCodeService, ONE_TIME_CODE_MINUTES } from './one-time-code.service';
export { base32Decode, hotp, totpStep } from './totp';
