import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnnualReportLedgerAndRemedies1795435200000 implements MigrationInterface {
  name = 'AnnualReportLedgerAndRemedies1795435200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "ledger_import" (
                "id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "file_name" text NOT NULL,
                "file_sha256" text NOT NULL,
                "format" text NOT NULL,
                "accepted" integer NOT NULL,
                "rejected" integer NOT NULL,
                "report" jsonb NOT NULL,
                "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "imported_by" text NOT NULL,
                CONSTRAINT "UQ_ledger_import_file" UNIQUE ("agency_id", "file_sha256"),
                CONSTRAINT "PK_602a7f363fd8ce4eef16eb51950" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "ledger_entry" (
                "id" uuid NOT NULL,
                "import_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "row_no" integer NOT NULL,
                "number" text NOT NULL,
                "applicant_type" text NOT NULL,
                "received_on" date NOT NULL,
                "concluded_on" date NOT NULL,
                "disposition" text NOT NULL,
                "topic" text,
                CONSTRAINT "UQ_ledger_entry_agency_number" UNIQUE ("agency_id", "number"),
                CONSTRAINT "PK_04e9d274911f909a5848a15cd74" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ledger_entry_import" ON "ledger_entry" ("import_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "remedy_case" (
                "id" uuid NOT NULL,
                "request_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "filed_on" date NOT NULL,
                "body" text NOT NULL,
                "result" text,
                "concluded_on" date,
                "note" text,
                "recorded_by" text NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "version" integer NOT NULL,
                CONSTRAINT "PK_26133f7e0fb1c594fb4f377c249" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_remedy_case_agency_filed" ON "remedy_case" ("agency_id", "filed_on")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_remedy_case_request" ON "remedy_case" ("request_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "report_snapshot" (
                "id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "year" integer NOT NULL,
                "scope" text NOT NULL,
                "format" text NOT NULL,
                "version" integer NOT NULL,
                "content" jsonb NOT NULL,
                "sha256" text NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "published_by" text NOT NULL,
                CONSTRAINT "UQ_report_snapshot_version" UNIQUE ("agency_id", "year", "scope", "version"),
                CONSTRAINT "PK_5418c6b00adad99708e32914edf" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "report_lock" (
                "id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "year" integer NOT NULL,
                "scope" text NOT NULL,
                "snapshot_id" uuid NOT NULL,
                "locked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "locked_by" text NOT NULL,
                "unlocked_at" TIMESTAMP WITH TIME ZONE,
                "unlocked_by" text,
                "unlock_reason" text,
                CONSTRAINT "PK_5e70df0915d80babdff26813664" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_report_lock_active" ON "report_lock" ("agency_id", "year", "scope")
            WHERE "unlocked_at" IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "topic" text
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_import"
            ADD CONSTRAINT "FK_ledger_import_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entry"
            ADD CONSTRAINT "FK_ledger_entry_import" FOREIGN KEY ("import_id") REFERENCES "ledger_import"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entry"
            ADD CONSTRAINT "FK_ledger_entry_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "remedy_case"
            ADD CONSTRAINT "FK_remedy_case_request" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "report_snapshot"
            ADD CONSTRAINT "FK_report_snapshot_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "report_lock"
            ADD CONSTRAINT "FK_report_lock_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Table 3 counts Gongkai's requests and the imported ledger rows alike (P9).
    await queryRunner.query(`
            CREATE VIEW "report_fact" AS
            SELECT r.id, r.agency_id, r.number, r.applicant_type, r.received_on, r.concluded_on, r.disposition, r.topic, false AS imported
              FROM "request" r
            UNION ALL
            SELECT l.id, l.agency_id, l.number, l.applicant_type, l.received_on, l.concluded_on, l.disposition, l.topic, true AS imported
              FROM "ledger_entry" l
        `);
    await queryRunner.query(`
            CREATE TRIGGER "ledger_entry_immutable" BEFORE UPDATE OR DELETE ON "ledger_entry"
            FOR EACH ROW EXECUTE FUNCTION "refuse_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "report_snapshot_immutable" BEFORE UPDATE OR DELETE ON "report_snapshot"
            FOR EACH ROW EXECUTE FUNCTION "refuse_change"()
        `);
    // Where a request counts in year y's Table 3 (libs/domain placeInYear): null when it does not.
    await queryRunner.query(`
            CREATE FUNCTION "report_cell"(applicant text, recv date, concl date, code text, y integer) RETURNS text
            LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE
                WHEN recv > make_date(y, 12, 31) OR (concl IS NOT NULL AND concl < make_date(y, 1, 1)) THEN NULL
                ELSE applicant || '|' || CASE WHEN recv >= make_date(y, 1, 1) THEN 'new' ELSE 'carried_over' END || '|' ||
                     CASE WHEN concl IS NULL OR concl > make_date(y, 12, 31) THEN 'open' ELSE coalesce(code, 'unknown') END
              END
            $$
        `);
    // P8: a change that would move a request to another cell of a published, locked year is refused.
    await queryRunner.query(`
            CREATE FUNCTION "guard_report_lock"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                new_path text;
                old_path text;
                old_agency uuid;
                old_cell_applicant text;
                old_recv date;
                old_concl date;
                old_code text;
                hit record;
            BEGIN
                -- The common case, on every intake: nothing is locked, nothing to compare.
                IF NOT EXISTS (SELECT 1 FROM report_lock WHERE unlocked_at IS NULL) THEN
                    RETURN NEW;
                END IF;
                SELECT path INTO new_path FROM agency WHERE id = NEW.agency_id;
                IF TG_OP = 'UPDATE' THEN
                    old_agency := OLD.agency_id;
                    old_cell_applicant := OLD.applicant_type;
                    old_recv := OLD.received_on;
                    old_concl := OLD.concluded_on;
                    old_code := OLD.disposition;
                    SELECT path INTO old_path FROM agency WHERE id = old_agency;
                END IF;
                SELECT k.year, a.name INTO hit
                  FROM report_lock k JOIN agency a ON a.id = k.agency_id
                 WHERE k.unlocked_at IS NULL
                   AND (CASE WHEN k.agency_id = NEW.agency_id OR (k.scope = 'subtree' AND new_path LIKE a.path || '%')
                             THEN report_cell(NEW.applicant_type, NEW.received_on, NEW.concluded_on, NEW.disposition, k.year) END)
                       IS DISTINCT FROM
                       (CASE WHEN old_agency IS NOT NULL AND (k.agency_id = old_agency OR (k.scope = 'subtree' AND old_path LIKE a.path || '%'))
                             THEN report_cell(old_cell_applicant, old_recv, old_concl, old_code, k.year) END)
                 LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION 'the % annual report of % is published and locked', hit.year, hit.name
                        USING ERRCODE = 'GK409', DETAIL = json_build_object('year', hit.year, 'agency', hit.name)::text;
                END IF;
                RETURN NEW;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "request_report_lock_insert" BEFORE INSERT ON "request"
            FOR EACH ROW EXECUTE FUNCTION "guard_report_lock"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "request_report_lock_update"
            BEFORE UPDATE OF agency_id, applicant_type, received_on, concluded_on, disposition ON "request"
            FOR EACH ROW WHEN (
                OLD.agency_id IS DISTINCT FROM NEW.agency_id OR OLD.applicant_type IS DISTINCT FROM NEW.applicant_type
                OR OLD.received_on IS DISTINCT FROM NEW.received_on OR OLD.concluded_on IS DISTINCT FROM NEW.concluded_on
                OR OLD.disposition IS DISTINCT FROM NEW.disposition)
            EXECUTE FUNCTION "guard_report_lock"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "ledger_entry_report_lock" BEFORE INSERT ON "ledger_entry"
            FOR EACH ROW EXECUTE FUNCTION "guard_report_lock"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "ledger_entry_report_lock" ON "ledger_entry"`);
    await queryRunner.query(`DROP TRIGGER "request_report_lock_update" ON "request"`);
    await queryRunner.query(`DROP TRIGGER "request_report_lock_insert" ON "request"`);
    await queryRunner.query(`DROP FUNCTION "guard_report_lock"()`);
    await queryRunner.query(`DROP FUNCTION "report_cell"(text, date, date, text, integer)`);
    await queryRunner.query(`DROP TRIGGER "report_snapshot_immutable" ON "report_snapshot"`);
    await queryRunner.query(`DROP TRIGGER "ledger_entry_immutable" ON "ledger_entry"`);
    await queryRunner.query(`DROP VIEW "report_fact"`);
    await queryRunner.query(`
            ALTER TABLE "report_lock" DROP CONSTRAINT "FK_report_lock_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "report_snapshot" DROP CONSTRAINT "FK_report_snapshot_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "remedy_case" DROP CONSTRAINT "FK_remedy_case_request"
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entry" DROP CONSTRAINT "FK_ledger_entry_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entry" DROP CONSTRAINT "FK_ledger_entry_import"
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_import" DROP CONSTRAINT "FK_ledger_import_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "topic"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_report_lock_active"
        `);
    await queryRunner.query(`
            DROP TABLE "report_lock"
        `);
    await queryRunner.query(`
            DROP TABLE "report_snapshot"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_remedy_case_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_remedy_case_agency_filed"
        `);
    await queryRunner.query(`
            DROP TABLE "remedy_case"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ledger_entry_import"
        `);
    await queryRunner.query(`
            DROP TABLE "ledger_entry"
        `);
    await queryRunner.query(`
            DROP TABLE "ledger_import"
        `);
  }
}
