import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumnsInPlace, dropColumnsInPlace, onDialect } from '../dialect';

const reference = (column: string, table: string) => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' as const });

/** Every change that moves a month's sums marks the budget closings from that month on as stale. */
const TRIGGER_TABLES = {
  transactions: ['insert', 'update', 'delete'],
  transaction_splits: ['insert', 'update', 'delete'],
  budgets: ['insert', 'update', 'delete'],
} as const;

/**
 * Budgets (issue 19): an amount per user, month and expense category, and whether a category rolls
 * over. What rolls over is cached per month ("closings": the month's to-budget and each rolling
 * category's available at its end), valid for the months before `budget_caches.valid_before`.
 * Triggers lower that mark inside the writing transaction on any change to transactions, split
 * parts or budgets (so imports, undo, splits, transfers and restores are all covered without each
 * remembering to), and reset it when a category's rollover or kind, or an account's or the user's
 * currency, changes. A read extends the closings from the mark, so past months are not recomputed
 * on every read.
 */
export class Budgets1765411200000 implements MigrationInterface {
  name = 'Budgets1765411200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await addColumnsInPlace(queryRunner, 'categories', [{ name: 'rollover', type: 'boolean', default: postgres ? false : 0 }]);
    await queryRunner.createTable(
      new Table({
        name: 'budgets',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'category_id', type: 'integer' },
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'amount', type: 'bigint' },
        ],
        foreignKeys: [reference('user_id', 'users'), reference('category_id', 'categories')],
      }),
    );
    await queryRunner.createIndex('budgets', new TableIndex({ name: 'budgets_user_month_category_idx', columnNames: ['user_id', 'month', 'category_id'], isUnique: true }));
    await queryRunner.createIndex('budgets', new TableIndex({ name: 'budgets_category_month_idx', columnNames: ['category_id', 'month'] }));

    await queryRunner.createTable(
      new Table({
        name: 'budget_caches',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'valid_before', type: 'varchar', length: '7' },
        ],
        foreignKeys: [reference('user_id', 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'budget_closings',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'month', type: 'varchar', length: '7', isPrimary: true },
          { name: 'to_budget', type: 'bigint' },
        ],
        foreignKeys: [reference('user_id', 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'budget_category_closings',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'month', type: 'varchar', length: '7', isPrimary: true },
          { name: 'category_id', type: 'integer', isPrimary: true },
          { name: 'available', type: 'bigint' },
        ],
        foreignKeys: [reference('user_id', 'users'), reference('category_id', 'categories')],
      }),
    );
    await queryRunner.createIndex('budget_category_closings', new TableIndex({ name: 'budget_category_closings_category_idx', columnNames: ['category_id'] }));

    await onDialect(queryRunner, { postgres: createPostgresTriggers, sqlite: createSqliteTriggers });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await onDialect(queryRunner, {
      postgres: async (q) => {
        for (const [table, events] of Object.entries(TRIGGER_TABLES)) for (const event of events) await q.query(`DROP TRIGGER "${table}_budget_${event}" ON "${table}"`);
        for (const table of ['categories', 'accounts', 'users']) await q.query(`DROP TRIGGER "${table}_budget_update" ON "${table}"`);
        for (const name of ['budget_stale_transactions', 'budget_stale_splits', 'budget_stale_budgets', 'budget_stale_owner']) await q.query(`DROP FUNCTION "${name}"()`);
      },
      sqlite: async (q) => {
        for (const [table, events] of Object.entries(TRIGGER_TABLES)) for (const event of events) await q.query(`DROP TRIGGER "${table}_budget_${event}"`);
        for (const table of ['categories', 'accounts', 'users']) await q.query(`DROP TRIGGER "${table}_budget_update"`);
      },
    });
    await queryRunner.dropTable('budget_category_closings');
    await queryRunner.dropTable('budget_closings');
    await queryRunner.dropTable('budget_caches');
    await queryRunner.dropTable('budgets');
    await dropColumnsInPlace(queryRunner, 'categories', ['rollover']);
  }
}

