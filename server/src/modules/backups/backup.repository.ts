import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, ownerCondition, ownerRowCondition, type OwnerScope } from '../../db/owner-scope';
import { openReadSnapshot } from '../../db/read-snapshot';
import { Repository } from '../../db/repository';
import type { SqlValue } from '../../db/sql-parameters';
import { minorFromDatabase } from '../../lib/money';
import { BACKUP_KINDS, ROW_FIELDS, type BackupKind, type FieldType } from './backup-format';

/** How a column is read and written: money as text (exact), times as ISO 8601 in UTC on both databases. */
type ColumnType = 'int' | 'text' | 'money' | 'bool' | 'time';

interface Column {
  property: string;
  column: string;
  type: ColumnType;
}

const TABLES: Record<BackupKind, string> = {
  accounts: 'accounts',
  categories: 'categories',
  transactions: 'transactions',
  splits: 'transaction_splits',
  transfers: 'transfers',
  receipts: 'receipts',
  rules: 'rules',
  budgets: 'budgets',
  importProfiles: 'import_csv_mappings',
};

/** Written by the restore, never read from the archive: the text search reads (see searchTextOf). */
const EXTRA_COLUMNS: Partial<Record<BackupKind, Column[]>> = {
  receipts: [{ property: 'storageKey', column: 'storage_key', type: 'text' }],
  transactions: [{ property: 'searchText', column: 'search_text', type: 'text' }],
};

/** Fields of the archive that are no column (a receipt's checksum is computed from its bytes). */
const NOT_COLUMNS = new Set(['receipts.sha256']);

function columnType(type: FieldType): ColumnType {
  if (type === 'id' || type === 'ref' || type === 'nullableRef' || type === 'count') return 'int';
  if (type === 'minor') return 'money';
  if (type === 'bool') return 'bool';
  if (type === 'time' || type === 'nullableTime') return 'time';
  return 'text';
}

function columnsOf(kind: BackupKind): Column[] {
  const fields = Object.entries(ROW_FIELDS[kind] as Record<string, FieldType>).filter(([property]) => !NOT_COLUMNS.has(`${kind}.${property}`));
  return fields.map(([property, type]) => ({ property, column: property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), type: columnType(type) }));
}

const COLUMNS = Object.fromEntries(BACKUP_KINDS.map((kind) => [kind, columnsOf(kind)])) as Record<BackupKind, Column[]>;

/** A row as both databases answer it, its values made alike (money bigint, booleans, ISO times). */
export type StoredRow = Record<string, unknown> & { id: number };

/** Rows per INSERT: at most 16 values each, 8 000 in all, under both databases' limits on bound values (32 766 and 65 535). */
const ROWS_PER_INSERT = 500;
/** Legs per UPDATE of transfer ids: three values each. */
const LEGS_PER_UPDATE = 1000;

/**
 * Everything the owner has, read a page at a time for a backup and written back by a restore:
 * the rows as they are stored, columns named as the archive names them.
 */
export class BackupRepository extends Repository {
  /** A page of the owner's rows of one kind after `afterId`, in id order (the keyset of a backup's read). */
  @GenerateSql(...BACKUP_KINDS.map((kind) => ({ name: kind, params: (f: { scope: OwnerScope }) => [f.scope, kind, 0, 500] })))
  async page(scope: OwnerScope, kind: BackupKind, afterId: number, limit: number): Promise<StoredRow[]> {
    const columns = [...COLUMNS[kind], ...(kind === 'receipts' ? EXTRA_COLUMNS.receipts! : [])];
    const parameters = this.parameters();
    const select = columns.map((column) => `${this.selectOf(column)} AS "${column.property}"`).join(', ');
    const rows = await this.query(
      `SELECT ${select} FROM "${TABLES[kind]}" "r" WHERE ${ownerCondition(scope, 'r', parameters)} AND "r"."id" > ${parameters.add(afterId)} ORDER BY "r"."id" LIMIT ${parameters.add(limit)}`,
      parameters,
    );
    return rows.map((row) => {
      const stored: Record<string, unknown> = {};
      for (const column of columns) stored[column.property] = fromDatabase(row[column.property], column.type);
      return stored as StoredRow;
    });
  }

