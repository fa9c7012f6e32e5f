import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, platformModules } from '@gongkai/core';
import { DatabaseModule } from '@gongkai/database';

/** The internet-facing citizen app: application, tracking, letters. Citizen functions only. */
@Module({})
export class PortalModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: PortalModule,
      imports: [...platformModules('portal', config), DatabaseModule.forRoot(config.databaseUrl)],
    };
  }
}
