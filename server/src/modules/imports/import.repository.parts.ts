import type { SqlParameters, SqlValue } from '../../db/sql-parameters';
import { minorFromDatabase } from '../../lib/money';
import type { DuplicateCandidate } from './duplicates';
import type { ImportBatch } from './import-batch.entity';
import type { ImportBatchRecord, ImportPreviewDetails, ImportRowStatus, PreviewRowRecord } from './import.model';
import type { ImportFormat } from './parsers/parsed-file';

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

/**
 * The select list of a duplicate candidate (transactions aliased `t`). The texts come only where a
 * rule reads them (the description of a typed transaction, the bank text of an imported one without
 * a fingerprint): a re-import of 200 000 rows holds as many candidates, and they must fit the heap.
 */
export const CANDIDATE_COLUMNS = `"t"."id" AS "id", "t"."date" AS "date", "t"."amount" AS "amount",
  CASE WHEN ${CLAIMED_SQL} THEN '' ELSE "t"."description" END AS "description",
  CASE WHEN "t"."import_fingerprint" IS NULL THEN "t"."imported_description" ELSE '' END AS "imported_description",
  "t"."external_id" AS "external_id", "t"."import_fingerprint" AS "import_fingerprint", CASE WHEN ${CLAIMED_SQL} THEN 1 ELSE 0 END AS "claimed"`;

/** A candidate as both drivers answer it (ids and counts may come as numbers or strings). */
export interface CandidateRow {
  id: unknown;
  date: string;
  amount: unknown;
  description: string;
  imported_description: string;
  external_id: string | null;
  import_fingerprint: string | null;
  claimed: unknown;
}

export function candidateOf(row: CandidateRow): DuplicateCandidate {
  return {
    id: Number(row.id),
    date: row.date,
    amount: minorFromDatabase(row.amount),
    description: row.description,
    importedDescription: row.imported_description,
    externalId: row.external_id,
    importFingerprint: row.import_fingerprint,
    claimed: Number(row.claimed) === 1,
  };
}

export function batchRecordOf(batch: ImportBatch): ImportBatchRecord {
  return {
    id: batch.id,
    accountId: batch.accountId,
    format: batch.format as ImportFormat,
    filename: batch.filename,
    createdAt: batch.createdAt,
    createdCount: batch.createdCount,
    matchedCount: batch.matchedCount,
    skippedCount: batch.skippedCount,
    undoneAt: batch.undoneAt,
  };
}

/** `(?, ?, ...), (...)` of the rows' values for a multi-row VALUES list. */
export function valuesList(rows: readonly (readonly SqlValue[])[], parameters: SqlParameters): string {
  return rows.map((values) => `(${values.map((value) => parameters.add(value)).join(', ')})`).join(', ');
}

/** The select list of a preview row (aliased `r`): it has no id of its own, so no RowReader. */
export const PREVIEW_ROW_COLUMNS = `"r"."position", "r"."line", "r"."date", "r"."amount", "r"."description", "r"."notes", "r"."external_id", "r"."fingerprint",
  "r"."status", "r"."matched_transaction_id", "r"."error", "r"."included"`;

export interface PreviewRowRow {
  position: unknown;
  line: unknown;
  date: string | null;
  amount: unknown;
  description: string;
  notes: string;
  external_id: string | null;
  fingerprint: string | null;
  status: string;
  matched_transaction_id: unknown;
  error: string | null;
  included: unknown;
}

export function previewRowOf(row: PreviewRowRow): PreviewRowRecord {
  return {
    position: Number(row.position),
    line: Number(row.line),
    date: row.date,
    amount: row.amount == null ? null : minorFromDatabase(row.amount),
    description: row.description,
    notes: row.notes,
    externalId: row.external_id,
    fingerprint: row.fingerprint,
    status: row.status as ImportRowStatus,
    matchedTransactionId: row.matched_transaction_id == null ? null : Number(row.matched_transaction_id),
    error: row.error,
    // better-sqlite3 answers 1 or 0, pg true or false.
    included: row.included === true || row.included === 1,
  };
}

/** A preview's stored details; a preview stored before they were kept reads as one without any. */
export function previewDetailsOf(json: string): ImportPreviewDetails {
  const details = JSON.parse(json || '{}') as Partial<ImportPreviewDetails>;
  return { statements: details.statements ?? [], csv: details.csv ?? null, accountHint: details.accountHint ?? null, knownBatchIds: details.knownBatchIds ?? [] };
}
