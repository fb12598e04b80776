import type { DataSource } from 'typeorm';
import { GenerateSql, type SqlFixture } from '../../db/generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { RowReader } from '../../db/row-reader';
import type { SqlParameters } from '../../db/sql-parameters';
import { ImportBatch } from './import-batch.entity';
import { CLAIMED_SQL, inList, valuesList } from './import.repository.parts';
import type { BatchMatchRecord, ImportBatchRecord, NewBatchMatch, NewImportBatch } from './import.model';
import type { ImportFormat } from './parsers/parsed-file';

/** Matches per UPDATE on SQLite (4 values each). */
const SQLITE_MATCHES_PER_UPDATE = 5000;

const exampleMatch = (f: SqlFixture): NewBatchMatch => ({ transactionId: f.transactionId, externalId: 'FIT-1', importedDescription: 'CORNER SHOP 1234', importFingerprint: 'f'.repeat(64) });

function batchRecordOf(batch: ImportBatch): ImportBatchRecord {
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

/**
 * The owner's committed import batches, the transactions each matched (with what they had
 * before, for undo) and undo's steps. Matches are written inside a write transaction (`within`).
 */
export class ImportBatchRepository extends Repository {
  private readonly batchReader: RowReader<ImportBatch>;

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.batchReader = new RowReader(dataSource, ImportBatch, 'b');
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
}
