import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumnsInPlace, addReferenceColumnInPlace, dropColumnsInPlace, timestampColumn } from '../dialect';

const cascade = (column: string, table: string) => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

/**
 * Imports (issue 16): previews kept server-side until they expire, committed batches and what
 * they matched (for undo), the CSV mapping per account; transactions keep the bank's raw text,
 * its id for the row, the fingerprint of the row that made them and their batch. The transaction
 * columns are added in place: SQLite's table rebuild would drop the account-totals triggers and
 * rewrite every row.
 */
export class Imports1764979200000 implements MigrationInterface {
  name = 'Imports1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await queryRunner.createTable(
      new Table({
        name: 'import_previews',
        columns: [
          id,
          { name: 'user_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'format', type: 'varchar', length: '10' },
          { name: 'encoding', type: 'varchar', length: '40' },
          { name: 'filename', type: 'varchar', length: '255' },
          { name: 'statement_index', type: 'integer', default: 0 },
          timestampColumn(queryRunner, { name: 'created_at', defaultNow: true }),
          timestampColumn(queryRunner, { name: 'expires_at' }),
        ],
        foreignKeys: [cascade('user_id', 'users'), cascade('account_id', 'accounts')],
      }),
    );
    await queryRunner.createIndex('import_previews', new TableIndex({ name: 'import_previews_user_expires_idx', columnNames: ['user_id', 'expires_at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'import_preview_rows',
        columns: [
          { name: 'preview_id', type: 'integer', isPrimary: true },
          { name: 'position', type: 'integer', isPrimary: true },
          { name: 'line', type: 'integer' },
          { name: 'date', type: 'varchar', length: '10', isNullable: true },
          { name: 'amount', type: 'bigint', isNullable: true },
          { name: 'description', type: 'text', default: "''" },
          { name: 'notes', type: 'text', default: "''" },
          { name: 'external_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'fingerprint', type: 'varchar', length: '64', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'matched_transaction_id', type: 'integer', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'included', type: 'boolean' },
        ],
        foreignKeys: [cascade('preview_id', 'import_previews')],
      }),
    );
    await queryRunner.createIndex('import_preview_rows', new TableIndex({ name: 'import_preview_rows_status_idx', columnNames: ['preview_id', 'status', 'position'] }));
    await queryRunner.createTable(
      new Table({
        name: 'import_batches',
        columns: [
          id,
          { name: 'user_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'format', type: 'varchar', length: '10' },
          { name: 'filename', type: 'varchar', length: '255' },
          timestampColumn(queryRunner, { name: 'created_at', defaultNow: true }),
          { name: 'created_count', type: 'integer', default: 0 },
          { name: 'matched_count', type: 'integer', default: 0 },
          { name: 'skipped_count', type: 'integer', default: 0 },
          timestampColumn(queryRunner, { name: 'undone_at', isNullable: true }),
        ],
        foreignKeys: [cascade('user_id', 'users'), cascade('account_id', 'accounts')],
      }),
    );
    await queryRunner.createIndex('import_batches', new TableIndex({ name: 'import_batches_user_account_idx', columnNames: ['user_id', 'account_id', 'id'] }));
    await queryRunner.createTable(
      new Table({
        name: 'import_batch_matches',
        columns: [
          { name: 'batch_id', type: 'integer', isPrimary: true },
          { name: 'transaction_id', type: 'integer', isPrimary: true },
          { name: 'previous_imported_description', type: 'text', default: "''" },
          { name: 'previous_external_id', type: 'varchar', length: '255', isNullable: true },
        ],
        foreignKeys: [cascade('batch_id', 'import_batches'), cascade('transaction_id', 'transactions')],
      }),
    );
    await queryRunner.createIndex('import_batch_matches', new TableIndex({ name: 'import_batch_matches_transaction_idx', columnNames: ['transaction_id'] }));
    await queryRunner.createTable(
      new Table({
        name: 'import_csv_mappings',
        columns: [
          id,
          { name: 'user_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'mapping', type: 'text', isNullable: true },
          { name: 'account_hint', type: 'varchar', length: '255', isNullable: true },
          timestampColumn(queryRunner, { name: 'updated_at', defaultNow: true }),
        ],
        foreignKeys: [cascade('user_id', 'users'), cascade('account_id', 'accounts')],
      }),
    );
    await queryRunner.createIndex('import_csv_mappings', new TableIndex({ name: 'import_csv_mappings_account_idx', columnNames: ['account_id'], isUnique: true }));
    await queryRunner.createIndex('import_csv_mappings', new TableIndex({ name: 'import_csv_mappings_user_idx', columnNames: ['user_id'] }));

    await addColumnsInPlace(queryRunner, 'transactions', [
      { name: 'imported_description', type: 'text', default: "''" },
      { name: 'external_id', type: 'varchar', length: '255', isNullable: true },
      { name: 'import_fingerprint', type: 'varchar', length: '64', isNullable: true },
    ]);
    await addReferenceColumnInPlace(queryRunner, 'transactions', { name: 'import_batch_id', type: 'integer', isNullable: true }, { table: 'import_batches', column: 'id', onDelete: 'SET NULL' });
    await queryRunner.createIndex('transactions', new TableIndex({ name: 'transactions_account_external_idx', columnNames: ['account_id', 'external_id'], where: '"external_id" IS NOT NULL' }));
    await queryRunner.createIndex('transactions', new TableIndex({ name: 'transactions_account_fingerprint_idx', columnNames: ['account_id', 'import_fingerprint'], where: '"import_fingerprint" IS NOT NULL' }));
    await queryRunner.createIndex('transactions', new TableIndex({ name: 'transactions_import_batch_idx', columnNames: ['import_batch_id'], where: '"import_batch_id" IS NOT NULL' }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('transactions', 'transactions_import_batch_idx');
    await queryRunner.dropIndex('transactions', 'transactions_account_fingerprint_idx');
    await queryRunner.dropIndex('transactions', 'transactions_account_external_idx');
    // Postgres drops the column's foreign key with it; SQLite's DROP COLUMN takes its column constraint.
    await dropColumnsInPlace(queryRunner, 'transactions', ['import_batch_id', 'import_fingerprint', 'external_id', 'imported_description']);
    for (const table of ['import_csv_mappings', 'import_batch_matches', 'import_batches', 'import_preview_rows', 'import_previews']) await queryRunner.dropTable(table);
  }
}
