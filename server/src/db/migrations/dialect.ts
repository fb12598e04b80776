import { TableColumn, TableForeignKey, type QueryRunner, type TableColumnOptions } from 'typeorm';

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

/**
 * Adds a nullable column that references another table, in place. On SQLite the reference is a
 * column constraint (ADD COLUMN cannot add a table constraint), under the name TypeORM gives the
 * entity's foreign key; TypeORM reads foreign-key names on SQLite only from the text
 * `CONSTRAINT "name" FOREIGN KEY (...) REFERENCES "table"`, so that text goes in a comment beside it,
 * or the schema would never equal the entities. `dropColumnsInPlace` drops such a column.
 */
export async function addReferenceColumnInPlace(
  queryRunner: QueryRunner,
  tableName: string,
  column: TableColumnOptions,
  reference: { table: string; column: string; onDelete: 'CASCADE' | 'SET NULL' },
): Promise<void> {
  const foreignKey = new TableForeignKey({ columnNames: [column.name], referencedTableName: reference.table, referencedColumnNames: [reference.column], onDelete: reference.onDelete });
  await onDialect(queryRunner, {
    postgres: async (q) => {
      await q.addColumn(tableName, new TableColumn(column));
      await q.createForeignKey(tableName, foreignKey);
    },
    sqlite: async (q) => {
      const name = q.connection.namingStrategy.foreignKeyName(tableName, [column.name], reference.table, [reference.column]);
      const sqlite = q as unknown as { buildCreateColumnSql(column: TableColumn, skipPrimary: boolean): string };
      await q.query(
        `ALTER TABLE "${tableName}" ADD COLUMN ${sqlite.buildCreateColumnSql(new TableColumn(column), true)}` +
          ` /* CONSTRAINT "${name}" FOREIGN KEY ("${column.name}") REFERENCES "${reference.table}" */` +
          ` CONSTRAINT "${name}" REFERENCES "${reference.table}" ("${reference.column}") ON DELETE ${reference.onDelete} ON UPDATE NO ACTION`,
      );
      await q.getTable(tableName);
    },
  });
}
