import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfig,
  CalendarModule,
  HandlingModule,
  ReportsModule,
  IdentityModule,
  RequestsModule,
  platformModules,
} from '@gongkai/core';
import { DatabaseModule } from '@gongkai/database';
import { AgenciesController } from './agencies/agencies.controller';
import { AlertsController } from './alerts/alerts.controller';
import { AttachmentsController } from './attachments/attachments.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { CalendarAdminController } from './calendar/calendar-admin.controller';
import { RequestDeadlineController } from './requests/request-deadline.controller';
import { RequestsController } from './requests/requests.controller';
import { UsersController } from './users/users.controller';
import { CaseFileController } from './handling/case-file.controller';
import { HandlingController } from './handling/handling.controller';
import { LetterTemplatesController } from './handling/letter-templates.controller';
import { NotificationsController } from './handling/notifications.controller';
import { RemedyCasesController, ReportsController } from './reports/reports.controller';

/** The intranet staff app: registration, handling, review, sign-off, reports, administration. */
@Module({})
export class ConsoleModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        ...platformModules('console', config),
        DatabaseModule.forRoot(config.databaseUrl),
        IdentityModule.forApp('staff'),
        CalendarModule,
        RequestsModule,
        HandlingModule,
        ReportsModule,
      ],
      controllers: [
        AuthController,
        AgenciesController,
        UsersController,
        AuditController,
        RequestsController,
        AttachmentsController,
        RequestDeadlineController,
        CalendarAdminController,
        AlertsController,
        HandlingController,
        CaseFileController,
        LetterTemplatesController,
        NotificationsController,
        ReportsController,
        RemedyCasesController,
      ],
    };
  }
}
