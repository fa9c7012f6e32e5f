import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@gongkai/database';
import { useTestDatabase } from '@gongkai/testing';

describe('the migrations', () => {
  const db = useTestDatabase();

  it('should build exactly the schema the entities describe (nothing left for migration:generate)', async () => {
    const ds = new DataSource(dataSourceOptions(db().url, { poolSize: 1 }));
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('should revert and re-apply cleanly', async () => {
    const ds = new DataSource(dataSourceOptions(db().url, { poolSize: 1 }));
    await ds.initialize();
    try {
      const count = ds.migrations.length;
      for (let i = 0; i < count; i++) {
        await ds.undoLastMigration({ transaction: 'each' });
      }
      expect(await ds.showMigrations()).toBe(true);
      await ds.runMigrations({ transaction: 'each' });
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
    }
  });
});
