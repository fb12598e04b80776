import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumnsInPlace, addReferenceColumnInPlace, dropColumnsInPlace, timestampColumn } from '../dialect';

const reference = (column: string, table: string, onDelete: 'CASCADE' | 'SET NULL') => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
});

const USER_DATE_COLUMNS_BEFORE = ['user_id', 'date', 'id', 'account_id', 'category_id', 'amount'];
/** The dashboard reads whether a row is a transfer leg or split from the index, as it reads the rest. */
const USER_DATE_COLUMNS = [...USER_DATE_COLUMNS_BEFORE, 'transfer_id', 'is_split'];

/**
 * Transfers and splits (issue 17). A transfer links two real rows (its legs); a leg that is a part
 * of a split transaction is named by the part's `transfer_id`. The transactions carry their
 * transfer and whether they are split, so the dashboard and the filters read both from the row.
 */
export class TransfersAndSplits1765152000000 implements MigrationInterface {
  name = 'TransfersAndSplits1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await queryRunner.createTable(
      new Table({
        name: 'transfers',
        columns: [
          id,
          { name: 'user_id', type: 'integer' },
          { name: 'outflow_transaction_id', type: 'integer' },
          { name: 'inflow_transaction_id', type: 'integer' },
          { name: 'origin', type: 'varchar', length: '10' },
          timestampColumn(queryRunner, { name: 'created_at', defaultNow: true }),
        ],
        foreignKeys: [reference('user_id', 'users', 'CASCADE'), reference('outflow_transaction_id', 'transactions', 'CASCADE'), reference('inflow_transaction_id', 'transactions', 'CASCADE')],
      }),
    );
    await queryRunner.createIndex('transfers', new TableIndex({ name: 'transfers_outflow_idx', columnNames: ['outflow_transaction_id'] }));
    await queryRunner.createIndex('transfers', new TableIndex({ name: 'transfers_inflow_idx', columnNames: ['inflow_transaction_id'] }));
    await queryRunner.createIndex('transfers', new TableIndex({ name: 'transfers_user_idx', columnNames: ['user_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'transaction_splits',
        columns: [
          id,
          { name: 'user_id', type: 'integer' },
          { name: 'transaction_id', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'amount', type: 'bigint' },
          { name: 'category_id', type: 'integer', isNullable: true },
          { name: 'notes', type: 'text', default: "''" },
          { name: 'transfer_id', type: 'integer', isNullable: true },
        ],
        foreignKeys: [
          reference('user_id', 'users', 'CASCADE'),
          reference('transaction_id', 'transactions', 'CASCADE'),
          reference('category_id', 'categories', 'SET NULL'),
          reference('transfer_id', 'transfers', 'SET NULL'),
        ],
      }),
    );
    await queryRunner.createIndex('transaction_splits', new TableIndex({ name: 'transaction_splits_transaction_idx', columnNames: ['transaction_id', 'position'], isUnique: true }));
    await queryRunner.createIndex('transaction_splits', new TableIndex({ name: 'transaction_splits_category_idx', columnNames: ['category_id'] }));
    await queryRunner.createIndex('transaction_splits', new TableIndex({ name: 'transaction_splits_user_idx', columnNames: ['user_id'] }));
    await queryRunner.createIndex('transaction_splits', new TableIndex({ name: 'transaction_splits_transfer_idx', columnNames: ['transfer_id'], where: '"transfer_id" IS NOT NULL' }));

    await queryRunner.createTable(
      new Table({
        name: 'transfer_rejections',
        columns: [
          { name: 'user_id', type: 'integer' },
          // The pair in id order: (smaller, larger), so either row finds it.
          { name: 'first_transaction_id', type: 'integer', isPrimary: true },
          { name: 'second_transaction_id', type: 'integer', isPrimary: true },
        ],
        foreignKeys: [reference('user_id', 'users', 'CASCADE'), reference('first_transaction_id', 'transactions', 'CASCADE'), reference('second_transaction_id', 'transactions', 'CASCADE')],
      }),
    );
    await queryRunner.createIndex('transfer_rejections', new TableIndex({ name: 'transfer_rejections_second_idx', columnNames: ['second_transaction_id'] }));
    await queryRunner.createIndex('transfer_rejections', new TableIndex({ name: 'transfer_rejections_user_idx', columnNames: ['user_id'] }));

    await addReferenceColumnInPlace(queryRunner, 'transactions', { name: 'transfer_id', type: 'integer', isNullable: true }, { table: 'transfers', column: 'id', onDelete: 'SET NULL' });
    // SQLite keeps booleans as 0/1, and the entity's default reads back as 0 there.
    const postgres = queryRunner.connection.options.type === 'postgres';
    await addColumnsInPlace(queryRunner, 'transactions', [{ name: 'is_split', type: 'boolean', default: postgres ? false : 0 }]);
    await replaceUserDateIndex(queryRunner, USER_DATE_COLUMNS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await replaceUserDateIndex(queryRunner, USER_DATE_COLUMNS_BEFORE);
    await dropColumnsInPlace(queryRunner, 'transactions', ['is_split', 'transfer_id']);
    for (const table of ['transfer_rejections', 'transaction_splits', 'transfers']) await queryRunner.dropTable(table);
  }
}

async function replaceUserDateIndex(queryRunner: QueryRunner, columnNames: string[]): Promise<void> {
  await queryRunner.dropIndex('transactions', 'transactions_user_date_idx');
  await queryRunner.createIndex('transactions', new TableIndex({ name: 'transactions_user_date_idx', columnNames }));
}
