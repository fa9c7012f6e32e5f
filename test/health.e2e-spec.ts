import { ConsoleModule } from '../apps/console/src/console.module';
import { PortalModule } from '../apps/portal/src/portal.module';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { TestApp, startTestApp, testConfig, useTestDatabase } from '@gongkai/testing';

describe('GET /health', () => {
  const db = useTestDatabase();
  const apps: TestApp[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  it.each([
    ['portal', (url: string) => PortalModule.forRoot(testConfig(url))],
    ['console', (url: string) => ConsoleModule.forRoot(testConfig(url))],
    ['worker', (url: string) => WorkerModule.forRoot(testConfig(url))],
  ])('should answer "up" on the %s with database and migrations checked', async (_name, build) => {
    const t = await startTestApp(build(db().url));
    apps.push(t);
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, migrations: { status: 'up' } },
    });
  });
});
