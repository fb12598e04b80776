import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { onDialect } from '../dialect';

const reference = (column: string, table: string) => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' as const });

const KEY = '"user_id", "month", "account_id", "category_key"';

/**
 * Money in and out per user, month, account and category (issue 21, point 4), so a year's dashboard
 * and a year of budgets read a few hundred rows instead of every transaction. What counts is what
 * the dashboard counts: whole rows that are neither a transfer's leg nor split, and the parts of
 * split rows that are not legs, by the part's category and the row's date and account.
 *
 * Triggers keep the sums inside the writing transaction, as the account totals are kept: every
 * write path (create, edit, import and its undo, splits, transfers, restores, the foreign keys'
 * cascades) is covered without remembering to. Each trigger adds the signed movements its change
 * takes away and brings in, grouped by key, in one upsert. `category_key` is 0 for uncategorised
 * (NULL would not be one key). A row whose count falls to 0 stays, holding zeros; readers skip it.
 *
 * Deleting an account or a user removes their sums by the foreign keys; the cascades that run in
 * the same statement (their transactions deleted, categories nulled) find the account or user gone
 * and write nothing, so no sum is ever written for an owner that no longer exists.
 */
export class MonthlySums1765497600000 implements MigrationInterface {
  name = 'MonthlySums1765497600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'monthly_sums',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'month', type: 'varchar', length: '7', isPrimary: true },
          { name: 'account_id', type: 'integer', isPrimary: true },
          { name: 'category_key', type: 'integer', isPrimary: true },
          { name: 'income', type: 'bigint' },
          { name: 'expenses', type: 'bigint' },
          { name: 'count', type: 'integer' },
        ],
        foreignKeys: [reference('user_id', 'users'), reference('account_id', 'accounts')],
      }),
    );
    await queryRunner.createIndex('monthly_sums', new TableIndex({ name: 'monthly_sums_account_idx', columnNames: ['account_id'] }));
    await queryRunner.query(`INSERT INTO "monthly_sums" (${KEY}, "income", "expenses", "count") ${grouped(`
      SELECT "t"."user_id" AS "user_id", SUBSTR("t"."date", 1, 7) AS "month", "t"."account_id" AS "account_id", COALESCE("t"."category_id", 0) AS "category_key", "t"."amount" AS "amount", 1 AS "sign"
        FROM "transactions" "t" WHERE "t"."transfer_id" IS NULL AND NOT "t"."is_split"
      UNION ALL
      SELECT "t"."user_id", SUBSTR("t"."date", 1, 7), "t"."account_id", COALESCE("s"."category_id", 0), "s"."amount", 1
        FROM "transactions" "t" JOIN "transaction_splits" "s" ON "s"."transaction_id" = "t"."id" WHERE "t"."is_split" AND "s"."transfer_id" IS NULL`)}`);
    await onDialect(queryRunner, { postgres: createPostgresTriggers, sqlite: createSqliteTriggers });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await onDialect(queryRunner, {
      postgres: async (q) => {
        for (const table of ['transactions', 'transaction_splits']) for (const event of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER "${table}_sums_${event}" ON "${table}"`);
        await q.query(`DROP TRIGGER "transactions_sums_delete_parts" ON "transactions"`);
        for (const name of ['monthly_sums_transactions', 'monthly_sums_splits', 'monthly_sums_parts_of_deleted']) await q.query(`DROP FUNCTION "${name}"()`);
      },
      sqlite: async (q) => {
        for (const table of ['transactions', 'transaction_splits']) for (const event of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER "${table}_sums_${event}"`);
        await q.query(`DROP TRIGGER "transactions_sums_delete_parts"`);
      },
    });
    await queryRunner.dropTable('monthly_sums');
  }
}

/**
 * Signed movements (user_id, month, account_id, category_key, amount, sign) summed by key, in key
 * order (concurrent writers then lock rows in one order). The columns of the INSERT.
 */