/**
 * Statement-level triggers with transition tables, as the account totals: one UPDATE per statement
 * whatever the rows (an import writes thousands). The UPDATE is unconditional for the owners it
 * names, so it waits for a reader extending the closings (which holds the row FOR UPDATE) and then
 * lowers the mark the reader set: no stale closing survives a concurrent write.
 */
async function createPostgresTriggers(q: QueryRunner): Promise<void> {
  const lower = (source: string) => `UPDATE "budget_caches" c SET "valid_before" = LEAST(c."valid_before", s."month")
      FROM (SELECT "user_id", MIN("month") AS "month" FROM (${source}) changed GROUP BY "user_id") s WHERE c."user_id" = s."user_id"`;
  // An update moves a month's sums only when one of these columns changes (an edit of the text does not).
  const changedTransactions = `o."amount" <> n."amount" OR o."date" <> n."date" OR o."category_id" IS DISTINCT FROM n."category_id" OR o."account_id" <> n."account_id" OR o."transfer_id" IS DISTINCT FROM n."transfer_id" OR o."is_split" <> n."is_split"`;
  await q.query(`CREATE FUNCTION "budget_stale_transactions"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${lower(`SELECT "user_id", SUBSTR("date", 1, 7) AS "month" FROM new_rows`)};
      ELSIF TG_OP = 'DELETE' THEN
        ${lower(`SELECT "user_id", SUBSTR("date", 1, 7) AS "month" FROM old_rows`)};
      ELSE
        ${lower(`SELECT o."user_id", LEAST(SUBSTR(o."date", 1, 7), SUBSTR(n."date", 1, 7)) AS "month" FROM old_rows o JOIN new_rows n ON n."id" = o."id" WHERE ${changedTransactions}`)};
      END IF;
      RETURN NULL;
    END
  $$`);
  // A part's month is its transaction's; parts deleted with their transaction find none (its own trigger ran).
  const parts = (rows: string) => `SELECT t."user_id", SUBSTR(t."date", 1, 7) AS "month" FROM ${rows} p JOIN "transactions" t ON t."id" = p."transaction_id"`;
  await q.query(`CREATE FUNCTION "budget_stale_splits"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${lower(parts('new_rows'))};
      ELSIF TG_OP = 'DELETE' THEN
        ${lower(parts('old_rows'))};
      ELSE
        ${lower(`${parts('old_rows')} UNION ALL ${parts('new_rows')}`)};
      END IF;
      RETURN NULL;
    END
  $$`);
  await q.query(`CREATE FUNCTION "budget_stale_budgets"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${lower(`SELECT "user_id", "month" FROM new_rows`)};
      ELSIF TG_OP = 'DELETE' THEN
        ${lower(`SELECT "user_id", "month" FROM old_rows`)};
      ELSE
        ${lower(`SELECT "user_id", "month" FROM old_rows UNION ALL SELECT "user_id", "month" FROM new_rows`)};
      END IF;
      RETURN NULL;
    END
  $$`);
  for (const [table, fn] of [['transactions', 'budget_stale_transactions'], ['transaction_splits', 'budget_stale_splits'], ['budgets', 'budget_stale_budgets']]) {
    await q.query(`CREATE TRIGGER "${table}_budget_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
    await q.query(`CREATE TRIGGER "${table}_budget_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
    await q.query(`CREATE TRIGGER "${table}_budget_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
  }
  // What counts changes everywhere: every closing of the owner goes.
  await q.query(`CREATE FUNCTION "budget_stale_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_TABLE_NAME = 'users' THEN
        UPDATE "budget_caches" SET "valid_before" = '0000-00' WHERE "user_id" = NEW."id";
      ELSE
        UPDATE "budget_caches" SET "valid_before" = '0000-00' WHERE "user_id" = NEW."user_id";
      END IF;
      RETURN NULL;
    END
  $$`);
  await q.query(`CREATE TRIGGER "categories_budget_update" AFTER UPDATE OF "rollover", "kind" ON "categories" FOR EACH ROW
    WHEN (OLD."rollover" IS DISTINCT FROM NEW."rollover" OR OLD."kind" IS DISTINCT FROM NEW."kind") EXECUTE FUNCTION "budget_stale_owner"()`);
  for (const table of ['accounts', 'users']) {
    await q.query(`CREATE TRIGGER "${table}_budget_update" AFTER UPDATE OF "currency" ON "${table}" FOR EACH ROW
      WHEN (OLD."currency" IS DISTINCT FROM NEW."currency") EXECUTE FUNCTION "budget_stale_owner"()`);
  }
}

/** Row triggers (SQLite has no others): each a lookup by the owner's key, a no-op when nothing is cached. */
async function createSqliteTriggers(q: QueryRunner): Promise<void> {
  const lower = (owner: string, month: string) => `UPDATE "budget_caches" SET "valid_before" = ${month} WHERE "user_id" = ${owner} AND "valid_before" > ${month};`;
  const month = (row: string) => `SUBSTR(${row}."date", 1, 7)`;
  await q.query(`CREATE TRIGGER "transactions_budget_insert" AFTER INSERT ON "transactions" BEGIN ${lower('NEW."user_id"', month('NEW'))} END`);
  await q.query(`CREATE TRIGGER "transactions_budget_delete" AFTER DELETE ON "transactions" BEGIN ${lower('OLD."user_id"', month('OLD'))} END`);
  await q.query(`CREATE TRIGGER "transactions_budget_update" AFTER UPDATE OF "amount", "date", "category_id", "account_id", "transfer_id", "is_split" ON "transactions"
    WHEN OLD."amount" IS NOT NEW."amount" OR OLD."date" IS NOT NEW."date" OR OLD."category_id" IS NOT NEW."category_id" OR OLD."account_id" IS NOT NEW."account_id" OR OLD."transfer_id" IS NOT NEW."transfer_id" OR OLD."is_split" IS NOT NEW."is_split"
    BEGIN ${lower('OLD."user_id"', `MIN(${month('OLD')}, ${month('NEW')})`)} END`);
  const partMonth = (row: string) => `(SELECT SUBSTR("t"."date", 1, 7) FROM "transactions" "t" WHERE "t"."id" = ${row}."transaction_id")`;
  await q.query(`CREATE TRIGGER "transaction_splits_budget_insert" AFTER INSERT ON "transaction_splits" BEGIN ${lower('NEW."user_id"', partMonth('NEW'))} END`);
  await q.query(`CREATE TRIGGER "transaction_splits_budget_delete" AFTER DELETE ON "transaction_splits" BEGIN ${lower('OLD."user_id"', partMonth('OLD'))} END`);
  await q.query(`CREATE TRIGGER "transaction_splits_budget_update" AFTER UPDATE ON "transaction_splits" BEGIN ${lower('OLD."user_id"', partMonth('OLD'))} ${lower('NEW."user_id"', partMonth('NEW'))} END`);
  await q.query(`CREATE TRIGGER "budgets_budget_insert" AFTER INSERT ON "budgets" BEGIN ${lower('NEW."user_id"', 'NEW."month"')} END`);
  await q.query(`CREATE TRIGGER "budgets_budget_delete" AFTER DELETE ON "budgets" BEGIN ${lower('OLD."user_id"', 'OLD."month"')} END`);
  await q.query(`CREATE TRIGGER "budgets_budget_update" AFTER UPDATE ON "budgets" BEGIN ${lower('OLD."user_id"', 'OLD."month"')} ${lower('NEW."user_id"', 'NEW."month"')} END`);
  const reset = (owner: string) => `UPDATE "budget_caches" SET "valid_before" = '0000-00' WHERE "user_id" = ${owner};`;
  await q.query(`CREATE TRIGGER "categories_budget_update" AFTER UPDATE OF "rollover", "kind" ON "categories"
    WHEN OLD."rollover" IS NOT NEW."rollover" OR OLD."kind" IS NOT NEW."kind" BEGIN ${reset('NEW."user_id"')} END`);
  await q.query(`CREATE TRIGGER "accounts_budget_update" AFTER UPDATE OF "currency" ON "accounts" WHEN OLD."currency" IS NOT NEW."currency" BEGIN ${reset('NEW."user_id"')} END`);
  await q.query(`CREATE TRIGGER "users_budget_update" AFTER UPDATE OF "currency" ON "users" WHEN OLD."currency" IS NOT NEW."currency" BEGIN ${reset('NEW."id"')} END`);
}
