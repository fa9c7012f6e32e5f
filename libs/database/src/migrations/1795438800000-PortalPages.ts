import { MigrationInterface, QueryRunner } from 'typeorm';
// Tables of the citizen portal: application drafts, one-time codes, rate limits; office hours and the 查询码.

export class PortalPages1795438800000 implements MigrationInterface {
  name = 'PortalPages1795438800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "rate_limit_counter" (
                "bucket" text NOT NULL,
                "key" text NOT NULL,
                "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "hits" integer NOT NULL,
                CONSTRAINT "PK_c676ca9c58445aae870311bfd47" PRIMARY KEY ("bucket", "key", "window_start")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "one_time_code" (
                "id" uuid NOT NULL,
                "purpose" text NOT NULL,
                "target_key" text NOT NULL,
                "code_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "consumed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_9fa97786ad11230e9563879e5bd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_one_time_code_target" ON "one_time_code" ("purpose", "target_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "application_draft" (
                "id" uuid NOT NULL,
                "citizen_id" uuid NOT NULL,
                "content_enc" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_24307d1616042b5ac5534ebed82" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_application_draft_citizen" ON "application_draft" ("citizen_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "agency"
            ADD "office_hours" text NOT NULL DEFAULT ''
        `);
    await queryRunner.query(`
            ALTER TABLE "request"
            ADD "query_code_hash" text
        `);
    await queryRunner.query(`
            ALTER TABLE "application_draft"
            ADD CONSTRAINT "FK_application_draft_citizen" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "application_draft" DROP CONSTRAINT "FK_application_draft_citizen"
        `);
    await queryRunner.query(`
            ALTER TABLE "request" DROP COLUMN "query_code_hash"
        `);
    await queryRunner.query(`
            ALTER TABLE "agency" DROP COLUMN "office_hours"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_application_draft_citizen"
        `);
    await queryRunner.query(`
            DROP TABLE "application_draft"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_one_time_code_target"
        `);
    await queryRunner.query(`
            DROP TABLE "one_time_code"
        `);
    await queryRunner.query(`
            DROP TABLE "rate_limit_counter"
        `);
  }
}
