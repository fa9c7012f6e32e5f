import { MigrationInterface, QueryRunner } from 'typeorm';
// The staff second factor (TOTP, RFC 6238): the enrolled secret (encrypted), its recovery codes (hashed),
// and the short-lived challenges between the password and the code.

export class SecondFactor1795442400000 implements MigrationInterface {
  name = 'SecondFactor1795442400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "staff_second_factor" (
        "user_id" uuid NOT NULL,
        "secret_enc" text,
        "pending_enc" text,
        "enabled_at" TIMESTAMP WITH TIME ZONE,
        "last_step" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "PK_staff_second_factor" PRIMARY KEY ("user_id"),
        CONSTRAINT "FK_staff_second_factor_user" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "staff_recovery_code" (
        "user_id" uuid NOT NULL,
        "code_hash" text NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_staff_recovery_code" PRIMARY KEY ("user_id", "code_hash"),
        CONSTRAINT "FK_staff_recovery_code_user" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "login_challenge" (
        "id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "staff_id" uuid NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "ip" text NOT NULL,
        "user_agent" text NOT NULL,
        CONSTRAINT "PK_login_challenge" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_login_challenge_token" UNIQUE ("token_hash"),
        CONSTRAINT "FK_login_challenge_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_user"("id") ON DELETE CASCADE
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_challenge"`);
    await q.query(`DROP TABLE "staff_recovery_code"`);
    await q.query(`DROP TABLE "staff_second_factor"`);
  }
}
