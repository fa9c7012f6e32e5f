import { DynamicModule, Type } from '@nestjs/common';
import { ClockModule } from './clock/clock.module';
import { TestingClockModule } from './clock/testing-clock.module';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { CoreHttpModule } from './http/core-http.module';
import { LoggingModule } from './logging/logging.module';

export type AppName = 'portal' | 'console' | 'worker';

/** The modules every app stands on: config, logs, clock, health, the global pipe and filter. */
export function platformModules(app: AppName, config: AppConfig): (Type | DynamicModule)[] {
  return [
    AppConfigModule.forRoot(config),
    LoggingModule.forApp(app, config),
    ClockModule,
    HealthModule,
    CoreHttpModule,
    TestingClockModule.register(config, { control: app === 'console' }),
  ];
}
