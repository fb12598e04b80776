import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys clients send with a create (clientMutationId), each with what it created, written in the
 * same database transaction as the row: a retried create returns that row instead of a second one.
 */
export class IdempotencyKeysSqlite1764806400000 implements MigrationInterface {
  name = 'IdempotencyKeysSqlite1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idempotency_keys" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "key" varchar(255) NOT NULL, "operation" varchar(50) NOT NULL, "payload_hash" varchar(64) NOT NULL, "result_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "idempotency_keys_user_key" UNIQUE ("user_id", "key"), CONSTRAINT "idempotency_keys_user_fk" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
