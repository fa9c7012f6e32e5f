import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfig,
  CalendarModule,
  HandlingModule,
  IdentityModule,
  RequestsModule,
  platformModules,
} from '@gongkai/core';
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
        IdentityModule.forApp('citizen'),
        CalendarModule,
        RequestsModule,
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
