import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ConsoleModule } from '../apps/console/src/console.module';
import { PortalModule } from '../apps/portal/src/portal.module';
import { ACCESS_KEY } from '@gongkai/core/platform';
import { TestApp, startTestApp, testConfig, useTestDatabase } from '@gongkai/testing';

/** docs/domain-rules.md: every endpoint declares the permission it needs (the guard refuses any that does not). */
describe('access declarations', () => {
  const db = useTestDatabase();
  const apps: TestApp[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  it.each([
    ['console', ConsoleModule],
    ['portal', PortalModule],
  ] as const)('should declare an access rule on every route of the %s', async (_name, module) => {
    const app = await startTestApp(module.forRoot(testConfig(db().url)));
    apps.push(app);
    const routes: string[] = [];
    const undeclared: string[] = [];
    for (const mod of app.app.get(ModulesContainer).values()) {
      for (const wrapper of mod.controllers.values()) {
        const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
        if (!type) {
          continue;
        }
        const proto = type.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) {
            continue;
          }
          const route = `${type.name}.${name} ${String(Reflect.getMetadata(PATH_METADATA, handler))}`;
          routes.push(route);
          if (
            Reflect.getMetadata(ACCESS_KEY, handler) === undefined &&
            Reflect.getMetadata(ACCESS_KEY, type) === undefined
          ) {
            undeclared.push(route);
          }
        }
      }
    }
    expect(routes.length).toBeGreaterThan(5);
    expect(undeclared).toEqual([]);
  });

  it('should refuse the staff routes to anonymous callers with a coded 401', async () => {
    const app = apps[0];
    for (const path of [
      '/api/console/requests',
      '/api/console/agencies',
      '/api/console/audit',
      '/api/console/users',
    ]) {
      const res = await app.http.get(path).expect(401);
      expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
    }
  });
});