function grouped(movements: string, onlyExisting = false): string {
  // Inside a cascade the owner's account or the owner may already be gone: then nothing is written.
  const existing = onlyExisting ? `WHERE EXISTS (SELECT 1 FROM "accounts" "a" JOIN "users" "u" ON "u"."id" = "a"."user_id" WHERE "a"."id" = "m"."account_id")` : 'WHERE 1 = 1';
  return `SELECT "m"."user_id", "m"."month", "m"."account_id", "m"."category_key",
      SUM("m"."sign" * CASE WHEN "m"."amount" > 0 THEN "m"."amount" ELSE 0 END),
      SUM("m"."sign" * CASE WHEN "m"."amount" < 0 THEN -"m"."amount" ELSE 0 END),
      SUM("m"."sign")
    FROM (${movements}) "m" ${existing}
    GROUP BY "m"."user_id", "m"."month", "m"."account_id", "m"."category_key" ORDER BY "m"."user_id", "m"."month", "m"."account_id", "m"."category_key"`;
}

const upsert = (movements: string) => `INSERT INTO "monthly_sums" (${KEY}, "income", "expenses", "count") ${grouped(movements, true)}
  ON CONFLICT (${KEY}) DO UPDATE SET "income" = "monthly_sums"."income" + excluded."income", "expenses" = "monthly_sums"."expenses" + excluded."expenses", "count" = "monthly_sums"."count" + excluded."count"`;

/** A whole row's movement (none for a leg or a split row); `row` is a table alias or OLD/NEW. */
const wholeRow = (row: string, sign: number, from = '', where = '1 = 1') =>
  `SELECT ${row}."user_id" AS "user_id", SUBSTR(${row}."date", 1, 7) AS "month", ${row}."account_id" AS "account_id", COALESCE(${row}."category_id", 0) AS "category_key", ${row}."amount" AS "amount", ${sign} AS "sign"
    ${from} WHERE ${where} AND ${row}."transfer_id" IS NULL AND NOT ${row}."is_split"`;

/** The movements of the parts of the split rows `row` (a table alias or OLD/NEW), as that row says. */
const partsOf = (row: string, sign: number, from = '', where = '1 = 1') =>
  `SELECT ${row}."user_id" AS "user_id", SUBSTR(${row}."date", 1, 7) AS "month", ${row}."account_id" AS "account_id", COALESCE("s"."category_id", 0) AS "category_key", "s"."amount" AS "amount", ${sign} AS "sign"
    ${from} JOIN "transaction_splits" "s" ON "s"."transaction_id" = ${row}."id" WHERE ${where} AND ${row}."is_split" AND "s"."transfer_id" IS NULL`;

/** Parts' movements (`parts` a table of parts) as their transactions say now; parts of a transaction deleted in the same statement find none. */
const partsAsRows = (parts: string, sign: number) =>
  `SELECT "t"."user_id" AS "user_id", SUBSTR("t"."date", 1, 7) AS "month", "t"."account_id" AS "account_id", COALESCE("p"."category_id", 0) AS "category_key", "p"."amount" AS "amount", ${sign} AS "sign"
    FROM ${parts} "p" JOIN "transactions" "t" ON "t"."id" = "p"."transaction_id" WHERE "t"."is_split" AND "p"."transfer_id" IS NULL`;

/** An update moves the sums only when one of these changes (an edit of the text does not). */
const MOVING_COLUMNS = ['amount', 'date', 'category_id', 'account_id', 'transfer_id', 'is_split'];
/** What the parts count by: when one of these changes, the parts move too. */
const PARTS_MOVE = (o: string, n: string, differ: string) => ['date', 'account_id', 'is_split'].map((column) => `${o}."${column}" ${differ} ${n}."${column}"`).join(' OR ');

/**
 * Statement-level triggers with transition tables, as the account totals: one upsert per statement
 * whatever the rows (an import writes thousands). A split row's parts are taken away before it is
 * deleted (a row trigger, for split rows only): after the statement the cascade has removed them
 * and their own trigger finds no transaction to date them by.
 */
