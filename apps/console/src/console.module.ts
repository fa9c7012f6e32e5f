import { DynamicModule, Module } from '@nestjs/common';
import { AgenciesModule } from '@gongkai/core/agencies';
import { ArchiveModule } from '@gongkai/core/archive';
import { AttachmentsModule } from '@gongkai/core/attachments';
import { CalendarModule } from '@gongkai/core/calendar';
import { CalendarPublishingModule } from '@gongkai/core/deadlines/calendar-publishing';
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
import { ReportsModule } from '@gongkai/core/reports';
import { RequestRecordModule } from '@gongkai/core/request-record';
import { IntakeModule } from '@gongkai/core/requests/intake';
import { RequestMovesModule } from '@gongkai/core/requests/moves';
import { RequestQueriesModule } from '@gongkai/core/requests/queries';
import { AlertsModule } from '@gongkai/core/alerts';
import { DatabaseModule } from '@gongkai/database';
import { WebModule } from '@gongkai/web';
import { CasePagesController } from './pages/case-pages.controller';
import { TrackingModule } from '@gongkai/core/requests/tracking';
import { DeskPagesController } from './pages/desk-pages.controller';
import { ReportPagesController } from './pages/report-pages.controller';
import { LedgerPagesController } from './pages/ledger-pages.controller';
import { AnalysisPagesController } from './pages/analysis-pages.controller';
import { AgencyPagesController } from './pages/agency-pages.controller';
import { TemplatePagesController } from './pages/template-pages.controller';
import { SystemPagesController } from './pages/system-pages.controller';
import { AuditPagesController } from './pages/audit-pages.controller';
import { UserPagesController } from './pages/user-pages.controller';
import { CalendarPagesController } from './pages/calendar-pages.controller';
import { RegisterPagesController } from './pages/register-pages.controller';
import { CONSOLE_WEB } from './pages/console-web';
import { StaffPagesController } from './pages/staff-pages.controller';
import { WorklistPagesController } from './pages/worklist-pages.controller';
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
import { AnalysisController } from './reports/analysis.controller';
import { DisclosureController } from './reports/disclosure.controller';
import { LibraryController } from './reports/library.controller';
import { JointConsultationsController } from './handling/joint-consultations.controller';
import { DisclosurePagesController } from './pages/disclosure-pages.controller';
import { LibraryPagesController } from './pages/library-pages.controller';

/** The intranet staff app: registration, handling, review, sign-off, reports, administration. */
@Module({})
export class ConsoleModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    const identity = IdentityModule.forApp('staff');
    return {
      module: ConsoleModule,
      imports: [
        ...platformModules('console', config),
        DatabaseModule.forRoot(config.databaseUrl, {
          production: config.nodeEnv === 'production',
          roleCheck: config.databaseRoleCheck,
          readUrl: config.databaseReadUrl,
        }),
        ClockModule,
        AuditModule,
        RateLimitModule,
        CryptoModule,
        identity,
        WebModule.forApp(CONSOLE_WEB, identity),
        AgenciesModule,
        AlertsModule,
        CalendarModule,
        CalendarPublishingModule,
        DeadlinesModule,
        RequestRecordModule,
        RequestMovesModule,
        AttachmentsModule,
        LettersModule,
        NotificationsModule,
        IntakeModule,
        RequestQueriesModule,
        TrackingModule,
        HandlingModule,
        ArchiveModule,
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
        AnalysisController,
        DisclosureController,
        LibraryController,
        JointConsultationsController,
        RemedyCasesController,
        StaffPagesController,
        WorklistPagesController,
        CasePagesController,
        RegisterPagesController,
        DeskPagesController,
        LedgerPagesController,
        ReportPagesController,
        AuditPagesController,
        UserPagesController,
        CalendarPagesController,
        AgencyPagesController,
        TemplatePagesController,
        SystemPagesController,
        DisclosurePagesController,
        LibraryPagesController,
        AnalysisPagesController,
      ],
    };
  }
}
