import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { ownerCondition, type OwnerScope } from './owner-scope';
import type { RowReader } from './row-reader';
import { SqlParameters } from './sql-parameters';

/**
 * The base of every repository: it owns its aggregate's SQL for both databases. Outside a write
 * it reads through the data source; `within(manager)` gives the same repository inside a
 * database transaction (a cheap copy sharing the prepared row readers).
 */
export abstract class Repository {
  protected readonly manager: EntityManager;
  protected readonly postgres: boolean;

  constructor(protected readonly dataSource: DataSource) {
    this.manager = dataSource.manager;
    this.postgres = dataSource.options.type === 'postgres';
  }

  /** This repository, sending every statement through the transaction's connection. */
  within(manager: EntityManager): this {
    const bound = Object.create(this) as this;
    (bound as unknown as { manager: EntityManager }).manager = manager;
    return bound;
  }

  /** Placeholders in this database's syntax, for one statement. */
  protected parameters(): SqlParameters {
    return new SqlParameters(this.postgres);
  }

  protected query<T = Record<string, unknown>>(sql: string, parameters: SqlParameters | readonly unknown[] = []): Promise<T[]> {
    return this.manager.query(sql, parameters instanceof SqlParameters ? parameters.values : [...parameters]);
  }

  /**
   * The owner's rows of `table` meeting `conditions` (on the reader's alias; their parameters are
   * added first, so they come first in the SQL too), in `order`, read by `reader` in plain SQL.
   */
  protected async readOwned<T extends ObjectLiteral>(reader: RowReader<T>, table: string, scope: OwnerScope, conditions: string[], order: string, parameters = this.parameters()): Promise<T[]> {
    const owned = [...conditions, ownerCondition(scope, reader.alias, parameters)].join(' AND ');
    const rows = await this.query(`SELECT ${reader.selectList} FROM "${table}" "${reader.alias}" WHERE ${owned}${order ? ` ${order}` : ''}`, parameters);
    return rows.map((row) => reader.read(row)!);
  }

  /** The rows an UPDATE or DELETE ... RETURNING answers (TypeORM's Postgres runner wraps them with the count). */
  protected async changedRows(sql: string, parameters: SqlParameters): Promise<Record<string, unknown>[]> {
    const result: unknown[] = await this.query(sql, parameters);
    return this.postgres && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as Record<string, unknown>[]) : (result as Record<string, unknown>[]);
  }
}
