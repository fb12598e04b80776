import type { DataSource } from 'typeorm';
import { GenerateSql, type SqlFixture } from '../../db/generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { RowReader } from '../../db/row-reader';
import type { SqlValue } from '../../db/sql-parameters';
import { minorFromDatabase } from '../../lib/money';
import { ImportPreview } from './import-preview.entity';
import { valuesList } from './import.repository.parts';
import {
  IMPORT_ROW_STATUSES,
  type ImportPreviewDetails,
  type ImportPreviewRecord,
  type ImportRowStatus,
  type NewImportPreview,
  type NewPreviewRow,
  type PreviewRowRecord,
  type PreviewSplit,
  type PreviewStatusCounts,
} from './import.model';
import type { ImportFormat } from './parsers/parsed-file';
import type { RuleOutcome, RulePart } from '../rules/rule.model';

/** Preview rows per INSERT: 16 values each, under SQLite's 32 766 bound values; Postgres sends arrays in slices of this many. */
const SQLITE_ROWS_PER_INSERT = 2000;
const POSTGRES_ROWS_PER_INSERT = 10_000;

const exampleRow = (f: SqlFixture): NewPreviewRow => ({
  line: 2,
  date: f.date,
  amount: -1234n,
  description: 'CORNER SHOP 1234',
  notes: '',
  externalId: 'FIT-1',
  fingerprint: 'f'.repeat(64),
  status: 'MATCHED',
  matchedTransactionId: f.transactionId,
  error: null,
  included: true,
  category: 'Food:Groceries',
  splits: [
    { amount: -1000n, category: 'Food:Groceries', transferAccount: null, notes: 'Fruit' },
    { amount: -234n, category: null, transferAccount: 'Savings', notes: '' },
  ],
  ruleOutcome: { categoryId: f.categoryId, categoryRuleId: 1, description: 'Corner shop', ruleIds: [1] },
});
const invalidRow: NewPreviewRow = { ...exampleRow({ date: '2026-03-14', transactionId: 1 } as SqlFixture), line: 3, date: null, amount: null, status: 'INVALID', matchedTransactionId: null, error: 'No date', included: false, category: null, splits: null, ruleOutcome: null };
const examplePreview = (f: SqlFixture): NewImportPreview => ({
  accountId: f.accountId,
  format: 'CSV',
  encoding: 'UTF-8',
  filename: 'bank.csv',
  statementIndex: 0,
  ttlSeconds: 86_400,
  details: { statements: [{ index: 0, accountHint: null, currency: null, rowCount: 2 }], csv: null, accountHint: null, knownBatchIds: [] },
});

/** The select list of a preview row (aliased `r`): it has no id of its own, so no RowReader. */
const PREVIEW_ROW_COLUMNS = `"r"."position", "r"."line", "r"."date", "r"."amount", "r"."description", "r"."notes", "r"."external_id", "r"."fingerprint",
  "r"."status", "r"."matched_transaction_id", "r"."error", "r"."included", "r"."category", "r"."splits", "r"."rule_outcome"`;

interface PreviewRowRow {
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
  category: string | null;
  splits: string | null;
  rule_outcome: string | null;
}

function previewRowOf(row: PreviewRowRow): PreviewRowRecord {
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
    category: row.category,
    splits: row.splits === null ? null : splitsOf(row.splits),
    ruleOutcome: row.rule_outcome === null ? null : ruleOutcomeOf(row.rule_outcome),
  };
}

/** Split lines as stored: amounts as decimal strings of minor units (JSON has no bigint). */
type StoredSplit = Omit<PreviewSplit, 'amount'> & { amount: string };

function splitsJson(splits: readonly PreviewSplit[] | null): string | null {
  return splits === null ? null : JSON.stringify(splits.map((split): StoredSplit => ({ ...split, amount: split.amount.toString() })));
}

function splitsOf(json: string): PreviewSplit[] {
  return (JSON.parse(json) as StoredSplit[]).map((split) => ({ ...split, amount: BigInt(split.amount) }));
}

/** A rule outcome as stored: its parts' amounts as decimal strings of minor units. */
function ruleOutcomeJson(outcome: RuleOutcome | null): string | null {
  if (outcome === null) return null;
  return JSON.stringify({ ...outcome, splits: outcome.splits?.map((part) => ({ ...part, amount: part.amount.toString() })) });
}

function ruleOutcomeOf(json: string): RuleOutcome {
  const stored = JSON.parse(json) as Omit<RuleOutcome, 'splits'> & { splits?: (Omit<RulePart, 'amount'> & { amount: string })[] };
  return { ...stored, splits: stored.splits?.map((part) => ({ ...part, amount: BigInt(part.amount) })) };
}

