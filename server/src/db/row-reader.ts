import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { digitsAt, isCalendarDay } from '../lib/dates';

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
    const sqlite = dataSource.options.type === 'better-sqlite3';
    const columns = metadata.columns.filter((column) => column.isSelect && !column.isVirtual);
    this.prototype = (metadata.target as { prototype: object }).prototype;
    this.idKey = `${alias}_id`;
    this.fields = columns.map((column) => ({
      property: column.propertyName,
      key: `${alias}_${column.databaseName}`,
      convert: converterFor(dataSource, column, sqlite),
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

type Converter = (value: unknown) => unknown;

function converterFor(dataSource: DataSource, column: ColumnMetadata, sqlite: boolean): Converter | null {
  if (isPlain(column)) return null;
  const viaDriver: Converter = (value) => dataSource.driver.prepareHydratedValue(value, column);
  if (sqlite && !column.transformer && (column.type === 'datetime' || column.type === Date)) {
    return (value) => (typeof value === 'string' && sqliteDatetime(value)) || viaDriver(value);
  }
  return viaDriver;
}

const SQLITE_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/;

/**
 * SQLite's own datetime text, "YYYY-MM-DD HH:MM:SS[.SSS]" in UTC (what CURRENT_TIMESTAMP and
 * TypeORM write), as the Date the driver makes of it, without its rewriting of the text to ISO
 * and parsing it again: two of them on every row of a page. Null for any other text (and for a
 * date or time out of range), which the driver then reads.
 */
export function sqliteDatetime(text: string): Date | null {
  if (!SQLITE_DATETIME.test(text)) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds = digitsAt(text, 17, 2);
  if (!isCalendarDay(year, month, day) || hours > 23 || minutes > 59 || seconds > 59) return null;
  const milliseconds = text.length === 23 ? digitsAt(text, 20, 3) : 0;
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, milliseconds));
}

/** Integers, text and varchar come from both drivers as they should be in JS. */
function isPlain(column: ColumnMetadata): boolean {
  return !column.transformer && ['integer', 'int', 'varchar', 'text', Number, String].includes(column.type as string);
}
