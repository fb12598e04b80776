import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Hot reads (a page of transactions, its receipts) in plain SQL, without TypeORM's query builder and
 * generic hydration, which cost more than SQLite itself on a page of 50 rows. The select list and
 * the row mapping are derived once from the entity's TypeORM metadata, so a column added to an
 * entity is read here too, and every value goes through the same driver conversion and transformer
 * as a TypeORM read (only plain numbers and strings skip it).
 */
export class RowReader<T extends ObjectLiteral> {
  /** `"t"."id" AS "t_id", ...`: every selectable column of the entity under the alias. */
  readonly selectList: string;
  private readonly prototype: object;
  private readonly idKey: string;
  private readonly fields: { property: string; key: string; convert: ((value: unknown) => unknown) | null }[];

  constructor(dataSource: DataSource, entity: EntityTarget<T>, readonly alias: string) {
    const metadata = dataSource.getMetadata(entity);
    const driver = dataSource.driver;
    const columns = metadata.columns.filter((column) => column.isSelect && !column.isVirtual);
    this.prototype = (metadata.target as { prototype: object }).prototype;
    this.idKey = `${alias}_id`;
    this.fields = columns.map((column) => ({
      property: column.propertyName,
      key: `${alias}_${column.databaseName}`,
      convert: isPlain(column) ? null : (value: unknown) => driver.prepareHydratedValue(value, column),
    }));
    this.selectList = columns.map((column) => `"${alias}"."${column.databaseName}" AS "${alias}_${column.databaseName}"`).join(', ');
  }

  /** The entity from a row selected with `selectList`, or null when its id is null (an outer join that matched nothing). */
  read(row: Record<string, unknown>): T | null {
    if (row[this.idKey] == null) return null;
    const entity = Object.create(this.prototype) as Record<string, unknown>;
    for (const { property, key, convert } of this.fields) {
      const value = row[key];
      entity[property] = convert ? convert(value) : value;
    }
    return entity as T;
  }
}

/** Integers, text and varchar come from both drivers as they should be in JS. */
function isPlain(column: ColumnMetadata): boolean {
  return !column.transformer && ['integer', 'int', 'varchar', 'text', Number, String].includes(column.type as string);
}

/** A value both drivers bind as it is (better-sqlite3 refuses booleans and dates, so they are not allowed here). */
export type SqlValue = string | number | bigint | null;

/** Positional parameters in the driver's syntax: `?` for SQLite, `$1, $2, ...` for Postgres. */
export class SqlParameters {
  readonly values: SqlValue[] = [];

  constructor(private readonly numbered: boolean) {}

  static for(dataSource: DataSource): SqlParameters {
    return new SqlParameters(dataSource.options.type === 'postgres');
  }

  /** Adds a value; returns its placeholder. */
  add(value: SqlValue): string {
    this.values.push(value);
    return this.numbered ? `$${this.values.length}` : '?';
  }
}
