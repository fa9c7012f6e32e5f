import { MigrationInterface, QueryRunner } from 'typeorm';
// Letters numbered in their move's transaction and rendered right after it (the acknowledgement at
// intake): the reserved row waits here until the outbox or the first download renders it.

export class PendingLetters1795464000000 implements MigrationInterface {
  name = 'PendingLetters1795464000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "letter_pending" (
        "id" uuid NOT NULL,
        "request_id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "event_id" bigint,
        "kind" text NOT NULL,
        "number" text NOT NULL,
        "title" text NOT NULL,
        "recipient" text NOT NULL,
        "to_name" text,
        "facts" jsonb NOT NULL,
        "remedies_for" text,
        "issued_on" date NOT NULL,
        "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "issued_by" text NOT NULL,
        CONSTRAINT "PK_letter_pending" PRIMARY KEY ("id"),
        CONSTRAINT "FK_letter_pending_request" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "IDX_letter_pending_request" ON "letter_pending" ("request_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "letter_pending"`);
  }
}
