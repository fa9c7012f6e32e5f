/**
 * `npm run keys:rotate`: re-encrypts the stored personal data under the current key and scheme
 * (PERSONAL_DATA_KEY_ID, PERSONAL_DATA_CIPHER), reading the earlier values with PERSONAL_DATA_PREVIOUS_KEYS,
 * in batches while the apps run, re-wraps the data keys, and moves what was written before data keys
 * (requests not yet archived, their consultations' addresses, files in PostgreSQL) under data keys of their
 * own. Archived requests made before data keys keep their ring key (their values are sealed in their case
 * files).
 * The run is written to the audit log.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, keyringOf, loadAppConfig, rotatePersonalData } from '@gongkai/core/platform';
import { dataSourceOptions } from '@gongkai/database';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const cipher = keyringOf(config);
  const ds = new DataSource(dataSourceOptions(config.databaseUrl, { poolSize: 2 }));
  await ds.initialize();
  try {
    const batch = Number(process.argv[2] ?? 500);
    const result = await rotatePersonalData(ds, cipher, Number.isInteger(batch) && batch > 0 ? batch : 500);
    await ds.query(
      `INSERT INTO audit_log (at, actor, ip, action, object_type, object_id, result, details)
       VALUES (now(), 'system:keys', '', 'keys.rotated', 'personal_data', $1, 'success', $2)`,
      [config.personalDataKeyId, { scheme: config.personalDataCipher, ...result }],
    );
    for (const [name, n] of Object.entries(result.rewritten)) {
      console.log(`${name}: ${n} re-encrypted`);
    }
    console.log(
      `now under ${config.personalDataCipher} key ${config.personalDataKeyId}; ${result.sealed} archived requests made before data keys keep the key they were sealed with`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
