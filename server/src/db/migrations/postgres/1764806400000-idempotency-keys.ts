import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys clients send with a create (clientMutationId), each with what it created, written in the
 * same database transaction as the row: a retried create returns that row instead of a second one.
 */
export class IdempotencyKeysPostgres1764806400000 implements MigrationInterface {
  name = 'IdempotencyKeysPostgres1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idempotency_keys" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "key" character varying(255) NOT NULL, "operation" character varying(50) NOT NULL, "payload_hash" character varying(64) NOT NULL, "result_id" integer, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "idempotency_keys_user_key" UNIQUE ("user_id", "key"), CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