/** A preview's stored details; a preview stored before they were kept reads as one without any. */
function previewDetailsOf(json: string): ImportPreviewDetails {
  const details = JSON.parse(json || '{}') as Partial<ImportPreviewDetails>;
  return { statements: details.statements ?? [], csv: details.csv ?? null, accountHint: details.accountHint ?? null, knownBatchIds: details.knownBatchIds ?? [] };
}

/**
 * The owner's import previews: a parsed file's rows with their statuses, stored until a commit
 * takes them or they expire (any replica may commit). A preview with its rows is written inside a
 * write transaction (`within`).
 */
export class ImportPreviewRepository extends Repository {
  private readonly previewReader: RowReader<ImportPreview>;

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.previewReader = new RowReader(dataSource, ImportPreview, 'p');
  }

  /** Stores the preview and its rows (positions 0, 1, ... in the order given); answers its id. */
  @GenerateSql({ params: (f) => [f.scope, examplePreview(f), [exampleRow(f), invalidRow]] })
  async insertPreview(scope: OwnerScope, preview: NewImportPreview, rows: readonly NewPreviewRow[]): Promise<number> {
    const parameters = this.parameters();
    // Placeholders are added in the order they appear (SQLite's are positional).
    const values = [ownedBy(scope).userId, preview.accountId, preview.format, preview.encoding, preview.filename, preview.statementIndex, JSON.stringify(preview.details)].map((value) =>
      parameters.add(value),
    );
    const expires = this.postgres
      ? `LOCALTIMESTAMP + make_interval(secs => ${parameters.add(preview.ttlSeconds)})`
      : `datetime('now', ${parameters.add(`${Math.trunc(preview.ttlSeconds)} seconds`)})`;
    const [inserted] = await this.query<{ id: unknown }>(
      `INSERT INTO "import_previews" ("user_id", "account_id", "format", "encoding", "filename", "statement_index", "details", "expires_at")
        VALUES (${values.join(', ')}, ${expires}) RETURNING "id"`,
      parameters,
    );
    const previewId = Number(inserted.id);
    await this.insertPreviewRows(previewId, rows);
    return previewId;
  }

  private async insertPreviewRows(previewId: number, rows: readonly NewPreviewRow[]): Promise<void> {
    const columns = `"preview_id", "position", "line", "date", "amount", "description", "notes", "external_id", "fingerprint", "status", "matched_transaction_id", "error", "included", "category", "splits", "rule_outcome"`;
    if (this.postgres) {
      for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_INSERT) {
        const slice = rows.slice(start, start + POSTGRES_ROWS_PER_INSERT);
        await this.query(
          `INSERT INTO "import_preview_rows" (${columns})
            SELECT $1, * FROM unnest($2::int[], $3::int[], $4::varchar[], $5::bigint[], $6::text[], $7::text[], $8::varchar[], $9::varchar[], $10::varchar[], $11::int[], $12::text[], $13::boolean[], $14::text[], $15::text[], $16::text[])`,
          [
            previewId,
            slice.map((_, index) => start + index),
            slice.map((row) => row.line),
            slice.map((row) => row.date),
            slice.map((row) => (row.amount === null ? null : row.amount.toString())),
            slice.map((row) => row.description),
            slice.map((row) => row.notes),
            slice.map((row) => row.externalId),
            slice.map((row) => row.fingerprint),
            slice.map((row) => row.status),
            slice.map((row) => row.matchedTransactionId),
            slice.map((row) => row.error),
            slice.map((row) => row.included),
            slice.map((row) => row.category),
            slice.map((row) => splitsJson(row.splits)),
            slice.map((row) => ruleOutcomeJson(row.ruleOutcome)),
          ],
        );
      }
      return;
    }
    for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_INSERT) {
      const parameters = this.parameters();
      const values = rows.slice(start, start + SQLITE_ROWS_PER_INSERT).map((row, index): SqlValue[] => [
        previewId,
        start + index,
        row.line,
        row.date,
        row.amount,
        row.description,
        row.notes,
        row.externalId,
        row.fingerprint,
        row.status,
        row.matchedTransactionId,
        row.error,
        row.included ? 1 : 0,
        row.category,
        splitsJson(row.splits),
        ruleOutcomeJson(row.ruleOutcome),
      ]);
      await this.query(`INSERT INTO "import_preview_rows" (${columns}) VALUES ${valuesList(values, parameters)}`, parameters);
    }
  }

  /** The owner's preview, unless it has expired. */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async findPreview(scope: OwnerScope, id: number): Promise<ImportPreviewRecord | null> {
    const parameters = this.parameters();
    const [row] = await this.query(
      `SELECT ${this.previewReader.selectList} FROM "import_previews" "p"
        WHERE "p"."id" = ${parameters.add(id)} AND ${ownerCondition(scope, 'p', parameters)} AND "p"."expires_at" > ${this.now()}`,
      parameters,
    );
    if (!row) return null;
    const { userId: _owner, account: _account, user: _user, ...preview } = this.previewReader.read(row)!;
    return { ...preview, format: preview.format as ImportFormat, details: previewDetailsOf(preview.details) };
  }

  /** Up to `limit` rows of the preview in file order after the position (keyset), of one status or all. */
  @GenerateSql(
    { name: 'first page', params: (f) => [f.scope, 1, null, 51] },
    { name: 'of a status, after a cursor', params: (f) => [f.scope, 1, 'DUPLICATE', 51, 50] },
  )
  async previewRows(scope: OwnerScope, previewId: number, status: ImportRowStatus | null, limit: number, afterPosition?: number | null): Promise<PreviewRowRecord[]> {
    const parameters = this.parameters();
    const conditions = [`"p"."id" = ${parameters.add(previewId)}`, ownerCondition(scope, 'p', parameters)];
    if (status) conditions.push(`"r"."status" = ${parameters.add(status)}`);
    if (afterPosition != null) conditions.push(`"r"."position" > ${parameters.add(afterPosition)}`);
    const rows = await this.query<PreviewRowRow>(
      `SELECT ${PREVIEW_ROW_COLUMNS} FROM "import_preview_rows" "r" INNER JOIN "import_previews" "p" ON "p"."id" = "r"."preview_id"
        WHERE ${conditions.join(' AND ')} ORDER BY "r"."position" LIMIT ${Math.trunc(limit)}`,
      parameters,
    );
    return rows.map(previewRowOf);
  }

  /** How many rows of the preview have each status (every status present, zero when none). */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async countPreviewRows(scope: OwnerScope, previewId: number): Promise<PreviewStatusCounts> {
    const parameters = this.parameters();
    const rows = await this.query<{ status: string; count: unknown }>(
      `SELECT "r"."status" AS "status", COUNT(*) AS "count" FROM "import_preview_rows" "r" INNER JOIN "import_previews" "p" ON "p"."id" = "r"."preview_id"
        WHERE "p"."id" = ${parameters.add(previewId)} AND ${ownerCondition(scope, 'p', parameters)} GROUP BY "r"."status"`,
      parameters,
    );
    const counts = Object.fromEntries(IMPORT_ROW_STATUSES.map((status) => [status, 0])) as PreviewStatusCounts;
    for (const row of rows) counts[row.status as ImportRowStatus] = Number(row.count);
    return counts;
  }

  /**
   * Inside the commit's write transaction: takes the preview's row (a no-op write, so it is the
   * first thing the transaction locks, on Postgres the row and on SQLite the database), if it is
   * the owner's and not expired. A second commit of it waits here, then finds it deleted.
   */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async claimPreview(scope: OwnerScope, id: number): Promise<boolean> {
    const parameters = this.parameters();
    const claimed = await this.changedRows(
      `UPDATE "import_previews" SET "expires_at" = "expires_at" WHERE "id" = ${parameters.add(id)} AND ${ownerCondition(scope, 'import_previews', parameters)}
        AND "expires_at" > ${this.now()} RETURNING "id"`,
      parameters,
    );
    return claimed.length > 0;
  }

  /** Deletes the preview and its rows (after its commit). Whether it was there. */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async deletePreview(scope: OwnerScope, id: number): Promise<boolean> {
    const parameters = this.parameters();
    const deleted = await this.changedRows(`DELETE FROM "import_previews" WHERE "id" = ${parameters.add(id)} AND ${ownerCondition(scope, 'import_previews', parameters)} RETURNING "id"`, parameters);
    return deleted.length > 0;
  }

  /** Deletes the owner's expired previews (their rows go with them); answers how many. */
  @GenerateSql({ params: (f) => [f.scope] })
  async deleteExpiredPreviews(scope: OwnerScope): Promise<number> {
    const parameters = this.parameters();
    const deleted = await this.changedRows(
      `DELETE FROM "import_previews" WHERE ${ownerCondition(scope, 'import_previews', parameters)} AND "expires_at" <= ${this.now()} RETURNING "id"`,
      parameters,
    );
    return deleted.length;
  }

  /** The database's time, as the timestamp columns hold it. */
  private now(): string {
    return this.postgres ? 'LOCALTIMESTAMP' : `datetime('now')`;
  }
}
