import { MigrationInterface, QueryRunner } from 'typeorm';
// The login throttle keeps a blind index of each login name instead of the name (a phone number or an
// e-mail address). Its rows are short-lived counters: those written under the names are dropped.

export class ThrottleWithoutNames1795474800000 implements MigrationInterface {
  name = 'ThrottleWithoutNames1795474800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "login_throttle"`);
  }

  public async down(): Promise<void> {
    // Nothing to restore: the counters start afresh either way.
  }
}
