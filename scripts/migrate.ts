/** `npm run migration:run|revert` against DATABASE_URL (the one-off migration service in docker/ too). */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@gongkai/core/platform';
import { revertLastMigration, runMigrations } from '@gongkai/database';

async function main(): Promise<void> {
  // Migrations need the database, not the personal-data key.
  const config = loadConfig();
  if (config.databaseUrl === undefined) {
    throw new ConfigError(['DATABASE_URL: is required to migrate']);
  }
  const command = process.argv[2] ?? 'run';
  if (command === 'run') {
    const applied = await runMigrations(config.databaseUrl);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'migrations are current');
  } else if (command === 'revert') {
    await revertLastMigration(config.databaseUrl);
    console.log('reverted the last migration');
  } else {
    throw new Error(`unknown command "${command}" (run | revert)`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
