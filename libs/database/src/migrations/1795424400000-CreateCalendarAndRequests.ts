import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCalendarAndRequests1795424400000 implements MigrationInterface {
  name = 'CreateCalendarAndRequests1795424400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "system_alert" (
                "id" BIGSERIAL NOT NULL,
                "kind" text NOT NULL,
                "subject" text NOT NULL,
                "message" text NOT NULL,
                "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_system_alert_kind_subject" UNIQUE ("kind", "subject"),
                CONSTRAINT "PK_8d2a4a6c76400e9027cc1d68158" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_region" (
                "code" text NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_8c036d921b6fa740856ce7adf3b" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_year" (
                "region_code" text NOT NULL,
                "year" integer NOT NULL,
                "notice_ref" text NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "published_by" text NOT NULL,
                "revision" integer NOT NULL,
                CONSTRAINT "PK_2e9f42bdb43ab67eefe9062087b" PRIMARY KEY ("region_code", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_day" (
                "region_code" text NOT NULL,
                "date" date NOT NULL,
                "year" integer NOT NULL,
                "kind" text NOT NULL,
                "name" text NOT NULL,
                CONSTRAINT "CHK_calendar_day_kind" CHECK ("kind" IN ('holiday', 'makeup_workday')),
                CONSTRAINT "PK_df629416a70c5781f8e5cca47c9" PRIMARY KEY ("region_code", "date")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_calendar_day_region_year" ON "calendar_day" ("region_code", "year")
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_change" (
                "id" BIGSERIAL NOT NULL,
                "region_code" text NOT NULL,
                "year" integer NOT NULL,
                "action" text NOT NULL,
                "notice_ref" text NOT NULL,
                "actor" text NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "days" jsonb NOT NULL,
                "previous_days" jsonb,
                "recomputed_requests" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_bad3b733aa30d2c70ebb4f8f456" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "request" (
                "id" uuid NOT NULL,
                "status" text NOT NULL,
                "received_on" date NOT NULL,
                "concluded_on" date,
                "calendar_region" text NOT NULL DEFAULT 'national',
                "reply_due" date,
                "reply_due_provisional" boolean NOT NULL DEFAULT false,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_167d324701e6867f189aed52e18" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_request_open_region" ON "request" ("calendar_region")
            WHERE "concluded_on" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "request_event" (
                "id" BIGSERIAL NOT NULL,
                "request_id" uuid NOT NULL,
                "type" text NOT NULL,
                "on_date" date NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor" text NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
                CONSTRAINT "PK_156f0e366bd6410bfe226bea635" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_request_event_request" ON "request_event" ("request_id", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "request_event"
            ADD CONSTRAINT "FK_request_event_request" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "request_event" DROP CONSTRAINT "FK_request_event_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_request_event_request"
        `);
    await queryRunner.query(`
            DROP TABLE "request_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_request_open_region"
        `);
    await queryRunner.query(`
            DROP TABLE "request"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_change"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_calendar_day_region_year"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_day"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_year"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_region"
        `);
    await queryRunner.query(`
            DROP TABLE "system_alert"
        `);
  }
}
