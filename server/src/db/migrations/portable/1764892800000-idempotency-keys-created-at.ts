import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Idempotency keys by age: the table only grows, and a sweep of keys past any retry window then
 * finds them by this index instead of reading the whole table. Changes no query plan of today.
 */
export class IdempotencyKeysCreatedAt1764892800000 implements MigrationInterface {
  name = 'IdempotencyKeysCreatedAt1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('idempotency_keys', new TableIndex({ name: 'idempotency_keys_created_at_idx', columnNames: ['created_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('idempotency_keys', 'idempotency_keys_created_at_idx');
  }
}
