import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Optional TOTP two-factor sign-in with one-time recovery codes. */
export class TwoFactorSqlite1764547200000 implements MigrationInterface {
  name = 'TwoFactorSqlite1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // ADD COLUMN rather than a table rebuild, which would cascade deletes from "users".
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "totp_secret" varchar(64)`);
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "totp_pending_secret" varchar(64)`);
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "totp_last_step" integer`);
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "recovery_codes" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['recovery_codes', 'totp_last_step', 'totp_pending_secret', 'totp_secret']) {
      await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "${column}"`);
    }
  }
}
