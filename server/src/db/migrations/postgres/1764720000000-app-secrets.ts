import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Secrets the app makes for itself once (the session secret), shared by every replica. */
export class AppSecretsPostgres1764720000000 implements MigrationInterface {
  name = 'AppSecretsPostgres1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "app_secrets" ("name" character varying(64) NOT NULL, "value" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_app_secrets" PRIMARY KEY ("name"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "app_secrets"`);
  }
}
