import { MigrationInterface, QueryRunner } from 'typeorm';
// File bodies may live in an S3-compatible object store (FILE_STORE=s3): the row keeps the key and the
// SHA-256 (checked on every read) instead of the body.

export class FileStore1795467600000 implements MigrationInterface {
  name = 'FileStore1795467600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "attachment" ALTER COLUMN "content" DROP NOT NULL`);
    await q.query(`ALTER TABLE "attachment" ADD "storage_key" text`);
    await q.query(
      `ALTER TABLE "attachment" ADD CONSTRAINT "CHK_attachment_body" CHECK (("content" IS NULL) <> ("storage_key" IS NULL))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "attachment" DROP CONSTRAINT "CHK_attachment_body"`);
    await q.query(`ALTER TABLE "attachment" DROP COLUMN "storage_key"`);
    await q.query(`ALTER TABLE "attachment" ALTER COLUMN "content" SET NOT NULL`);
  }
}
