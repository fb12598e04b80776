import { expect } from '@jest/globals';
import type { DataSource, MigrationInterface } from 'typeorm';
import type { DatabaseConfig } from '../../src/config';
import { createDataSource, openDatabase } from '../../src/db/data-source';
import { migrationsFor } from '../../src/db/migrations';
import { addColumnsInPlace, dropColumnsInPlace, timestampColumn } from '../../src/db/migrations/dialect';
import { portableMigrations } from '../../src/db/migrations/portable';
import { postgresMigrations } from '../../src/db/migrations/postgres';
import { sqliteMigrations } from '../../src/db/migrations/sqlite';

/** The same migration checks for each database; each gets a database of its own, empty. */
type Kind = DatabaseConfig['kind'];

const legacyOf = (kind: Kind) => (kind === 'postgres' ? postgresMigrations : sqliteMigrations);
const nameOf = (migration: new () => MigrationInterface) => new migration().name ?? migration.name;

async function recordedNames(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(`SELECT "name" FROM "migrations" ORDER BY "id"`);
  return rows.map((row) => row.name);
}

async function indexNames(dataSource: DataSource, table: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    return ((await runner.getTable(table))?.indices ?? []).map((index) => index.name ?? '').sort();
  } finally {
    await runner.release();
  }
}

async function expectSchemaMatchesEntities(dataSource: DataSource): Promise<void> {
  expect((await dataSource.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query)).toEqual([]);
  expect(await dataSource.runMigrations()).toEqual([]);
}

/** A fresh database runs the driver's frozen set, then the portable ones, each recorded once. */
export async function checkFreshDatabase(database: DatabaseConfig): Promise<void> {
  const dataSource = await openDatabase(database);
  try {
    await expectSchemaMatchesEntities(dataSource);
    expect(await recordedNames(dataSource)).toEqual(migrationsFor(database.kind).map(nameOf));
    expect(await indexNames(dataSource, 'idempotency_keys')).toContain('idempotency_keys_created_at_idx');
  } finally {
    await dataSource.destroy();
  }
}

/** A database the last release migrated (old sets only) keeps its rows and runs only what is new. */
export async function checkLegacyDatabaseUpgrades(database: DatabaseConfig): Promise<void> {
  const old = createDataSource(database);
  (old.options as { migrations: unknown[] }).migrations = legacyOf(database.kind);
  await old.initialize();
  try {
    await old.runMigrations({ transaction: 'each' });
    await old.query(`INSERT INTO users (email, email_key, password_hash, name, currency) VALUES ('a@b.co', 'a@b.co', 'x', 'A', 'USD')`);
    await old.query(`INSERT INTO accounts (user_id, name, currency) VALUES (1, 'Cash', 'USD')`);
    await old.query(`INSERT INTO transactions (user_id, account_id, date, amount) VALUES (1, 1, '2025-01-01', -500)`);
    await old.query(`INSERT INTO idempotency_keys (user_id, "key", operation, payload_hash, result_id) VALUES (1, 'k1', 'createAccount', 'h', 1)`);
  } finally {
    await old.destroy();
  }

  const upgraded = await openDatabase(database);
  try {
    const legacyNames = legacyOf(database.kind).map(nameOf);
    expect(await recordedNames(upgraded)).toEqual([...legacyNames, ...portableMigrations.map(nameOf)]);
    expect(await upgraded.query(`SELECT CAST(transaction_count AS integer) AS n, CAST(transaction_total AS integer) AS total FROM accounts`)).toEqual([{ n: 1, total: -500 }]);
    expect(await upgraded.query(`SELECT "key", CAST(result_id AS integer) AS result_id FROM idempotency_keys`)).toEqual([{ key: 'k1', result_id: 1 }]);
    // The monthly sums start from the rows already there.
    expect(await upgraded.query(MONTHLY_SUMS)).toEqual([{ month: '2025-01', account_id: 1, category_key: 0, income: 0, expenses: 500, n: 1 }]);
    await expectSchemaMatchesEntities(upgraded);
  } finally {
    await upgraded.destroy();
  }
}

