import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CryptoModule } from '@gongkai/core/platform';
import { AssetsController } from './assets.controller';
import { DisplayModeController } from './display-mode.controller';
import { PageMiddleware } from './page.middleware';
import { Pages } from './pages.service';
import { WEB_OPTIONS } from './web-options';
import type { WebAppOptions } from './web-options';

/** The shared page layer of the portal and the console: layout, components, assets, CSRF, error pages. */
@Module({})
export class WebModule implements NestModule {
  /** `identity` is the app's own IdentityModule.forApp(…) (the same object, so the guard exists once). */
  static forApp(options: WebAppOptions, identity: DynamicModule): DynamicModule {
    return {
      module: WebModule,
      imports: [CryptoModule, identity],
      controllers: [AssetsController, DisplayModeController],
      providers: [{ provide: WEB_OPTIONS, useValue: options }, Pages, PageMiddleware],
      exports: [Pages],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PageMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
