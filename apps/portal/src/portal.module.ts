import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CalendarModule, platformModules } from '@gongkai/core';
import { DatabaseModule } from '@gongkai/database';
import { CalendarController } from './calendar/calendar.controller';

/** The internet-facing citizen app: application, tracking, letters. Citizen functions only. */
@Module({})
export class PortalModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: PortalModule,
      imports: [
        ...platformModules('portal', config),
        DatabaseModule.forRoot(config.databaseUrl),
        CalendarModule,
      ],
      controllers: [CalendarController],
    };
  }
}
