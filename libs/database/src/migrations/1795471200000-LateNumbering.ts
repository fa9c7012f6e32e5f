import { MigrationInterface, QueryRunner } from 'typeorm';
// Intake writes a new request under a placeholder number (the negative of this sequence, never a real
// number) and takes the agency's gap-free number last, to hold the agency's counter as briefly as possible.

export class LateNumbering1795471200000 implements MigrationInterface {
  name = 'LateNumbering1795471200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE "request_placeholder_seq" AS integer CYCLE`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE "request_placeholder_seq"`);
  }
}
