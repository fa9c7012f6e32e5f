import { MigrationInterface, QueryRunner } from 'typeorm';

export class HandlingLettersArchiveAndOutbox1795431600000 implements MigrationInterface {
  name = 'HandlingLettersArchiveAndOutbox1795431600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "case_file" (
                "request_id" uuid NOT NULL,
                "archive_number" text NOT NULL,
                "retention_class" text NOT NULL,
                "manifest" jsonb NOT NULL,
                "manifest_sha256" text NOT NULL,
                "sealed_on" date NOT NULL,
                "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sealed_by" text NOT NULL,
                CONSTRAINT "UQ_case_file_number" UNIQUE ("archive_number"),
                CONSTRAINT "PK_7ead6214914b6c255f78e15ebc4" PRIMARY KEY ("request_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "consultation" (
                "id" uuid NOT NULL,
                "request_id" uuid NOT NULL,
                "party" text NOT NULL,
                "party_name" text NOT NULL,
                "party_address" text,
                "subject" text NOT NULL,
                "opened_on" date NOT NULL,
                "answer_due" date NOT NULL,
                "closed_on" date,
                "answer" text,
                "reasons" text,
                "letter_id" uuid,
                CONSTRAINT "PK_5203569fac28a4a626c42abe70b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_consultation_open" ON "consultation" ("answer_due")
            WHERE "closed_on" IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_consultation_request" ON "consultation" ("request_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "letter" (
                "id" uuid NOT NULL,
                "request_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "event_id" bigint,
                "kind" text NOT NULL,
                "number" text NOT NULL,
                "title" text NOT NULL,
                "recipient" text NOT NULL,
                "template_version" integer NOT NULL,
                "issued_on" date NOT NULL,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "issued_by" text NOT NULL,
                "html" text NOT NULL,
                "docx" bytea NOT NULL,
                "html_sha256" text NOT NULL,
                "docx_sha256" text NOT NULL,
                CONSTRAINT "UQ_letter_agency_number" UNIQUE ("agency_id", "number"),
                CONSTRAINT "PK_7a85cf0e444dff7c656a31b32bf" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_letter_request" ON "letter" ("request_id", "issued_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "letter_template" (
                "id" BIGSERIAL NOT NULL,
                "agency_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "version" integer NOT NULL,
                "slots" jsonb NOT NULL,
                "reason" text NOT NULL,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "UQ_letter_template_version" UNIQUE ("agency_id", "kind", "version"),
                CONSTRAINT "PK_50c04255bee2e17cc53282772df" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "document_counter" (
                "agency_id" uuid NOT NULL,
                "year" integer NOT NULL,
                "series" text NOT NULL,
                "last_seq" integer NOT NULL,
                CONSTRAINT "PK_0c4095ea58dc097f30b4b4b4f79" PRIMARY KEY ("agency_id", "year", "series")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" BIGSERIAL NOT NULL,
                "key" text NOT NULL,
                "channel" text NOT NULL,
                "recipient_type" text NOT NULL,
                "recipient_id" uuid NOT NULL,
                "request_id" uuid,
                "subject" text NOT NULL,
                "body" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                "read_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "UQ_f98ad0a58b7e3201a5e7a0fa1ca" UNIQUE ("key"),
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_notification_recipient" ON "notification" ("recipient_type", "recipient_id", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_notification_pending" ON "notification" ("next_attempt_at")
            WHERE "status" = 'pending'
        `);
    await queryRunner.query(`
            CREATE TABLE "job_run" (
                "job" text NOT NULL,
                "item" text NOT NULL,
                "slot" text NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_dbeb793ade5f23793592962b908" PRIMARY KEY ("job", "item", "slot")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "sensitive" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "draft" jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "drafted_by_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item"
            ADD "outcome" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item"
            ADD "reasons" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item"
            ADD "legal_basis" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item"
            ADD "responsible_agency" text
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD CONSTRAINT "FK_case_file_request" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "consultation"
            ADD CONSTRAINT "FK_consultation_request" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "letter"
            ADD CONSTRAINT "FK_letter_request" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Issued letters and sealed case files are immutable; an archived request is read-only (docs/domain-rules.md).
    await queryRunner.query(`
            CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is immutable (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "letter_immutable" BEFORE UPDATE OR DELETE ON "letter"
            FOR EACH ROW EXECUTE FUNCTION "refuse_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "case_file_immutable" BEFORE UPDATE OR DELETE ON "case_file"
            FOR EACH ROW EXECUTE FUNCTION "refuse_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "request_archived_read_only" BEFORE UPDATE OR DELETE ON "request"
            FOR EACH ROW WHEN (OLD.status = 'archived') EXECUTE FUNCTION "refuse_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "request_archived_read_only" ON "request"`);
    await queryRunner.query(`DROP TRIGGER "case_file_immutable" ON "case_file"`);
    await queryRunner.query(`DROP TRIGGER "letter_immutable" ON "letter"`);
    await queryRunner.query(`DROP FUNCTION "refuse_change"()`);
    await queryRunner.query(`
            ALTER TABLE "letter" DROP CONSTRAINT "FK_letter_request"
        `);
    await queryRunner.query(`
            ALTER TABLE "consultation" DROP CONSTRAINT "FK_consultation_request"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP CONSTRAINT "FK_case_file_request"
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item" DROP COLUMN "responsible_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item" DROP COLUMN "legal_basis"
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item" DROP COLUMN "reasons"
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item" DROP COLUMN "outcome"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "drafted_by_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "draft"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "sensitive"
        `);
    await queryRunner.query(`
            DROP TABLE "job_run"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_notification_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_notification_recipient"
        `);
    await queryRunner.query(`
            DROP TABLE "notification"
        `);
    await queryRunner.query(`
            DROP TABLE "document_counter"
        `);
    await queryRunner.query(`
            DROP TABLE "letter_template"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_letter_request"
        `);
    await queryRunner.query(`
            DROP TABLE "letter"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_consultation_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_consultation_open"
        `);
    await queryRunner.query(`
            DROP TABLE "consultation"
        `);
    await queryRunner.query(`
            DROP TABLE "case_file"
        `);
  }
}
