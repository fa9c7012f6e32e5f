import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CalendarModule } from '@gongkai/core/calendar';
import { HandlingModule } from '@gongkai/core/handling';
import { NotificationsModule } from '@gongkai/core/notifications';
import { AppConfig, AuditModule, ClockModule, CryptoModule, platformModules } from '@gongkai/core/platform';
import { AlertsModule } from '@gongkai/core/alerts';
import { DatabaseModule } from '@gongkai/database';
import { CalendarWatchJob } from './calendar/calendar-watch.job';
import { OutboxJob } from './handling/outbox.job';
import { SweepJob } from './handling/sweep.job';
import { UploadPurgeJob } from './handling/upload-purge.job';
import { AuditHeadJob } from './audit-head.job';
import { AuditSequencerJob } from './audit-sequencer.job';
import { AttachmentsModule } from '@gongkai/core/attachments';
import { ReportsModule } from '@gongkai/core/reports';
import { CaseLibraryJob } from './handling/case-library.job';
import { LetterOutboxJob } from './handling/letter-outbox.job';
import { LettersModule } from '@gongkai/core/letters';
import { ArchiveModule } from '@gongkai/core/archive';
import { RetentionJob } from './handling/retention.job';

/**
 * Schedules and the notification outbox. Its only HTTP surface is the health port (and, outside
 * production, a read of its clock), so operators and tests can see it is alive.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...platformModules('worker', config),
        DatabaseModule.forRoot(config.databaseUrl, {
          production: config.nodeEnv === 'production',
          roleCheck: config.databaseRoleCheck,
          readUrl: config.databaseReadUrl,
        }),
        ScheduleModule.forRoot(),
        ClockModule,
        AuditModule,
        CryptoModule,
        CalendarModule,
        AlertsModule,
        NotificationsModule,
        HandlingModule,
        AttachmentsModule,
        ReportsModule,
        LettersModule,
        ArchiveModule,
      ],
      providers: [
        CalendarWatchJob,
        SweepJob,
        OutboxJob,
        UploadPurgeJob,
        AuditHeadJob,
        AuditSequencerJob,
        CaseLibraryJob,
        LetterOutboxJob,
        RetentionJob,
      ],
    };
  }
}
