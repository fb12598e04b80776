import { TableColumn, type QueryRunner, type TableColumnOptions } from 'typeorm';

type Dialect = 'postgres' | 'sqlite';

function dialectOf(queryRunner: QueryRunner): Dialect {
  const type = queryRunner.connection.driver.options.type;
  if (type === 'postgres') return 'postgres';
  if (type === 'better-sqlite3' || type === 'sqlite') return 'sqlite';
  throw new Error(`No migrations are written for the ${type} driver.`);
}

/**
 * Runs the branch for the database being migrated, for what the QueryRunner API cannot say once:
 * triggers, extensions (pg_trgm), index methods (gin), functions. Both branches are required, so a
 * change is never written for one database only.
 *
 *   await onDialect(queryRunner, {
 *     postgres: (q) => q.query(`CREATE INDEX ... USING gin (...)`),
 *     sqlite: async () => undefined, // SQLite has no trigram index: search scans
 *   });
 * @public Written for the migrations to come (see README.md); the first portable one needs no branch.
 */
export function onDialect<T>(queryRunner: QueryRunner, branches: Record<Dialect, (queryRunner: QueryRunner) => Promise<T>>): Promise<T> {
  return branches[dialectOf(queryRunner)](queryRunner);
}

/**
 * A timestamp column as the entities' @CreateDateColumn maps it (timestamp / datetime), by
 * default set to the time of the insert.
 */
export function timestampColumn(queryRunner: QueryRunner, options: Omit<TableColumnOptions, 'type'> & { defaultNow?: boolean }): TableColumnOptions {
  const { defaultNow = false, ...column } = options;
  const types = queryRunner.connection.driver.mappedDataTypes;
  return { ...column, type: String(types.createDate), ...(defaultNow ? { default: types.createDateDefault } : {}) };
}

/**
 * Adds columns without rebuilding the table. TypeORM's SQLite `addColumn` copies the table into a
 * new one and drops the old: that drops its triggers (the account totals live on `transactions`)
 * and rewrites every row. SQLite's own ADD COLUMN changes the schema only; it takes columns that
 * are nullable or have a constant default, not primary keys or unique ones (use an index).
 */
export async function addColumnsInPlace(queryRunner: QueryRunner, tableName: string, columns: TableColumnOptions[]): Promise<void> {
  const tableColumns = columns.map((column) => new TableColumn(column));
  await onDialect(queryRunner, {
    postgres: (q) => q.addColumns(tableName, tableColumns),
    sqlite: async (q) => {
      // The same column SQL TypeORM writes in CREATE TABLE, so types and defaults match the entities.
      const sqlite = q as unknown as { buildCreateColumnSql(column: TableColumn, skipPrimary: boolean): string };
      for (const column of tableColumns) await q.query(`ALTER TABLE "${tableName}" ADD COLUMN ${sqlite.buildCreateColumnSql(column, true)}`);
      await q.getTable(tableName); // refreshes the runner's cached copy of the table
    },
  });
}

/** Drops columns in place (SQLite 3.35+ has DROP COLUMN), the way back of addColumnsInPlace. */
export async function dropColumnsInPlace(queryRunner: QueryRunner, tableName: string, columnNames: string[]): Promise<void> {
  await onDialect(queryRunner, {
    postgres: (q) => q.dropColumns(tableName, columnNames),
    sqlite: async (q) => {
      for (const name of columnNames) await q.query(`ALTER TABLE "${tableName}" DROP COLUMN "${name}"`);
      await q.getTable(tableName);
    },
  });
}