  /** This repository over one moment of the database (db/read-snapshot.ts): every page of a backup sees the same rows. */
  async atOneMoment(): Promise<{ rows: BackupRepository; close(): Promise<void> }> {
    const snapshot = await openReadSnapshot(this.dataSource);
    return { rows: this.within(snapshot.manager), close: () => snapshot.close() };
  }

  /** The owner's currency, which budgets are in. */
  @GenerateSql({ params: (f) => [f.scope] })
  async ownerCurrency(scope: OwnerScope): Promise<string> {
    const parameters = this.parameters();
    const [row] = await this.query<{ currency: string }>(`SELECT "u"."currency" AS "currency" FROM "users" "u" WHERE ${ownerRowCondition(scope, 'u', parameters)}`, parameters);
    return row.currency;
  }

  /** Inserts rows of one kind for the owner (ids are the database's); answers the new ids in order. */
  @GenerateSql({ name: 'budgets', params: (f) => [f.scope, 'budgets', [{ categoryId: f.categoryId, month: '2026-03', amount: 5000n }]] })
  async insertMany(scope: OwnerScope, kind: BackupKind, rows: readonly Record<string, unknown>[]): Promise<number[]> {
    const columns = [...COLUMNS[kind].filter((column) => column.property !== 'id'), ...(EXTRA_COLUMNS[kind] ?? [])];
    const names = ['"user_id"', ...columns.map((column) => `"${column.column}"`)].join(', ');
    const ids: number[] = [];
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const parameters = this.parameters();
      const values = rows.slice(start, start + ROWS_PER_INSERT).map((row) => {
        const bound = [ownedBy(scope).userId, ...columns.map((column) => toDatabase(row[column.property], column.type, this.postgres))];
        return `(${bound.map((value) => parameters.add(value)).join(', ')})`;
      });
      const inserted = await this.query<{ id: unknown }>(`INSERT INTO "${TABLES[kind]}" (${names}) VALUES ${values.join(', ')} RETURNING "id"`, parameters);
      for (const row of inserted) ids.push(Number(row.id));
    }
    return ids;
  }

  /** Makes the owner's transactions (or split parts) legs of transfers, from [row id, transfer id] pairs: set after both exist. */
  @GenerateSql({ name: 'transactions', params: (f) => [f.scope, 'transactions', [[f.transactionId, null]]] })
  async setTransfers(scope: OwnerScope, kind: 'transactions' | 'splits', legs: readonly (readonly [number, number | null])[]): Promise<void> {
    for (let start = 0; start < legs.length; start += LEGS_PER_UPDATE) {
      const parameters = this.parameters();
      const slice = legs.slice(start, start + LEGS_PER_UPDATE);
      // Placeholders are added in the order the text names them (SQLite's are positional).
      const cases = slice.map(([id, transferId]) => `WHEN ${parameters.add(id)} THEN CAST(${parameters.add(transferId)} AS INTEGER)`).join(' ');
      const owner = ownerCondition(scope, TABLES[kind], parameters);
      const ids = slice.map(([id]) => parameters.add(id)).join(', ');
      await this.query(`UPDATE "${TABLES[kind]}" SET "transfer_id" = CASE "id" ${cases} END WHERE ${owner} AND "id" IN (${ids})`, parameters);
    }
  }

  private selectOf(column: Column): string {
    const name = `"r"."${column.column}"`;
    if (column.type === 'money') return `CAST(${name} AS TEXT)`;
    if (column.type !== 'time') return name;
    return this.postgres ? `to_char(${name}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `strftime('%Y-%m-%dT%H:%M:%fZ', ${name})`;
  }
}

function fromDatabase(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'int') return Number(value);
  if (type === 'money') return minorFromDatabase(value);
  if (type === 'bool') return value === true || Number(value) === 1;
  // Text, and times already formatted as text by the SELECT.
  return value;
}

function toDatabase(value: unknown, type: ColumnType, postgres: boolean): SqlValue {
  if (value === null || value === undefined) return null;
  if (type === 'money') return (value as bigint).toString();
  // Neither driver binds a boolean as it is (SqlValue): Postgres reads the text, SQLite keeps 0 and 1.
  if (type === 'bool') return postgres ? String(Boolean(value)) : value ? 1 : 0;
  // Stored as TypeORM writes times on both databases: "YYYY-MM-DD HH:MM:SS.SSS", UTC.
  if (type === 'time') return (value as string).replace('T', ' ').replace('Z', '');
  return value as SqlValue;
}
