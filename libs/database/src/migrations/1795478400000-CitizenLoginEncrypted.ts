import { MigrationInterface, QueryRunner } from 'typeorm';
// A citizen's login (phone number or e-mail address) is stored encrypted and found by its blind index.
// Accounts made before keep it in the clear until `npm run keys:rotate` encrypts it.

export class CitizenLoginEncrypted1795478400000 implements MigrationInterface {
  name = 'CitizenLoginEncrypted1795478400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "citizen" ALTER COLUMN "login" DROP NOT NULL`);
    await q.query(`ALTER TABLE "citizen" ADD "login_index" text`);
    await q.query(`ALTER TABLE "citizen" ADD "login_enc" text`);
    await q.query(`ALTER TABLE "citizen" ADD CONSTRAINT "UQ_citizen_login_index" UNIQUE ("login_index")`);
    await q.query(
      `ALTER TABLE "citizen" ADD CONSTRAINT "CHK_citizen_login" CHECK ("login" IS NOT NULL OR ("login_index" IS NOT NULL AND "login_enc" IS NOT NULL))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "citizen" DROP CONSTRAINT "CHK_citizen_login"`);
    await q.query(`ALTER TABLE "citizen" DROP CONSTRAINT "UQ_citizen_login_index"`);
    await q.query(`ALTER TABLE "citizen" DROP COLUMN "login_enc"`);
    await q.query(`ALTER TABLE "citizen" DROP COLUMN "login_index"`);
    await q.query(`DELETE FROM "citizen" WHERE "login" IS NULL`);
    await q.query(`ALTER TABLE "citizen" ALTER COLUMN "login" SET NOT NULL`);
  }
}
