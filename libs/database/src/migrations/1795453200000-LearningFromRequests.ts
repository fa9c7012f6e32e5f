import { MigrationInterface, QueryRunner } from 'typeorm';
// Learning from the requests: groups of requests turned into proactive disclosure, the case library
// (reference cases from concluded requests and curated entries, searchable in Chinese), and joint
// consultations (会商) on difficult requests.

export class LearningFromRequests1795453200000 implements MigrationInterface {
  name = 'LearningFromRequests1795453200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "proactive_disclosure" (
        "id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "title" text NOT NULL,
        "url" text NOT NULL,
        "published_on" date NOT NULL,
        "request_ids" uuid array NOT NULL,
        "keywords" text array NOT NULL,
        "centroid" jsonb NOT NULL,
        "marked_by" text NOT NULL,
        "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_proactive_disclosure" PRIMARY KEY ("id"),
        CONSTRAINT "FK_proactive_disclosure_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "IDX_proactive_disclosure_agency" ON "proactive_disclosure" ("agency_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "proactive_disclosure"`);
  }
}
