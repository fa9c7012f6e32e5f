import { DynamicModule, Module } from '@nestjs/common';
import { AgenciesModule } from '@gongkai/core/agencies';
import { AttachmentsModule } from '@gongkai/core/attachments';
import { CalendarModule } from '@gongkai/core/calendar';
import { DeadlinesModule } from '@gongkai/core/deadlines';
import { HandlingModule } from '@gongkai/core/handling';
import { IdentityModule } from '@gongkai/core/identity';
import { LettersModule } from '@gongkai/core/letters';
import { NotificationsModule } from '@gongkai/core/notifications';
import { AppConfig, AuditModule, ClockModule, CryptoModule, platformModules } from '@gongkai/core/platform';
import { RequestRecordModule } from '@gongkai/core/request-record';
import { IntakeModule } from '@gongkai/core/requests/intake';
import { RequestQueriesModule } from '@gongkai/core/requests/queries';
import { DatabaseModule } from '@gongkai/database';
import { AgenciesController } from './agencies/agencies.controller';
import { AuthController } from './auth/auth.controller';
import { CalendarController } from './calendar/calendar.controller';
import { RequestsController } from './requests/requests.controller';
import { CitizenActionsController } from './requests/citizen-actions.controller';

/** The internet-facing citizen app: application, tracking, letters. Citizen functions only. */
@Module({})
export class PortalModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: PortalModule,
      imports: [
        ...platformModules('portal', config),
        DatabaseModule.forRoot(config.databaseUrl),
        ClockModule,
        AuditModule,
        CryptoModule,
        IdentityModule.forApp('citizen'),
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
      ],
      controllers: [
        AuthController,
        AgenciesController,
        RequestsController,
        CitizenActionsController,
        CalendarController,
      ],
    };
  }
}
