import type { DataSource } from 'typeorm';
import { GenerateSql, type SqlFixture } from '../../db/generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { RowReader } from '../../db/row-reader';
import type { SqlParameters, SqlValue } from '../../db/sql-parameters';
import type { DuplicateCandidate } from './duplicates';
import { ImportBatch } from './import-batch.entity';
import { ImportPreview } from './import-preview.entity';
import {
  batchRecordOf,
  CANDIDATE_COLUMNS,
  candidateOf,
  CLAIMED_SQL,
  inList,
  PREVIEW_ROW_COLUMNS,
  previewDetailsOf,
  previewRowOf,
  valuesList,
  type CandidateRow,
  type PreviewRowRow,
} from './import.repository.parts';
import {
  IMPORT_ROW_STATUSES,
  type BatchMatchRecord,
  type ImportBatchRecord,
  type ImportPreviewRecord,
  type ImportRowStatus,
  type ImportSettings,
  type NewBatchMatch,
  type NewImportBatch,
  type NewImportPreview,
  type NewPreviewRow,
  type PreviewRowRecord,
  type PreviewStatusCounts,
} from './import.model';
import type { ImportFormat } from './parsers/parsed-file';

/** Preview rows per INSERT: 13 values each, under SQLite's 32 766 bound values; Postgres sends arrays in slices of this many. */
const SQLITE_ROWS_PER_INSERT = 2000;
const POSTGRES_ROWS_PER_INSERT = 10_000;
/** Matches per UPDATE on SQLite (4 values each). */
const SQLITE_MATCHES_PER_UPDATE = 5000;

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
});
const invalidRow: NewPreviewRow = { ...exampleRow({ date: '2026-03-14', transactionId: 1 } as SqlFixture), line: 3, date: null, amount: null, status: 'INVALID', matchedTransactionId: null, error: 'No date', included: false };
const examplePreview = (f: SqlFixture): NewImportPreview => ({
  accountId: f.accountId,
  format: 'CSV',
  encoding: 'UTF-8',
  filename: 'bank.csv',
  statementIndex: 0,
  ttlSeconds: 86_400,
  details: { statements: [{ index: 0, accountHint: null, currency: null, rowCount: 2 }], csv: null, accountHint: null, knownBatchIds: [] },
});
const exampleMatch = (f: SqlFixture): NewBatchMatch => ({ transactionId: f.transactionId, externalId: 'FIT-1', importedDescription: 'CORNER SHOP 1234', importFingerprint: 'f'.repeat(64) });

/**
 * The owner's imports: previews and their rows, committed batches and what they matched, the
 * per-account settings, and the reads of the duplicate rules (imports/duplicates.ts). Writes of
 * several statements (a preview with its rows, matches) run inside a write transaction (`within`).
 */
