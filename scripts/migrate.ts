/**
 * `npm run migration:run|revert` against DATABASE_URL, as the owner of the schema (the one-off migration
 * service in docker/ too); with APP_DB_ROLE it then grants the apps' role what they may do.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@gongkai/core/platform';
import { ensureAppRole, grantAppRole, revertLastMigration, runMigrations } from '@gongkai/database';

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
    // Run as the owner; the apps' role (APP_DB_ROLE) is created when APP_DB_PASSWORD is given, and granted
    // what the apps may do after every migration (docs/operations.md "Database roles").
    const role = process.env.APP_DB_ROLE;
    if (role) {
      if (process.env.APP_DB_PASSWORD) {
        await ensureAppRole(config.databaseUrl, role, process.env.APP_DB_PASSWORD);
      }
      await grantAppRole(config.databaseUrl, role);
      console.log(
        `granted the apps' role ${role}: rows of every table, append-only records insert and read only`,
      );
    }
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
