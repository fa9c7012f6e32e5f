export { CitizenAuthService } from './citizen-auth.service';
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
