import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AgenciesModule } from '../agencies';
import { AuditModule, ClockModule, CryptoModule } from '../platform';
import { AUTH_AUDIENCE, AuthAudience, AuthGuard } from './auth.guard';
import { CitizenAuthService } from './citizen-auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { OneTimeCodeService } from './one-time-code.service';
import { PasswordLoginService } from './password-login.service';
import { PasswordPolicyService } from './password-policy.service';
import { SessionService } from './session.service';
import { StaffAdminService } from './staff-admin.service';
import { StaffAuthService } from './staff-auth.service';
import { SecondFactorService } from './second-factor.service';

/**
 * Sign-in, sessions and the access guard (an APP_GUARD, so it covers every route), for one audience: the console
 * admits staff sessions only, the portal citizen sessions only.
 */
@Module({})
export class IdentityModule {
  static forApp(audience: AuthAudience): DynamicModule {
    const shared = [
      SessionService,
      LoginThrottleService,
      PasswordLoginService,
      PasswordPolicyService,
      audience === 'staff' ? StaffAuthService : CitizenAuthService,
      ...(audience === 'staff' ? [StaffAdminService, SecondFactorService] : [OneTimeCodeService]),
    ];
    return {
      module: IdentityModule,
      imports: [AuditModule, ClockModule, CryptoModule, AgenciesModule],
      providers: [
        ...shared,
        { provide: AUTH_AUDIENCE, useValue: audience },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: shared,
    };
  }
}
