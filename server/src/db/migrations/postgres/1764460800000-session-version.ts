import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets a password change end every other session of the user (see the session guard). */
export class SessionVersionPostgres1764460800000 implements MigrationInterface {
  name = 'SessionVersionPostgres1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "session_version" integer NOT NULL DEFAULT '1'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "session_version"`);
  }
}
