import { MigrationInterface, QueryRunner } from 'typeorm';
// Ledger files checked and imported in the background with their progress, the annual report's
// section 三 narrative as edited before publishing, the worker's heartbeat per job and instance, and
// each agency's threshold for suggesting the Art. 35 step to a frequent applicant.

export class LedgerJobsAndNarratives1795446000000 implements MigrationInterface {
  name = 'LedgerJobsAndNarratives1795446000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "ledger_job" (
        "id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "file_name" text NOT NULL,
        "file_sha256" text NOT NULL,
        "bytes" bytea,
        "mode" text NOT NULL,
        "state" text NOT NULL,
        "rows_total" integer NOT NULL DEFAULT 0,
        "rows_done" integer NOT NULL DEFAULT 0,
        "report" jsonb,
        "error" jsonb,
        "import_id" uuid,
        "created_by" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_ledger_job" PRIMARY KEY ("id"),
        CONSTRAINT "FK_ledger_job_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_ledger_job_agency" ON "ledger_job" ("agency_id", "created_at")`);
    await q.query(`
      CREATE TABLE "report_narrative" (
        "agency_id" uuid NOT NULL,
        "year" integer NOT NULL,
        "scope" text NOT NULL,
        "text" text NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_by" text NOT NULL,
        CONSTRAINT "PK_report_narrative" PRIMARY KEY ("agency_id", "year", "scope"),
        CONSTRAINT "FK_report_narrative_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE "worker_heartbeat" (
        "job" text NOT NULL,
        "instance" text NOT NULL,
        "last_run_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_ok_at" TIMESTAMP WITH TIME ZONE,
        "last_error" text,
        CONSTRAINT "PK_worker_heartbeat" PRIMARY KEY ("job", "instance")
      )`);

    await q.query(`ALTER TABLE "agency" ADD "excessive_count" integer NOT NULL DEFAULT 10`);
    await q.query(`ALTER TABLE "agency" ADD "excessive_days" integer NOT NULL DEFAULT 30`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "agency" DROP COLUMN "excessive_days"`);
    await q.query(`ALTER TABLE "agency" DROP COLUMN "excessive_count"`);
    await q.query(`DROP TABLE "worker_heartbeat"`);
    await q.query(`DROP TABLE "report_narrative"`);
    await q.query(`DROP TABLE "ledger_job"`);
  }
}
