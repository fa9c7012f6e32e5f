import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateClockOverride1795420800000 implements MigrationInterface {
  name = 'CreateClockOverride1795420800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "clock_override" (
        "id" smallint NOT NULL DEFAULT 1,
        "mode" text NOT NULL,
        "offset_ms" bigint,
        "frozen_at" TIMESTAMP WITH TIME ZONE,
        "set_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_clock_override" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_clock_override_single_row" CHECK ("id" = 1),
        CONSTRAINT "CHK_clock_override_mode" CHECK (
          ("mode" = 'offset' AND "offset_ms" IS NOT NULL) OR ("mode" = 'frozen' AND "frozen_at" IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE "seed_history" (
        "name" text NOT NULL,
        "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seed_history" PRIMARY KEY ("name")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "seed_history"`);
    await q.query(`DROP TABLE "clock_override"`);
  }
}
