import { DataSource } from 'typeorm';
import { ConsoleModule } from '../apps/console/src/console.module';
import { loadDemoDistrict, startTestApp, testConfig, useTestDatabase } from '@gongkai/testing';
import { dataSourceOptions } from '@gongkai/database';

/** A production start refuses a database that holds the demo accounts (their passwords are published). */
describe('a production start', () => {
  const db = useTestDatabase();

  it('should start on a database without demo data, and refuse one with it', async () => {
    const production = testConfig(db().url, {
      nodeEnv: 'production',
      clockControlEnabled: false,
      demoData: false,
    });
    const clean = await startTestApp(ConsoleModule.forRoot(production));
    await clean.close();
    const ds = new DataSource(dataSourceOptions(db().url, { poolSize: 1 }));
    await ds.initialize();
    try {
      await loadDemoDistrict(ds, new Date());
    } finally {
      await ds.destroy();
    }
    await expect(startTestApp(ConsoleModule.forRoot(production))).rejects.toThrow(/demo data/);
  });
});
