import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, platformModules } from '@gongkai/core';
import { DatabaseModule } from '@gongkai/database';

/** The intranet staff app: registration, handling, review, sign-off, reports, administration. */
@Module({})
export class ConsoleModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [...platformModules('console', config), DatabaseModule.forRoot(config.databaseUrl)],
    };
  }
}
