import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Optional TOTP two-factor sign-in with one-time recovery codes. */
export class TwoFactorPostgres1764547200000 implements MigrationInterface {
  name = 'TwoFactorPostgres1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_secret" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_pending_secret" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_last_step" integer`);
    await queryRunner.query(`ALTER TABLE "users" ADD "recovery_codes" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['recovery_codes', 'totp_last_step', 'totp_pending_secret', 'totp_secret']) {
      await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "${column}"`);
    }
  }
}
