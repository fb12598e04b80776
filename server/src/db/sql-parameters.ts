import type { DataSource, EntityManager } from 'typeorm';

/** A value both drivers bind as it is (better-sqlite3 refuses booleans and dates, so they are not allowed here). */
export type SqlValue = string | number | bigint | null;

/** Positional parameters in the driver's syntax: `?` for SQLite, `$1, $2, ...` for Postgres. */
export class SqlParameters {
  readonly values: SqlValue[] = [];

  constructor(private readonly numbered: boolean) {}

  static for(db: DataSource | EntityManager): SqlParameters {
    const options = 'options' in db ? db.options : db.connection.options;
    return new SqlParameters(options.type === 'postgres');
  }

  /** Adds a value; returns its placeholder. */
  add(value: SqlValue): string {
    this.values.push(value);
    return this.numbered ? `$${this.values.length}` : '?';
  }
}

/** `column` among `values`, their placeholders added to `parameters`; none matches an empty list (SQL has no `IN ()`). */
export function columnIn(column: string, values: readonly SqlValue[], parameters: SqlParameters): string {
  return values.length ? `${column} IN (${values.map((value) => parameters.add(value)).join(', ')})` : '1 = 0';
}