async function createPostgresTriggers(q: QueryRunner): Promise<void> {
  const changed = MOVING_COLUMNS.map((column) => `o."${column}" IS DISTINCT FROM n."${column}"`).join(' OR ');
  const pairs = 'FROM old_rows o JOIN new_rows n ON n."id" = o."id"';
  await q.query(`CREATE FUNCTION "monthly_sums_transactions"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${upsert(wholeRow('n', 1, 'FROM new_rows n'))};
      ELSIF TG_OP = 'DELETE' THEN
        ${upsert(wholeRow('o', -1, 'FROM old_rows o'))};
      ELSE
        ${upsert(`${wholeRow('o', -1, pairs, `(${changed})`)} UNION ALL ${wholeRow('n', 1, pairs, `(${changed})`)}
          UNION ALL ${partsOf('o', -1, pairs, `(${PARTS_MOVE('o', 'n', '<>')})`)} UNION ALL ${partsOf('n', 1, pairs, `(${PARTS_MOVE('o', 'n', '<>')})`)}`)};
      END IF;
      RETURN NULL;
    END
  $$`);
  await q.query(`CREATE FUNCTION "monthly_sums_splits"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${upsert(partsAsRows('new_rows', 1))};
      ELSIF TG_OP = 'DELETE' THEN
        ${upsert(partsAsRows('old_rows', -1))};
      ELSE
        ${upsert(`${partsAsRows('old_rows', -1)} UNION ALL ${partsAsRows('new_rows', 1)}`)};
      END IF;
      RETURN NULL;
    END
  $$`);
  await q.query(`CREATE FUNCTION "monthly_sums_parts_of_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${upsert(partsOf('d', -1, 'FROM (SELECT OLD.*) d'))};
      RETURN OLD;
    END
  $$`);
  for (const [table, fn] of [['transactions', 'monthly_sums_transactions'], ['transaction_splits', 'monthly_sums_splits']]) {
    await q.query(`CREATE TRIGGER "${table}_sums_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
    await q.query(`CREATE TRIGGER "${table}_sums_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
    await q.query(`CREATE TRIGGER "${table}_sums_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
  }
  await q.query(`CREATE TRIGGER "transactions_sums_delete_parts" BEFORE DELETE ON "transactions" FOR EACH ROW WHEN (OLD."is_split") EXECUTE FUNCTION "monthly_sums_parts_of_deleted"()`);
}

/** Row triggers (SQLite has no others): each one upsert of the few keys its row moves. */
async function createSqliteTriggers(q: QueryRunner): Promise<void> {
  const changed = MOVING_COLUMNS.map((column) => `OLD."${column}" IS NOT NEW."${column}"`).join(' OR ');
  const partsMove = PARTS_MOVE('OLD', 'NEW', 'IS NOT');
  const parts = (row: 'OLD' | 'NEW', sign: number) => partsOf(row, sign, `FROM (SELECT 1)`, `(${partsMove})`);
  await q.query(`CREATE TRIGGER "transactions_sums_insert" AFTER INSERT ON "transactions" WHEN NEW."transfer_id" IS NULL AND NOT NEW."is_split" BEGIN ${upsert(wholeRow('NEW', 1))}; END`);
  await q.query(`CREATE TRIGGER "transactions_sums_delete" AFTER DELETE ON "transactions" WHEN OLD."transfer_id" IS NULL AND NOT OLD."is_split" BEGIN ${upsert(wholeRow('OLD', -1))}; END`);
  await q.query(`CREATE TRIGGER "transactions_sums_update" AFTER UPDATE OF ${MOVING_COLUMNS.map((column) => `"${column}"`).join(', ')} ON "transactions" WHEN ${changed}
    BEGIN ${upsert(`${wholeRow('OLD', -1)} UNION ALL ${wholeRow('NEW', 1)} UNION ALL ${parts('OLD', -1)} UNION ALL ${parts('NEW', 1)}`)}; END`);
  await q.query(`CREATE TRIGGER "transactions_sums_delete_parts" BEFORE DELETE ON "transactions" WHEN OLD."is_split" BEGIN ${upsert(partsOf('OLD', -1, 'FROM (SELECT 1)'))}; END`);
  const part = (row: 'OLD' | 'NEW', sign: number) => partsAsRows(`(SELECT ${row}."transaction_id" AS "transaction_id", ${row}."category_id" AS "category_id", ${row}."amount" AS "amount", ${row}."transfer_id" AS "transfer_id")`, sign);
  await q.query(`CREATE TRIGGER "transaction_splits_sums_insert" AFTER INSERT ON "transaction_splits" BEGIN ${upsert(part('NEW', 1))}; END`);
  await q.query(`CREATE TRIGGER "transaction_splits_sums_delete" AFTER DELETE ON "transaction_splits" BEGIN ${upsert(part('OLD', -1))}; END`);
  await q.query(`CREATE TRIGGER "transaction_splits_sums_update" AFTER UPDATE ON "transaction_splits" BEGIN ${upsert(`${part('OLD', -1)} UNION ALL ${part('NEW', 1)}`)}; END`);
}
