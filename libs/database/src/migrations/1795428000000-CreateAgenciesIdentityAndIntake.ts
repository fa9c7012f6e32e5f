import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAgenciesIdentityAndIntake1795428000000 implements MigrationInterface {
  name = 'CreateAgenciesIdentityAndIntake1795428000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "agency" (
                "id" uuid NOT NULL,
                "parent_id" uuid,
                "path" text NOT NULL,
                "code" text NOT NULL,
                "kind" text NOT NULL,
                "name" text NOT NULL,
                "short_name" text NOT NULL,
                "letter_header" text NOT NULL,
                "seal_text" text NOT NULL,
                "address" text NOT NULL DEFAULT '',
                "postal_code" text NOT NULL DEFAULT '',
                "phone" text NOT NULL DEFAULT '',
                "email" text NOT NULL DEFAULT '',
                "reconsideration_body" text NOT NULL,
                "court" text NOT NULL,
                "number_pattern" text NOT NULL,
                "legal_review" jsonb NOT NULL,
                "retention_class" text NOT NULL DEFAULT '10y',
                "calendar_region" text NOT NULL DEFAULT 'national',
                "accepts_applications" boolean NOT NULL DEFAULT true,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "UQ_fbda24d0286deca69d0b8d30f10" UNIQUE ("code"),
                CONSTRAINT "PK_ab1244724d1c216e9720635a2e5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_agency_path" ON "agency" ("path")
        `);
    await queryRunner.query(`
            CREATE TABLE "staff_user" (
                "id" uuid NOT NULL,
                "login" text NOT NULL,
                "display_name" text NOT NULL,
                "password_hash" text NOT NULL,
                "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "must_change_password" boolean NOT NULL DEFAULT true,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "UQ_89ca3da038c388b809f9cc3c1fb" UNIQUE ("login"),
                CONSTRAINT "PK_cec9365d9fc3a3409158b645f2e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "staff_role" (
                "user_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "role" text NOT NULL,
                "granted_by" text NOT NULL,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_6ea8a2bb304f822d2a3baa8bbd0" PRIMARY KEY ("user_id", "agency_id", "role")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_staff_role_agency" ON "staff_role" ("agency_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "citizen" (
                "id" uuid NOT NULL,
                "login" text NOT NULL,
                "login_kind" text NOT NULL,
                "display_name" text NOT NULL,
                "password_hash" text NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "UQ_452f6ceba2e1186adb8f35dc9b8" UNIQUE ("login"),
                CONSTRAINT "PK_0e19d9fdbdd0d185ce72fe62a04" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "session" (
                "id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "subject_kind" text NOT NULL,
                "staff_id" uuid,
                "citizen_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" text,
                "ip" text NOT NULL DEFAULT '',
                "user_agent" text NOT NULL DEFAULT '',
                CONSTRAINT "UQ_a83507eb0338ac037780e02f2b9" UNIQUE ("token_hash"),
                CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_session_citizen" ON "session" ("citizen_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_session_staff" ON "session" ("staff_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "login_throttle" (
                "subject" text NOT NULL,
                "failures" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_4f173137f2c13b4f7c11a76c54d" PRIMARY KEY ("subject")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "request_item" (
                "request_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "description" text NOT NULL,
                "document_number" text,
                CONSTRAINT "PK_84b8f9d85db63d53d60bd0fba22" PRIMARY KEY ("request_id", "position")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "request_counter" (
                "agency_id" uuid NOT NULL,
                "year" integer NOT NULL,
                "last_seq" integer NOT NULL,
                CONSTRAINT "PK_b8e200afee74a576f86169977a0" PRIMARY KEY ("agency_id", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "idempotency_key" (
                "scope" text NOT NULL,
                "key" text NOT NULL,
                "body_hash" text NOT NULL,
                "response" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_2738e797ef2c60d9a902bad976a" PRIMARY KEY ("scope", "key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "attachment" (
                "id" uuid NOT NULL,
                "request_id" uuid,
                "citizen_id" uuid,
                "uploaded_by_id" uuid,
                "purpose" text NOT NULL,
                "file_type" text NOT NULL,
                "media_type" text NOT NULL,
                "file_name" text NOT NULL,
                "size" integer NOT NULL,
                "sha256" text NOT NULL,
                "content" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_d2a80c3a8d467f08a750ac4b420" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_attachment_request" ON "attachment" ("request_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" BIGSERIAL NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor" text NOT NULL,
                "ip" text NOT NULL DEFAULT '',
                "action" text NOT NULL,
                "object_type" text NOT NULL DEFAULT '',
                "object_id" text NOT NULL DEFAULT '',
                "result" text NOT NULL,
                "details" jsonb NOT NULL DEFAULT '{}',
                "prev_hash" text NOT NULL,
                "hash" text NOT NULL,
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_audit_log_actor" ON "audit_log" ("actor")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_audit_log_object" ON "audit_log" ("object_type", "object_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "agency_id" uuid NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "handling_agency_id" uuid NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "assignee_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "number" text NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "year" integer NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "seq" integer NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "application_id" uuid NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "channel" text NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "arrived_on" date
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "citizen_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "registered_by_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "applicant_type" text NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "applicant_name" text NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "id_type" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "id_number_enc" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "id_number_masked" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "applicant_key" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "credit_code" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "contact_person" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "phone_enc" text NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "phone_masked" text NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "email" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "address_enc" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "address_masked" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "postal_code" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "agent" jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "form_of_provision" text NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "delivery_channel" text NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "disposition" text
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "correction_notice_due" date
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_request_applicant_key" ON "request" ("applicant_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_request_citizen" ON "request" ("citizen_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_request_handling_agency" ON "request" ("handling_agency_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_request_agency_due" ON "request" ("agency_id", "reply_due")
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD CONSTRAINT "UQ_request_agency_number" UNIQUE ("agency_id", "number")
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD CONSTRAINT "UQ_request_agency_year_seq" UNIQUE ("agency_id", "year", "seq")
        `);
    await queryRunner.query(`
            ALTER TABLE "agency"
            ADD CONSTRAINT "FK_agency_parent" FOREIGN KEY ("parent_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_role"
            ADD CONSTRAINT "FK_staff_role_user" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_role"
            ADD CONSTRAINT "FK_staff_role_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "FK_session_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "FK_session_citizen" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD CONSTRAINT "FK_request_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD CONSTRAINT "FK_request_handling_agency" FOREIGN KEY ("handling_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD CONSTRAINT "FK_request_assignee" FOREIGN KEY ("assignee_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD CONSTRAINT "FK_request_citizen" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD CONSTRAINT "FK_request_registered_by" FOREIGN KEY ("registered_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item"
            ADD CONSTRAINT "FK_request_item_request" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request_counter"
            ADD CONSTRAINT "FK_request_counter_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "attachment"
            ADD CONSTRAINT "FK_attachment_request" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "attachment"
            ADD CONSTRAINT "FK_attachment_citizen" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "attachment"
            ADD CONSTRAINT "FK_attachment_uploaded_by" FOREIGN KEY ("uploaded_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // The audit log is append-only for every role, the application's included (docs/domain-rules.md):
    // UPDATE, DELETE and TRUNCATE are refused by the database itself.
    await queryRunner.query(`
            CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log"
            FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_log_no_truncate" ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_no_update_delete" ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_refuse_change"()`);
    await queryRunner.query(`
            ALTER TABLE "attachment" DROP CONSTRAINT "FK_attachment_uploaded_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "attachment" DROP CONSTRAINT "FK_attachment_citizen"
        `);
    await queryRunner.query(`
            ALTER TABLE "attachment" DROP CONSTRAINT "FK_attachment_request"
        `);
    await queryRunner.query(`
            ALTER TABLE "request_counter" DROP CONSTRAINT "FK_request_counter_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "request_item" DROP CONSTRAINT "FK_request_item_request"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP CONSTRAINT "FK_request_registered_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP CONSTRAINT "FK_request_citizen"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP CONSTRAINT "FK_request_assignee"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP CONSTRAINT "FK_request_handling_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP CONSTRAINT "FK_request_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "FK_session_citizen"
        `);
    await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "FK_session_staff"
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_role" DROP CONSTRAINT "FK_staff_role_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_role" DROP CONSTRAINT "FK_staff_role_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "agency" DROP CONSTRAINT "FK_agency_parent"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP CONSTRAINT "UQ_request_agency_year_seq"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP CONSTRAINT "UQ_request_agency_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_request_agency_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_request_handling_agency"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_request_citizen"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_request_applicant_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "correction_notice_due"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "disposition"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "delivery_channel"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "form_of_provision"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "agent"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "postal_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "address_masked"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "address_enc"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "email"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "phone_masked"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "phone_enc"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "contact_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "credit_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "applicant_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "id_number_masked"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "id_number_enc"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "id_type"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "applicant_name"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "applicant_type"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "registered_by_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "citizen_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "arrived_on"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "channel"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "application_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "seq"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "year"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "number"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "assignee_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "handling_agency_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "agency_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_log_object"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_log_actor"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_attachment_request"
        `);
    await queryRunner.query(`
            DROP TABLE "attachment"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_key"
        `);
    await queryRunner.query(`
            DROP TABLE "request_counter"
        `);
    await queryRunner.query(`
            DROP TABLE "request_item"
        `);
    await queryRunner.query(`
            DROP TABLE "login_throttle"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_session_staff"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_session_citizen"
        `);
    await queryRunner.query(`
            DROP TABLE "session"
        `);
    await queryRunner.query(`
            DROP TABLE "citizen"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_staff_role_agency"
        `);
    await queryRunner.query(`
            DROP TABLE "staff_role"
        `);
    await queryRunner.query(`
            DROP TABLE "staff_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_agency_path"
        `);
    await queryRunner.query(`
            DROP TABLE "agency"
        `);
  }
}
