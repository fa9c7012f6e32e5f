import { DynamicModule, Module, Type } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ClockModule } from './clock.module';
import { ClockControlController, ClockReadController } from './testing-clock.controller';

/** The testing clock routes; in production (clockControlEnabled false) they do not exist at all. */
@Module({})
export class TestingClockModule {
  static register(config: AppConfig, opts: { control: boolean }): DynamicModule {
    const controllers: Type[] = [];
    if (config.clockControlEnabled) {
      controllers.push(ClockReadController);
      if (opts.control) {
        controllers.push(ClockControlController);
      }
    }
    return { module: TestingClockModule, imports: [ClockModule], controllers };
  }
}
