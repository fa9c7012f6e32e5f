import { MigrationInterface, QueryRunner } from 'typeorm';
// The case library (reference cases from concluded requests and curated entries, searched in Chinese
// through jieba terms in a weighted tsvector with a GIN index) and joint consultations (会商).

export class CaseLibraryAndJointConsultations1795456800000 implements MigrationInterface {
  name = 'CaseLibraryAndJointConsultations1795456800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "library_entry" (
        "id" uuid NOT NULL,
        "kind" text NOT NULL,
        "title" text NOT NULL,
        "body" text NOT NULL,
        "tags" text array NOT NULL DEFAULT '{}',
        "source" text,
        "source_request_id" uuid,
        "agency_id" uuid,
        "year" integer,
        "disposition" text,
        "items" jsonb,
        "letter_text" text,
        "typical" boolean NOT NULL DEFAULT false,
        "commentary" text,
        "commented_by" text,
        "commented_at" TIMESTAMP WITH TIME ZONE,
        "created_by" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "search_vector" tsvector NOT NULL,
        CONSTRAINT "PK_library_entry" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_library_entry_kind" CHECK ("kind" IN ('case', 'policy', 'law', 'normative', 'letter_text'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_library_entry_request" ON "library_entry" ("source_request_id") WHERE "source_request_id" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "IDX_library_entry_search" ON "library_entry" USING gin ("search_vector")`);
    await q.query(`
      CREATE TABLE "joint_consultation" (
        "id" uuid NOT NULL,
        "request_id" uuid NOT NULL,
        "topic" text NOT NULL,
        "meeting_on" date NOT NULL,
        "conclude_by" date NOT NULL,
        "participants" jsonb NOT NULL,
        "convened_by" text NOT NULL,
        "convened_on" date NOT NULL,
        "conclusion" text,
        "concluded_on" date,
        "concluded_by" text,
        "minutes_letter_id" uuid,
        CONSTRAINT "PK_joint_consultation" PRIMARY KEY ("id"),
        CONSTRAINT "FK_joint_consultation_request" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "IDX_joint_consultation_request" ON "joint_consultation" ("request_id")`);
    await q.query(
      `CREATE INDEX "IDX_joint_consultation_open" ON "joint_consultation" ("conclude_by") WHERE "concluded_on" IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "joint_consultation"`);
    await q.query(`DROP TABLE "library_entry"`);
  }
}