/**
 * The newest portable migrations (the preview rows' category and splits, then transfers and splits)
 * undo and run again, leaving the rest; their columns come and go in place, so the account-totals
 * triggers keep firing and the rows stay.
 */
export async function checkPortableDown(database: DatabaseConfig): Promise<void> {
  const dataSource = await openDatabase(database);
  const columnsOf = async (table: string) => {
    const runner = dataSource.createQueryRunner();
    try {
      return ((await runner.getTable(table))?.columns ?? []).map((column) => column.name);
    } finally {
      await runner.release();
    }
  };
  try {
    await dataSource.query(`INSERT INTO users (email, email_key, password_hash, name, currency) VALUES ('a@b.co', 'a@b.co', 'x', 'A', 'USD')`);
    await dataSource.query(`INSERT INTO accounts (user_id, name, currency) VALUES (1, 'Cash', 'USD'), (1, 'Savings', 'USD')`);
    await dataSource.query(`INSERT INTO transactions (user_id, account_id, date, amount, external_id) VALUES (1, 1, '2025-01-01', -500, 'fit-1'), (1, 2, '2025-01-01', 500, NULL)`);
    await dataSource.query(`INSERT INTO transfers (user_id, outflow_transaction_id, inflow_transaction_id, origin) VALUES (1, 1, 2, 'created')`);
    await dataSource.query(`UPDATE transactions SET transfer_id = 1`);
    await dataSource.query(`INSERT INTO import_previews (user_id, account_id, format, encoding, filename, expires_at, details) VALUES (1, 1, 'QIF', 'UTF-8', 'a.qif', '2099-01-01', '{}')`);
    await dataSource.query(`INSERT INTO import_preview_rows (preview_id, position, line, status, included, category, splits) VALUES (1, 0, 2, 'NEW', TRUE, 'Food', '[]')`);
    await dataSource.query(`INSERT INTO rules (user_id, name, position, conditions, actions) VALUES (1, 'Tesco', 0, '[]', '[]')`);
    await dataSource.query(`INSERT INTO categories (user_id, name, kind, color) VALUES (1, 'Food', 'EXPENSE', '#123456')`);
    await dataSource.query(`INSERT INTO budgets (user_id, category_id, month, amount) VALUES (1, 1, '2025-01', 40000)`);
    await dataSource.query(`INSERT INTO budget_caches (user_id, valid_before) VALUES (1, '2025-06')`);
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await columnsOf('monthly_sums')).toEqual([]);
    await dataSource.undoLastMigration({ transaction: 'each' });
    for (const table of ['budgets', 'budget_caches', 'budget_closings', 'budget_category_closings']) expect(await columnsOf(table)).toEqual([]);
    expect(await columnsOf('categories')).not.toContain('rollover');
    expect(await dataSource.query(`SELECT name FROM categories`)).toEqual([{ name: 'Food' }]);
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await columnsOf('rules')).toEqual([]);
    expect(await columnsOf('rule_suggestions')).toEqual([]);
    expect(await columnsOf('transactions')).not.toContain('hand_set_fields');
    expect(await columnsOf('import_preview_rows')).not.toContain('rule_outcome');
    expect(await dataSource.query(`SELECT line FROM import_preview_rows`)).toEqual([{ line: 2 }]);
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await columnsOf('import_preview_rows')).toEqual(expect.not.arrayContaining(['category']));
    expect(await columnsOf('import_preview_rows')).toEqual(expect.not.arrayContaining(['splits']));
    expect(await dataSource.query(`SELECT line FROM import_preview_rows`)).toEqual([{ line: 2 }]);
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await recordedNames(dataSource)).toEqual(migrationsFor(database.kind).map(nameOf).slice(0, -5));
    expect(await columnsOf('transfers')).toEqual([]);
    expect(await columnsOf('transaction_splits')).toEqual([]);
    expect(await columnsOf('transactions')).not.toContain('transfer_id');
    expect(await columnsOf('transactions')).toContain('external_id');
    expect(await dataSource.query(`SELECT CAST(amount AS integer) AS amount FROM transactions ORDER BY id`)).toEqual([{ amount: -500 }, { amount: 500 }]);
    expect((await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name)).toEqual(portableMigrations.slice(-5).map(nameOf));
    expect(await indexNames(dataSource, 'idempotency_keys')).toContain('idempotency_keys_created_at_idx');
    expect(await indexNames(dataSource, 'transactions')).toEqual(expect.arrayContaining(['transactions_account_external_idx', 'transactions_user_date_idx']));
    // The budget triggers are back: a row of January marks every closing from January on stale.
    await dataSource.query(`INSERT INTO budget_caches (user_id, valid_before) VALUES (1, '2025-06')`);
    await dataSource.query(`INSERT INTO transactions (user_id, account_id, date, amount) VALUES (1, 1, '2025-01-02', -250)`);
    expect(await dataSource.query(`SELECT valid_before FROM budget_caches`)).toEqual([{ valid_before: '2025-01' }]);
    expect(await dataSource.query(`SELECT CAST(transaction_count AS integer) AS n, CAST(transaction_total AS integer) AS total FROM accounts ORDER BY id`)).toEqual([
      { n: 2, total: -750 },
      { n: 1, total: 500 },
    ]);
    // The monthly sums are back, from the rows (no longer legs: the transfer went with its migration) and kept by their triggers.
    expect(await dataSource.query(MONTHLY_SUMS)).toEqual([
      { month: '2025-01', account_id: 1, category_key: 0, income: 0, expenses: 750, n: 2 },
      { month: '2025-01', account_id: 2, category_key: 0, income: 500, expenses: 0, n: 1 },
    ]);
    await expectSchemaMatchesEntities(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const MONTHLY_SUMS = `SELECT month, CAST(account_id AS integer) AS account_id, CAST(category_key AS integer) AS category_key, CAST(income AS integer) AS income,
  CAST(expenses AS integer) AS expenses, CAST(count AS integer) AS n FROM monthly_sums ORDER BY month, account_id, category_key`;

/** addColumnsInPlace keeps a table's triggers (SQLite's rebuild would drop them) and its rows. */
export async function checkColumnsInPlace(database: DatabaseConfig): Promise<void> {
  const dataSource = await openDatabase(database);
  const runner = dataSource.createQueryRunner();
  try {
    await dataSource.query(`INSERT INTO users (email, email_key, password_hash, name, currency) VALUES ('a@b.co', 'a@b.co', 'x', 'A', 'USD')`);
    await dataSource.query(`INSERT INTO accounts (user_id, name, currency) VALUES (1, 'Cash', 'USD')`);
    await dataSource.query(`INSERT INTO transactions (user_id, account_id, date, amount) VALUES (1, 1, '2025-01-01', -500)`);
    await runner.startTransaction();
    await addColumnsInPlace(runner, 'transactions', [
      { name: 'note_kind', type: 'varchar', length: '20', isNullable: true },
      { name: 'flagged', type: 'integer', default: 0 },
      timestampColumn(runner, { name: 'reviewed_at', isNullable: true }),
    ]);
    await runner.commitTransaction();
    const columns = (await runner.getTable('transactions'))!.columns.map((column) => column.name);
    expect(columns).toEqual(expect.arrayContaining(['note_kind', 'flagged', 'reviewed_at']));
    expect(await dataSource.query(`SELECT CAST(flagged AS integer) AS flagged FROM transactions`)).toEqual([{ flagged: 0 }]);
    // The account-totals triggers still fire.
    await dataSource.query(`INSERT INTO transactions (user_id, account_id, date, amount, note_kind, reviewed_at) VALUES (1, 1, '2025-01-02', -250, 'x', '2025-01-03 10:00:00')`);
    expect(await dataSource.query(`SELECT CAST(transaction_count AS integer) AS n, CAST(transaction_total AS integer) AS total FROM accounts`)).toEqual([{ n: 2, total: -750 }]);
    await dropColumnsInPlace(runner, 'transactions', ['note_kind', 'flagged', 'reviewed_at']);
    await expectSchemaMatchesEntities(dataSource);
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
