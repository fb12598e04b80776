import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets a password change end every other session of the user (see the session guard). */
export class SessionVersionSqlite1764460800000 implements MigrationInterface {
  name = 'SessionVersionSqlite1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // ADD COLUMN rather than TypeORM's table rebuild: dropping "users" would cascade to every row that refers to it.
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "session_version" integer NOT NULL DEFAULT (1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "session_version"`);
  }
}
