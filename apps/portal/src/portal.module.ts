import { DynamicModule, Module } from '@nestjs/common';
import { AgenciesModule } from '@gongkai/core/agencies';
import { AttachmentsModule } from '@gongkai/core/attachments';
import { CalendarModule } from '@gongkai/core/calendar';
import { DeadlinesModule } from '@gongkai/core/deadlines';
import { HandlingModule } from '@gongkai/core/handling';
import { IdentityModule } from '@gongkai/core/identity';
import { LettersModule } from '@gongkai/core/letters';
import { NotificationsModule } from '@gongkai/core/notifications';
import {
  AppConfig,
  AuditModule,
  ClockModule,
  CryptoModule,
  RateLimitModule,
  platformModules,
} from '@gongkai/core/platform';
import { RequestRecordModule } from '@gongkai/core/request-record';
import { IntakeModule } from '@gongkai/core/requests/intake';
import { RequestQueriesModule } from '@gongkai/core/requests/queries';
import { TrackingModule } from '@gongkai/core/requests/tracking';
import { DatabaseModule } from '@gongkai/database';
import { WebModule } from '@gongkai/web';
import { AgenciesController } from './agencies/agencies.controller';
import { RegistrationCodes } from './registration-codes.service';
import { AuthController } from './auth/auth.controller';
import { CalendarController } from './calendar/calendar.controller';
import { RequestsController } from './requests/requests.controller';
import { CitizenActionsController } from './requests/citizen-actions.controller';
import { AccountPagesController } from './pages/account-pages.controller';
import { ApplyPagesController } from './pages/apply/apply-pages.controller';
import { MyRequestsPagesController } from './pages/my-requests-pages.controller';
import { PORTAL_WEB } from './pages/portal-web';
import { SitePagesController } from './pages/site-pages.controller';
import { TrackPagesController } from './pages/track-pages.controller';

/** The internet-facing citizen app: its pages and JSON API for applying, tracking, letters. Citizen functions only. */
@Module({})
export class PortalModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    const identity = IdentityModule.forApp('citizen');
    return {
      module: PortalModule,
      imports: [
        ...platformModules('portal', config),
        DatabaseModule.forRoot(config.databaseUrl, {
          production: config.nodeEnv === 'production',
          roleCheck: config.databaseRoleCheck,
          readUrl: config.databaseReadUrl,
        }),
        ClockModule,
        AuditModule,
        CryptoModule,
        identity,
        WebModule.forApp(PORTAL_WEB, identity),
        RateLimitModule,
        AgenciesModule,
        CalendarModule,
        DeadlinesModule,
        RequestRecordModule,
        AttachmentsModule,
        LettersModule,
        NotificationsModule,
        IntakeModule,
        RequestQueriesModule,
        HandlingModule,
        TrackingModule,
      ],
      controllers: [
        AuthController,
        AgenciesController,
        RequestsController,
        CitizenActionsController,
        CalendarController,
        SitePagesController,
        AccountPagesController,
        ApplyPagesController,
        TrackPagesController,
        MyRequestsPagesController,
      ],
      providers: [RegistrationCodes],
    };
  }
}
