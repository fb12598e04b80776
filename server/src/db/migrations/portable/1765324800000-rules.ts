import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumnsInPlace, dropColumnsInPlace, timestampColumn } from '../dialect';

const reference = (column: string, table: string) => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' as const });

/**
 * Rules (issue 18). A rule keeps its conditions and actions as JSON beside it: they are read and
 * written whole, with the rule. Transactions remember which fields the user set by hand, so no rule
 * changes them; a preview row keeps what the rules would give it, so the commit writes what was shown.
 */
export class Rules1765324800000 implements MigrationInterface {
  name = 'Rules1765324800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const boolean = (name: string, value: boolean) => ({ name, type: 'boolean', default: postgres ? value : value ? 1 : 0 });
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await queryRunner.createTable(
      new Table({
        name: 'rules',
        columns: [
          id,
          { name: 'user_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'position', type: 'integer' },
          boolean('enabled', true),
          boolean('match_all', true),
          boolean('stop_processing', false),
          boolean('override', false),
          { name: 'conditions', type: 'text' },
          { name: 'actions', type: 'text' },
          { name: 'applied_count', type: 'integer', default: 0 },
          timestampColumn(queryRunner, { name: 'last_applied_at', isNullable: true }),
          timestampColumn(queryRunner, { name: 'created_at', defaultNow: true }),
        ],
        foreignKeys: [reference('user_id', 'users')],
      }),
    );
    await queryRunner.createIndex('rules', new TableIndex({ name: 'rules_user_position_idx', columnNames: ['user_id', 'position'] }));

    await queryRunner.createTable(
      new Table({
        name: 'rule_suggestions',
        columns: [
          id,
          { name: 'user_id', type: 'integer' },
          { name: 'description_key', type: 'varchar', length: '200' },
          { name: 'category_id', type: 'integer' },
          { name: 'times_categorised', type: 'integer', default: 0 },
          { name: 'status', type: 'varchar', length: '10' },
        ],
        foreignKeys: [reference('user_id', 'users'), reference('category_id', 'categories')],
      }),
    );
    await queryRunner.createIndex(
      'rule_suggestions',
      new TableIndex({ name: 'rule_suggestions_key_idx', columnNames: ['user_id', 'description_key', 'category_id'], isUnique: true }),
    );
    await queryRunner.createIndex('rule_suggestions', new TableIndex({ name: 'rule_suggestions_category_idx', columnNames: ['category_id'] }));

    await addColumnsInPlace(queryRunner, 'transactions', [{ name: 'hand_set_fields', type: 'integer', default: 0 }]);
    await addColumnsInPlace(queryRunner, 'import_preview_rows', [{ name: 'rule_outcome', type: 'text', isNullable: true }]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropColumnsInPlace(queryRunner, 'import_preview_rows', ['rule_outcome']);
    await dropColumnsInPlace(queryRunner, 'transactions', ['hand_set_fields']);
    await queryRunner.dropTable('rule_suggestions');
    await queryRunner.dropTable('rules');
  }
}
