import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Secrets the app makes for itself once (the session secret), shared by every process. */
export class AppSecretsSqlite1764720000000 implements MigrationInterface {
  name = 'AppSecretsSqlite1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "app_secrets" ("name" varchar(64) PRIMARY KEY NOT NULL, "value" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "app_secrets"`);
  }
}
