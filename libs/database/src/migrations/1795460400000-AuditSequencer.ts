import { MigrationInterface, QueryRunner } from 'typeorm';
// The audit chain without a global lock: rows are inserted freely (no link yet) and a single sequencer
// (the worker) links them in small batches, giving each its place in the chain (`seq`). Rows written
// before keep their links, chained in id order. The append-only trigger now lets exactly one change
// through: setting the link of a row that has none, its content unchanged.

export class AuditSequencer1795460400000 implements MigrationInterface {
  name = 'AuditSequencer1795460400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_log" ADD "seq" bigint`);
    await q.query(`ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL`);
    await q.query(`ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL`);
    await q.query(`ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_update_delete"`);
    await q.query(`UPDATE "audit_log" SET "seq" = "id"`);
    await q.query(`ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_update_delete"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_audit_log_seq" ON "audit_log" ("seq")`);
    await q.query(`CREATE INDEX "IDX_audit_log_pending" ON "audit_log" ("id") WHERE "seq" IS NULL`);
    await q.query(`
      CREATE OR REPLACE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          -- The sequencer links a row once: seq, prev_hash and hash set where none were, nothing else changed.
          IF OLD.seq IS NULL AND OLD.hash IS NULL AND OLD.prev_hash IS NULL
             AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
             AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.ip = OLD.ip
             AND NEW.action = OLD.action AND NEW.object_type = OLD.object_type
             AND NEW.object_id = OLD.object_id AND NEW.result = OLD.result AND NEW.details = OLD.details THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP INDEX "IDX_audit_log_pending"`);
    await q.query(`DROP INDEX "UQ_audit_log_seq"`);
    // Rows never linked cannot be kept under the older schema, which requires a link.
    await q.query(`ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_update_delete"`);
    await q.query(`DELETE FROM "audit_log" WHERE "seq" IS NULL`);
    await q.query(`ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_update_delete"`);
    await q.query(`ALTER TABLE "audit_log" ALTER COLUMN "hash" SET NOT NULL`);
    await q.query(`ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" SET NOT NULL`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "seq"`);
  }
}