export class ImportRepository extends Repository {
  private readonly previewReader: RowReader<ImportPreview>;
  private readonly batchReader: RowReader<ImportBatch>;

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.previewReader = new RowReader(dataSource, ImportPreview, 'p');
    this.batchReader = new RowReader(dataSource, ImportBatch, 'b');
  }

  // ---- previews

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
    const columns = `"preview_id", "position", "line", "date", "amount", "description", "notes", "external_id", "fingerprint", "status", "matched_transaction_id", "error", "included"`;
    if (this.postgres) {
      for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_INSERT) {
        const slice = rows.slice(start, start + POSTGRES_ROWS_PER_INSERT);
        await this.query(
          `INSERT INTO "import_preview_rows" (${columns})
            SELECT $1, * FROM unnest($2::int[], $3::int[], $4::varchar[], $5::bigint[], $6::text[], $7::text[], $8::varchar[], $9::varchar[], $10::varchar[], $11::int[], $12::text[], $13::boolean[])`,
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

  // ---- what the duplicate rules read

  /** The account's transactions that carry one of these bank ids. */
  @GenerateSql({ params: (f) => [f.scope, f.accountId, ['FIT-1', 'FIT-"2"']] })
  async candidatesByExternalId(scope: OwnerScope, accountId: number, externalIds: readonly string[]): Promise<DuplicateCandidate[]> {
    if (!externalIds.length) return [];
    const parameters = this.parameters();
    const rows = await this.query<CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM "transactions" "t"${this.sqliteIndex('transactions_account_external_idx')}
        WHERE ${ownerCondition(scope, 't', parameters)} AND "t"."account_id" = ${parameters.add(accountId)}
        AND "t"."external_id" IS NOT NULL AND ${inList(this.postgres, '"t"."external_id"', externalIds, 'varchar', parameters)}`,
      parameters,
    );
    return rows.map(candidateOf);
  }

  /**
   * The account's transactions imported from a row with one of these fingerprints (whatever their
   * date now); only those without a bank id when `withoutExternalId` (a row with a bank id repeats no
   * transaction that has another).
   */
  @GenerateSql({ params: (f) => [f.scope, f.accountId, ['f'.repeat(64)]] }, { name: 'without a bank id', params: (f) => [f.scope, f.accountId, ['f'.repeat(64)], true] })
  async candidatesByFingerprint(scope: OwnerScope, accountId: number, fingerprints: readonly string[], withoutExternalId = false): Promise<DuplicateCandidate[]> {
    if (!fingerprints.length) return [];
    const parameters = this.parameters();
    const rows = await this.query<CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM "transactions" "t"${this.sqliteIndex('transactions_account_fingerprint_idx')}
        WHERE ${ownerCondition(scope, 't', parameters)} AND "t"."account_id" = ${parameters.add(accountId)}
        AND "t"."import_fingerprint" IS NOT NULL AND ${inList(this.postgres, '"t"."import_fingerprint"', fingerprints, 'varchar', parameters)}${withoutExternalId ? ' AND "t"."external_id" IS NULL' : ''}`,
      parameters,
    );
    return rows.map(candidateOf);
  }

  /**
   * The account's transactions dated from `from` to `to` (inclusive) that have no fingerprint: the
   * fuzzy rule's typed ones, and any claimed without one (the fingerprint rule computes theirs).
   */
  @GenerateSql({ params: (f) => [f.scope, f.accountId, '2026-03-11', '2026-03-17'] })
  async candidatesInDateRange(scope: OwnerScope, accountId: number, from: string, to: string): Promise<DuplicateCandidate[]> {
    const parameters = this.parameters();
    const rows = await this.query<CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM "transactions" "t"
        WHERE ${ownerCondition(scope, 't', parameters)} AND "t"."account_id" = ${parameters.add(accountId)}
        AND "t"."date" >= ${parameters.add(from)} AND "t"."date" <= ${parameters.add(to)} AND "t"."import_fingerprint" IS NULL`,
      parameters,
    );
    return rows.map(candidateOf);
  }

  /**
   * The account's transactions written by a batch not in `knownBatchIds` (committed since a preview
   * was classified) with one of these bank ids or fingerprints: what a commit checks its rows against again.
   */
  @GenerateSql({ params: (f) => [f.scope, f.accountId, [1], ['FIT-1'], ['f'.repeat(64)]] })
  async candidatesImportedSince(scope: OwnerScope, accountId: number, knownBatchIds: readonly number[], externalIds: readonly string[], fingerprints: readonly string[]): Promise<DuplicateCandidate[]> {
    if (!externalIds.length && !fingerprints.length) return [];
    const parameters = this.parameters();
    // Placeholders are added in the order they appear (SQLite's are positional).
    const conditions = [ownerCondition(scope, 't', parameters), `"t"."account_id" = ${parameters.add(accountId)}`, `"t"."import_batch_id" IS NOT NULL`];
    if (knownBatchIds.length) conditions.push(`NOT ${inList(this.postgres, '"t"."import_batch_id"', knownBatchIds, 'int', parameters)}`);
    const sameRow = [
      externalIds.length ? inList(this.postgres, '"t"."external_id"', externalIds, 'varchar', parameters) : null,
      fingerprints.length ? inList(this.postgres, '"t"."import_fingerprint"', fingerprints, 'varchar', parameters) : null,
    ].filter((condition) => condition !== null);
    conditions.push(`(${sameRow.join(' OR ')})`);
    const rows = await this.query<CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM "transactions" "t" WHERE ${conditions.join(' AND ')}`, parameters);
    return rows.map(candidateOf);
  }

  // ---- batches

  /** The ids of the account's batches, undone ones included. */
  @GenerateSql({ params: (f) => [f.scope, f.accountId] })
  async batchIdsOfAccount(scope: OwnerScope, accountId: number): Promise<number[]> {
    const parameters = this.parameters();
    const rows = await this.query<{ id: unknown }>(
      `SELECT "b"."id" FROM "import_batches" "b" WHERE ${ownerCondition(scope, 'b', parameters)} AND "b"."account_id" = ${parameters.add(accountId)}`,
      parameters,
    );
    return rows.map((row) => Number(row.id));
  }

  @GenerateSql({ params: (f) => [f.scope, { accountId: f.accountId, format: 'OFX', filename: 'bank.ofx', createdCount: 10, matchedCount: 2, skippedCount: 3 }] })
  async insertBatch(scope: OwnerScope, batch: NewImportBatch): Promise<number> {
    const parameters = this.parameters();
    const values = [ownedBy(scope).userId, batch.accountId, batch.format, batch.filename, batch.createdCount, batch.matchedCount, batch.skippedCount];
    const [inserted] = await this.query<{ id: unknown }>(
      `INSERT INTO "import_batches" ("user_id", "account_id", "format", "filename", "created_count", "matched_count", "skipped_count")
        VALUES (${values.map((value) => parameters.add(value)).join(', ')}) RETURNING "id"`,
      parameters,
    );
    return Number(inserted.id);
  }

  /** Sets the counts once the rows are written (the batch row comes first: the rows name it). */
  @GenerateSql({ params: (f) => [f.scope, 1, { createdCount: 10, matchedCount: 2, skippedCount: 3 }] })
  async setBatchCounts(scope: OwnerScope, id: number, counts: Pick<NewImportBatch, 'createdCount' | 'matchedCount' | 'skippedCount'>): Promise<void> {
    const parameters = this.parameters();
    await this.query(
      `UPDATE "import_batches" SET "created_count" = ${parameters.add(counts.createdCount)}, "matched_count" = ${parameters.add(counts.matchedCount)},
        "skipped_count" = ${parameters.add(counts.skippedCount)} WHERE "id" = ${parameters.add(id)} AND ${ownerCondition(scope, 'import_batches', parameters)}`,
      parameters,
    );
  }

  @GenerateSql({ params: (f) => [f.scope, 1] })
  async findBatch(scope: OwnerScope, id: number): Promise<ImportBatchRecord | null> {
    const parameters = this.parameters();
    const [row] = await this.query(`SELECT ${this.batchReader.selectList} FROM "import_batches" "b" WHERE "b"."id" = ${parameters.add(id)} AND ${ownerCondition(scope, 'b', parameters)}`, parameters);
    return row ? batchRecordOf(this.batchReader.read(row)!) : null;
  }

  /** The owner's batches, newest first; of one account or all. */
  @GenerateSql({ name: 'all', params: (f) => [f.scope, null] }, { name: 'of an account', params: (f) => [f.scope, f.accountId] })
  async listBatches(scope: OwnerScope, accountId: number | null): Promise<ImportBatchRecord[]> {
    const parameters = this.parameters();
    const conditions = [ownerCondition(scope, 'b', parameters)];
    if (accountId !== null) conditions.push(`"b"."account_id" = ${parameters.add(accountId)}`);
    const rows = await this.query(`SELECT ${this.batchReader.selectList} FROM "import_batches" "b" WHERE ${conditions.join(' AND ')} ORDER BY "b"."id" DESC`, parameters);
    return rows.map((row) => batchRecordOf(this.batchReader.read(row)!));
  }

  /** Marks the batch undone, once: false when it is not the owner's or was undone already. */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async markBatchUndone(scope: OwnerScope, id: number): Promise<boolean> {
    const parameters = this.parameters();
    const updated = await this.changedRows(
      `UPDATE "import_batches" SET "undone_at" = CURRENT_TIMESTAMP WHERE "id" = ${parameters.add(id)} AND ${ownerCondition(scope, 'import_batches', parameters)}
        AND "undone_at" IS NULL RETURNING "id"`,
      parameters,
    );
    return updated.length > 0;
  }

  // ---- matches and undo

  /**
   * Links the batch to existing transactions: records what each had (for undo), then writes the
   * link, the bank's id, raw text and fingerprint, and nothing the user edited. Only the owner's
   * transactions that no import has claimed meanwhile are linked: answers their ids (a row whose
   * transaction was taken since is the flow's to create or skip).
   */
  @GenerateSql({ params: (f) => [f.scope, 1, [exampleMatch(f)]] })
  async insertMatches(scope: OwnerScope, batchId: number, matches: readonly NewBatchMatch[]): Promise<number[]> {
    if (!matches.length) return [];
    const parameters = this.parameters();
    const linked = await this.query<{ transaction_id: unknown }>(
      `INSERT INTO "import_batch_matches" ("batch_id", "transaction_id", "previous_imported_description", "previous_external_id")
        SELECT "b"."id", "t"."id", "t"."imported_description", "t"."external_id" FROM "transactions" "t"
        INNER JOIN "import_batches" "b" ON "b"."id" = ${parameters.add(batchId)} AND ${ownerCondition(scope, 'b', parameters)}
        WHERE ${ownerCondition(scope, 't', parameters)} AND ${inList(this.postgres, '"t"."id"', matches.map((match) => match.transactionId), 'int', parameters)}
        AND NOT ${CLAIMED_SQL} RETURNING "transaction_id"`,
      parameters,
    );
    // Writes on the rows the insert recorded (every statement is sent, so the catalogue shows both).
    const recorded = (parameters: SqlParameters) =>
      `EXISTS (SELECT 1 FROM "import_batch_matches" "bm" WHERE "bm"."batch_id" = ${parameters.add(batchId)} AND "bm"."transaction_id" = "t"."id")`;
    if (this.postgres) {
      const update = this.parameters();
      const conditions = [ownerCondition(scope, 't', update), recorded(update)];
      const first = update.values.length + 1;
      await this.query(
        `UPDATE "transactions" "t" SET "import_batch_id" = $${first}, "external_id" = "m"."external_id", "imported_description" = "m"."imported_description", "import_fingerprint" = "m"."import_fingerprint"
          FROM unnest($${first + 1}::int[], $${first + 2}::varchar[], $${first + 3}::text[], $${first + 4}::varchar[]) AS "m" ("id", "external_id", "imported_description", "import_fingerprint")
          WHERE "t"."id" = "m"."id" AND ${conditions.join(' AND ')}`,
        [...update.values, batchId, matches.map((m) => m.transactionId), matches.map((m) => m.externalId), matches.map((m) => m.importedDescription), matches.map((m) => m.importFingerprint)],
      );
    } else {
      for (let start = 0; start < matches.length; start += SQLITE_MATCHES_PER_UPDATE) {
        const update = this.parameters();
        const batch = update.add(batchId);
        const values = valuesList(
          matches.slice(start, start + SQLITE_MATCHES_PER_UPDATE).map((m) => [m.transactionId, m.externalId, m.importedDescription, m.importFingerprint]),
          update,
        );
        await this.query(
          `UPDATE "transactions" AS "t" SET "import_batch_id" = ${batch}, "external_id" = "m"."column2", "imported_description" = "m"."column3", "import_fingerprint" = "m"."column4"
            FROM (VALUES ${values}) AS "m" WHERE "t"."id" = "m"."column1" AND ${ownerCondition(scope, 't', update)} AND ${recorded(update)}`,
          update,
        );
      }
    }
    return linked.map((row) => Number(row.transaction_id));
  }

  /** What the batch matched, and what each transaction had before. */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async listMatches(scope: OwnerScope, batchId: number): Promise<BatchMatchRecord[]> {
    const parameters = this.parameters();
    const rows = await this.query<{ transaction_id: unknown; previous_imported_description: string; previous_external_id: string | null }>(
      `SELECT "m"."transaction_id", "m"."previous_imported_description", "m"."previous_external_id" FROM "import_batch_matches" "m"
        INNER JOIN "import_batches" "b" ON "b"."id" = "m"."batch_id" WHERE "b"."id" = ${parameters.add(batchId)} AND ${ownerCondition(scope, 'b', parameters)}
        ORDER BY "m"."transaction_id"`,
      parameters,
    );
    return rows.map((row) => ({ transactionId: Number(row.transaction_id), previousImportedDescription: row.previous_imported_description, previousExternalId: row.previous_external_id }));
  }

  /** Undo's first half: the matched transactions get back what they had, and lose the link. Answers how many. */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async restoreMatches(scope: OwnerScope, batchId: number): Promise<number> {
    const parameters = this.parameters();
    const restored = await this.changedRows(
      `UPDATE "transactions" AS "t" SET "imported_description" = "m"."previous_imported_description", "external_id" = "m"."previous_external_id",
        "import_fingerprint" = NULL, "import_batch_id" = NULL
        FROM "import_batch_matches" "m" WHERE "m"."batch_id" = ${parameters.add(batchId)} AND "t"."id" = "m"."transaction_id" AND "t"."import_batch_id" = ${parameters.add(batchId)}
        AND ${ownerCondition(scope, 't', parameters)} RETURNING "id"`,
      parameters,
    );
    return restored.length;
  }

  /** The transactions the batch created (after restoreMatches, all that still name it): what undo deletes. */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async createdTransactionIds(scope: OwnerScope, batchId: number): Promise<number[]> {
    const parameters = this.parameters();
    const rows = await this.query<{ id: unknown }>(
      `SELECT "t"."id" FROM "transactions" "t" WHERE ${ownerCondition(scope, 't', parameters)} AND "t"."import_batch_id" = ${parameters.add(batchId)}
        AND NOT EXISTS (SELECT 1 FROM "import_batch_matches" "m" WHERE "m"."batch_id" = ${parameters.add(batchId)} AND "m"."transaction_id" = "t"."id") ORDER BY "t"."id"`,
      parameters,
    );
    return rows.map((row) => Number(row.id));
  }

  // ---- per-account settings

  @GenerateSql({ params: (f) => [f.scope, f.accountId] })
  async findSettings(scope: OwnerScope, accountId: number): Promise<ImportSettings | null> {
    const parameters = this.parameters();
    const [row] = await this.query<{ mapping: string | null; account_hint: string | null }>(
      `SELECT "s"."mapping", "s"."account_hint" FROM "import_csv_mappings" "s" WHERE ${ownerCondition(scope, 's', parameters)} AND "s"."account_id" = ${parameters.add(accountId)}`,
      parameters,
    );
    if (!row) return null;
    return { mapping: row.mapping === null ? null : (JSON.parse(row.mapping) as unknown), accountHint: row.account_hint };
  }

  /** Remembers the CSV mapping that worked for the account (its hint stays). */
  @GenerateSql({ params: (f) => [f.scope, f.accountId, { delimiter: ';', dateColumn: 'Date', dateFormat: 'DD.MM.YYYY' }] })
  async saveCsvMapping(scope: OwnerScope, accountId: number, mapping: unknown): Promise<void> {
    await this.upsertSetting(scope, accountId, 'mapping', JSON.stringify(mapping));
  }

  /** Remembers which statement (by its account hint) was last imported into the account (its mapping stays). */
  @GenerateSql({ params: (f) => [f.scope, f.accountId, 'DE89370400440532013000'] })
  async saveAccountHint(scope: OwnerScope, accountId: number, accountHint: string | null): Promise<void> {
    await this.upsertSetting(scope, accountId, 'account_hint', accountHint);
  }

  private async upsertSetting(scope: OwnerScope, accountId: number, column: 'mapping' | 'account_hint', value: string | null): Promise<void> {
    const parameters = this.parameters();
    // The account is the owner's (the service checked); the owner condition keeps another's row untouched all the same.
    await this.query(
      `INSERT INTO "import_csv_mappings" ("user_id", "account_id", "${column}") VALUES (${parameters.add(ownedBy(scope).userId)}, ${parameters.add(accountId)}, ${parameters.add(value)})
        ON CONFLICT ("account_id") DO UPDATE SET "${column}" = "excluded"."${column}", "updated_at" = CURRENT_TIMESTAMP
        WHERE ${ownerCondition(scope, 'import_csv_mappings', parameters)}`,
      parameters,
    );
  }

  /**
   * SQLite's planner cannot tell how many values a json_each list holds and walks the owner's
   * whole amount index instead (0.4 s a slice of 20 000 ids at 200 000 rows, 0.03 s by this index).
   */
  private sqliteIndex(name: string): string {
    return this.postgres ? '' : ` INDEXED BY "${name}"`;
  }

  /** The rows an UPDATE or DELETE ... RETURNING answers (TypeORM's Postgres runner wraps them with the count). */
  private async changedRows(sql: string, parameters: SqlParameters): Promise<Record<string, unknown>[]> {
    const result: unknown[] = await this.query(sql, parameters);
    return this.postgres && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as Record<string, unknown>[]) : (result as Record<string, unknown>[]);
  }

  /** The database's time, as the timestamp columns hold it. */
  private now(): string {
    return this.postgres ? 'LOCALTIMESTAMP' : `datetime('now')`;
  }
}
