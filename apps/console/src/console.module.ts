import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CalendarModule, platformModules } from '@gongkai/core';
import { DatabaseModule } from '@gongkai/database';
import { AlertsController } from './alerts/alerts.controller';
import { CalendarAdminController } from './calendar/calendar-admin.controller';
import { RequestDeadlineController } from './requests/request-deadline.controller';

/** The intranet staff app: registration, handling, review, sign-off, reports, administration. */
@Module({})
export class ConsoleModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        ...platformModules('console', config),
        DatabaseModule.forRoot(config.databaseUrl),
        CalendarModule,
      ],
      controllers: [CalendarAdminController, RequestDeadlineController, AlertsController],
    };
  }
}
