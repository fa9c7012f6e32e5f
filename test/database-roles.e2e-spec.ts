import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ConsoleModule } from '../apps/console/src/console.module';
import { ensureAppRole, grantAppRole, roleCanRewriteAudit, urlAs } from '@gongkai/database';
import { AuditService } from '@gongkai/core/platform';
import { FrozenClock, startTestApp, testConfig, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * The apps run as their own database role, the migrations as the owner: the apps' role does the whole
 * life of a request, but can neither switch off nor drop the triggers that keep the audit log, letters
 * and case files unchanged, nor change those records, nor alter the schema. A production app refuses to
 * run as the owner or a superuser.
 */
describe('separate database roles for the owner and the apps', () => {
  const db = useTestDatabase();
  const role = `gongkai_app_test_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  let appUrl: string;
  let asApp: Client;

  beforeAll(async () => {
    await ensureAppRole(db().url, role, password);
    await grantAppRole(db().url, role);
    appUrl = urlAs(db().url, role, password);
    await desk.start(appUrl);
    asApp = new Client({ connectionString: appUrl });
    // The test database is dropped at the end, possibly before this client has gone.
    asApp.on('error', () => undefined);
    await asApp.connect();
  }, 60_000);
  afterAll(async () => {
    await asApp?.end();
    await desk.close();
  });

  it('should let the apps run a request from application to archive, and link the audit chain', async () => {
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', id, 'sign-off', {});
    await desk.act('handler', id, 'record-service', { channel: 'online', servedOn: desk.today });
    await desk.act('handler', id, 'archive', {});
    expect((await desk.row(id)).status).toBe('archived');
    const audit = desk.console.app.get(AuditService);
    expect(await audit.sequence()).toBeGreaterThan(0);
    expect(await audit.verify()).toMatchObject({ ok: true, pending: 0 });
    expect(await roleCanRewriteAudit((sql) => asApp.query(sql).then((r) => r.rows))).toEqual({
      superuser: false,
      owner: false,
    });
  });

  it.each([
    ['switch off the audit trigger', 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete'],
    ['drop the audit trigger', 'DROP TRIGGER audit_log_no_update_delete ON audit_log'],
    ['rewrite an audit row', `UPDATE audit_log SET actor = 'someone-else'`],
    ['delete audit rows', 'DELETE FROM audit_log'],
    ['truncate the audit log', 'TRUNCATE audit_log'],
    ['rewrite a letter', `UPDATE letter SET title = 'x'`],
    ['delete a letter', 'DELETE FROM letter'],
    ['delete a case file', 'DELETE FROM case_file'],
    ['change a published report', `UPDATE report_snapshot SET sha256 = 'x'`],
    ['change the migrations', 'DELETE FROM migrations'],
    ['delete a data key (to lose personal data outside the retention job)', 'DELETE FROM data_key'],
    ['rewrite an erasure record', `UPDATE personal_data_erasure SET basis = 'x'`],
    ['create a table', 'CREATE TABLE intruder (id int)'],
    [
      'add a trigger',
      'CREATE TRIGGER t BEFORE UPDATE ON request FOR EACH ROW EXECUTE FUNCTION refuse_change()',
    ],
    ['truncate the requests', 'TRUNCATE request CASCADE'],
  ])('should not let the apps %s', async (_, sql) => {
    await expect(asApp.query(sql)).rejects.toThrow(/permission denied|must be owner/);
  });

  it('should refuse a production start as the owner or a superuser, and start as the apps role', async () => {
    const production = (url: string) =>
      testConfig(url, {
        nodeEnv: 'production',
        clockControlEnabled: false,
        demoData: false,
        databaseRoleCheck: true,
      });
    await expect(startTestApp(ConsoleModule.forRoot(production(db().url)))).rejects.toThrow(
      /refusing to start: the database role (is a superuser|owns the audit log)/,
    );
    // (The demo district is loaded here, so the demo-data refusal is what answers for the apps' role.)
    await expect(startTestApp(ConsoleModule.forRoot(production(appUrl)))).rejects.toThrow(/demo data/);
  });
});
