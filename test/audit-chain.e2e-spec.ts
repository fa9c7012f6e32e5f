import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ConsoleModule } from '../apps/console/src/console.module';
import { AuditLogEntity, AuditService, auditBody, sha256Hex } from '@gongkai/core/platform';
import { FrozenClock, TestApp, startTestApp, testConfig, useTestDatabase } from '@gongkai/testing';

/**
 * The audit chain is keyed (HMAC under a key outside the database), so a row rewritten with a
 * recomputed plain hash is found; and its head is copied outside the database, so a truncated or
 * rebuilt chain is found too.
 */
describe('the keyed audit chain and its head outside the database', () => {
  const db = useTestDatabase();
  const sink = join(mkdtempSync(join(tmpdir(), 'gongkai-heads-')), 'audit-heads.jsonl');
  let app: TestApp;
  let ds: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    app = await startTestApp(ConsoleModule.forRoot(testConfig(db().url, { auditHeadFile: sink })), {
      clock: new FrozenClock('2026-03-02T09:00:00+08:00'),
    });
    ds = app.app.get(DataSource);
    audit = app.app.get(AuditService);
    for (let i = 0; i < 3; i++) {
      await audit.record(null, { actor: 'test', action: 'test.event', result: 'success', details: { i } });
    }
  });
  afterAll(() => app?.close());

  it('should write rows unlinked, link them in one sequencer run, and verify them', async () => {
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 0, pending: 3 });
    expect(await audit.sequence()).toBe(3);
    expect(await audit.sequence()).toBe(0);
    const rows = await ds.query<{ hash: string }[]>('SELECT hash FROM audit_log ORDER BY id');
    expect(rows.every((r) => r.hash.startsWith('k1:'))).toBe(true);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 3, pending: 0 });
  });

  it('should copy the head outside the database and find a chain rebuilt behind it', async () => {
    const head = await audit.copyHead();
    expect(JSON.parse(readFileSync(sink, 'utf8').trim())).toMatchObject({ id: head!.id, hash: head!.hash });
    // Someone with the table's ownership rewrites the last row with a plain SHA-256 link (no key).
    const [last] = await ds.query<
      {
        id: string;
        prev_hash: string;
        at: Date;
        actor: string;
        ip: string;
        action: string;
        object_type: string;
        object_id: string;
        result: string;
        details: Record<string, unknown>;
      }[]
    >('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1');
    const forged = { ...last, details: { i: 99 } };
    const plain = sha256Hex(
      `${last.prev_hash}\n${auditBody({ at: last.at, actor: last.actor, ip: last.ip, action: last.action, objectType: last.object_type, objectId: last.object_id, result: last.result as 'success', details: forged.details })}`,
    );
    await ds.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await ds.query(`UPDATE audit_log SET details = $2, hash = $3 WHERE id = $1`, [
      last.id,
      forged.details,
      plain,
    ]);
    await ds.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    const verdict = await audit.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.brokenAt).toBe(last.id);
    expect(verdict.heads).toEqual({ checked: 1, mismatched: [head!.id] });
  });

  it('should link rows written side by side by many transactions while two sequencers run, each once', async () => {
    const writes = Array.from({ length: 60 }, (_, i) =>
      ds.transaction((em) =>
        audit.record(em, { actor: 'test', action: 'test.parallel', result: 'success', details: { i } }),
      ),
    );
    // A write that rolls back leaves nothing to link.
    const rolledBack = ds
      .transaction(async (em) => {
        await audit.record(em, { actor: 'test', action: 'test.rolled_back', result: 'success' });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const sequencers = [audit.sequence(), audit.sequence(), audit.sequence()];
    await Promise.all([...writes, rolledBack]);
    await Promise.all(sequencers);
    // Whatever committed after the runs above is linked by the next.
    await audit.sequence();
    const rows = await ds
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .orderBy('a.seq', 'ASC', 'NULLS LAST')
      .getMany();
    expect(rows.every((r) => r.seq !== null)).toBe(true);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.action === 'test.parallel')).toHaveLength(60);
    expect(rows.filter((r) => r.action === 'test.rolled_back')).toHaveLength(0);
    // Each new row is keyed to the one before it (the rows before were rewritten by the previous test).
    for (let i = 4; i < rows.length; i++) {
      const { id: _i, prevHash, hash, seq: _s, ...content } = rows[i];
      expect(prevHash).toBe(rows[i - 1].hash);
      expect(hash).toBe(audit.keyedHash(prevHash!, content));
    }
  });

  it('should let the database change only the link of an unlinked row, its content untouched', async () => {
    await audit.record(null, { actor: 'test', action: 'test.pending', result: 'success' });
    const [row] = await ds.query<{ id: string }[]>(`SELECT id FROM audit_log WHERE seq IS NULL`);
    await expect(ds.query(`UPDATE audit_log SET actor = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      ds.query(`UPDATE audit_log SET seq = 999999, prev_hash = 'p', hash = 'h', actor = 'x' WHERE id = $1`, [
        row.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await audit.sequence();
    await expect(ds.query(`UPDATE audit_log SET hash = 'h' WHERE id = $1`, [row.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`DELETE FROM audit_log WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
  });
});
