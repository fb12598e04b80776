import type { SqlParameters, SqlValue } from '../../db/sql-parameters';

// SQL pieces the import repositories share (import.repository.ts, import-preview.repository.ts, import-batch.repository.ts).

/**
 * `column IN (the values)` as one bound value on each database: an array on Postgres, a JSON list
 * on SQLite (json_each), so 100 000 external ids stay one statement under SQLite's bound-value limit.
 */
export function inList(postgres: boolean, column: string, values: readonly (string | number)[], type: 'int' | 'varchar', parameters: SqlParameters): string {
  if (postgres) return `${column} = ANY(${parameters.add(`{${values.map((value) => (type === 'int' ? String(value) : `"${String(value).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`)}::${type}[])`;
  return `${column} IN (SELECT "value" FROM json_each(${parameters.add(JSON.stringify(values))}))`;
}

/** A transaction counts as claimed by an import when any import wrote on it. */
export const CLAIMED_SQL = `("t"."import_batch_id" IS NOT NULL OR "t"."external_id" IS NOT NULL OR "t"."import_fingerprint" IS NOT NULL OR "t"."imported_description" <> '')`;

/** `(?, ?, ...), (...)` of the rows' values for a multi-row VALUES list. */
export function valuesList(rows: readonly (readonly SqlValue[])[], parameters: SqlParameters): string {
  return rows.map((values) => `(${values.map((value) => parameters.add(value)).join(', ')})`).join(', ');
}
