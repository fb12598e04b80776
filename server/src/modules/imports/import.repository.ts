import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { minorFromDatabase } from '../../lib/money';
import type { DuplicateCandidate } from './duplicates';
import { CLAIMED_SQL, inList } from './import.repository.parts';
import type { ImportSettings } from './import.model';

/**
 * The select list of a duplicate candidate (transactions aliased `t`). The texts come only where a
 * rule reads them (the description of a typed transaction, the bank text of an imported one without
 * a fingerprint): a re-import of 200 000 rows holds as many candidates, and they must fit the heap.
 */
const CANDIDATE_COLUMNS = `"t"."id" AS "id", "t"."date" AS "date", "t"."amount" AS "amount",
  CASE WHEN ${CLAIMED_SQL} THEN '' ELSE "t"."description" END AS "description",
  CASE WHEN "t"."import_fingerprint" IS NULL THEN "t"."imported_description" ELSE '' END AS "imported_description",
  "t"."external_id" AS "external_id", "t"."import_fingerprint" AS "import_fingerprint", CASE WHEN ${CLAIMED_SQL} THEN 1 ELSE 0 END AS "claimed"`;

/** A candidate as both drivers answer it (ids and counts may come as numbers or strings). */
interface CandidateRow {
  id: unknown;
  date: string;
  amount: unknown;
  description: string;
  imported_description: string;
  external_id: string | null;
  import_fingerprint: string | null;
  claimed: unknown;
}

function candidateOf(row: CandidateRow): DuplicateCandidate {
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

/**
 * What an import reads of the owner's transactions for the duplicate rules (imports/duplicates.ts),
 * and the per-account settings an import remembers (the CSV mapping, the statement's account hint).
 * Previews are ImportPreviewRepository's, batches ImportBatchRepository's.
 */
export class ImportRepository extends Repository {
  // ---- what the duplicate rules read

  /** The account's transactions with one of these ids (the Ids of the app's export): the owner's only, so another's id names nothing. */
  @GenerateSql({ params: (f) => [f.scope, f.accountId, [f.transactionId, 7]] })
  async candidatesById(scope: OwnerScope, accountId: number, ids: readonly number[]): Promise<DuplicateCandidate[]> {
    if (!ids.length) return [];
    const parameters = this.parameters();
    // SQLite would walk the owner's whole date index (see sqliteIndex); NOT INDEXED leaves it the rowid lookups.
    const rows = await this.query<CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM "transactions" "t"${this.postgres ? '' : ' NOT INDEXED'}
        WHERE ${ownerCondition(scope, 't', parameters)} AND "t"."account_id" = ${parameters.add(accountId)}
        AND ${inList(this.postgres, '"t"."id"', ids, 'int', parameters)}`,
      parameters,
    );
    return rows.map(candidateOf);
  }

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
}
