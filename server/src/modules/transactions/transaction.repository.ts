import { In, type DataSource } from 'typeorm';
import { GenerateSql, type SqlFixture } from '../../db/generate-sql';
import { ownedBy, ownerCheckOfPicked, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import type { SqlParameters } from '../../db/sql-parameters';
import type { Keyset } from '../../lib/keyset';
import { minorFromDatabase, Money } from '../../lib/money';
import { afterKeyset, narrowsByAccountAtMost, searchTextOf, selectionConditions } from './transaction.repository.conditions';
import { TransactionReader } from './transaction.repository.reader';
import { Transaction } from './transaction.entity';
import type { NewTransaction, TransactionRecord, TransactionSelection, TransactionTotal } from './transaction.model';

/** The catalogue's examples of a selection: one per branch of the SQL it becomes. */
const selections: { name: string; selection: (f: SqlFixture) => TransactionSelection | null }[] = [
  { name: 'unfiltered', selection: () => null },
  { name: 'by account', selection: (f) => ({ accountId: f.accountId }) },
  { name: 'by category and dates', selection: (f) => ({ categoryId: f.categoryId, from: f.date, to: f.date }) },
  { name: 'uncategorized', selection: () => ({ uncategorized: true }) },
  { name: 'in a period, some accounts', selection: (f) => ({ from: f.date, to: f.date, accountIds: [f.accountId, f.otherAccountId] }) },
  { name: 'search', selection: () => ({ search: { text: 'coffee', categoryIds: [], amounts: [] } }) },
  {
    name: 'search with categories and amounts',
    selection: (f) => ({ search: { text: '12.50', categoryIds: [f.categoryId], amounts: [{ accountIds: [f.accountId], amounts: [1250n, -1250n] }] } }),
  },
  { name: 'amounts', selection: () => ({ minAmount: -10000n, maxAmount: -100n }) },
  { name: 'by a category with split parts', selection: (f) => ({ categoryId: f.categoryId, categoryInSplits: true }) },
  { name: 'transfers', selection: () => ({ kind: 'TRANSFER' }) },
  { name: 'income, no transfers', selection: () => ({ kind: 'INCOME', excludeTransfers: true }) },
];
const examplesOf = (params: (f: SqlFixture, selection: TransactionSelection | null) => unknown[]) =>
  selections.map(({ name, selection }) => ({ name, params: (f: SqlFixture) => params(f, selection(f)) }));

/** Rows per INSERT on SQLite: 14 values each, well under its limit of 32 766 bound values per statement. */
const SQLITE_ROWS_PER_INSERT = 500;

/** The owner's transactions: every statement on them, both databases. */
export class TransactionRepository extends Repository {
  private readonly reader: TransactionReader;

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.reader = new TransactionReader(dataSource);
  }

  /** Up to `limit` rows of the selection, newest first by date then id, strictly after the keyset (keyset, not offset). */
  @GenerateSql(...examplesOf((f, selection) => [f.scope, selection, 51]), { name: 'after a cursor', params: (f) => [f.scope, null, 51, { date: f.date, id: f.transactionId }] })
  page(scope: OwnerScope, selection: TransactionSelection | null, limit: number, after?: Keyset | null): Promise<TransactionRecord[]> {
    const parameters = this.parameters();
    const conditions = [ownerCondition(scope, 't', parameters), ...selectionConditions(selection, parameters)];
    if (after) conditions.push(afterKeyset(after, parameters));
    return this.reader.read(this.manager, conditions, parameters, limit);
  }

  @GenerateSql({ params: (f) => [f.scope, f.transactionId] })
  async findById(scope: OwnerScope, id: number): Promise<TransactionRecord | null> {
    const parameters = this.parameters();
    const [found] = await this.reader.read(this.manager, [ownerCondition(scope, 't', parameters), `"t"."id" = ${parameters.add(id)}`], parameters, 1);
    return found ?? null;
  }

  /** The owner's transactions of these ids, in no order (ids of others or of none are left out): a page's links in one query. */
  @GenerateSql({ params: (f) => [f.scope, [f.transactionId, 0]] })
  findManyByIds(scope: OwnerScope, ids: readonly number[]): Promise<TransactionRecord[]> {
    if (!ids.length) return Promise.resolve([]);
    const parameters = this.parameters();
    const conditions = [ownerCheckOfPicked(scope, 't', parameters), `"t"."id" IN (${ids.map((id) => parameters.add(id)).join(', ')})`];
    return this.reader.read(this.manager, conditions, parameters, ids.length, { ordered: false });
  }

  /**
   * Unfiltered, or by account alone, the count comes from the per-account counters the database keeps;
   * any other selection counts through the index it uses.
   */
  @GenerateSql(...examplesOf((f, selection) => [f.scope, selection]))
  async count(scope: OwnerScope, selection: TransactionSelection | null): Promise<number> {
    const parameters = this.parameters();
    let sql: string;
    if (narrowsByAccountAtMost(selection)) {
      sql = `SELECT COALESCE(SUM("a"."transaction_count"), 0) AS "count" FROM "accounts" "a" WHERE ${ownerCondition(scope, 'a', parameters)}`;
      if (selection?.accountId != null) sql += ` AND "a"."id" = ${parameters.add(selection.accountId)}`;
    } else {
      sql = `SELECT COUNT(*) AS "count" FROM "transactions" "t" WHERE ${this.aggregateConditions(scope, selection, parameters).join(' AND ')}`;
    }
    const [row] = await this.query<{ count: unknown }>(sql, parameters);
    return Number(row?.count ?? 0);
  }

  /** The sum of the selection per currency of its accounts (minor units never mix across currencies). */
  @GenerateSql(...examplesOf((f, selection) => [f.scope, selection]))
  async totals(scope: OwnerScope, selection: TransactionSelection | null): Promise<TransactionTotal[]> {
    const parameters = this.parameters();
    // Unfiltered, or by account alone, from the per-account totals the database keeps (as count):
    // summing a million rows for the list's footer took as long as the rest of the page.
    if (narrowsByAccountAtMost(selection)) {
      const owner = ownerCondition(scope, 'a', parameters);
      const accountCondition = selection?.accountId != null ? ` AND "a"."id" = ${parameters.add(selection.accountId)}` : '';
      const rows = await this.query<{ currency: string; sum: unknown; count: unknown }>(
        `SELECT "a"."currency" AS "currency", CAST(SUM("a"."transaction_total") AS TEXT) AS "sum", SUM("a"."transaction_count") AS "count"
          FROM "accounts" "a" WHERE ${owner}${accountCondition}
          GROUP BY "a"."currency" HAVING SUM("a"."transaction_count") > 0 ORDER BY "a"."currency"`,
        parameters,
      );
      return rows.map((row) => ({ currency: row.currency, amount: new Money(minorFromDatabase(row.sum), row.currency), count: Number(row.count) }));
    }
    // Filtered by a category that has parts, a split transaction counts with its parts in that category.
    const amount =
      selection?.categoryId != null && selection.categoryInSplits
        ? `CASE WHEN "t"."is_split" THEN (SELECT SUM("s"."amount") FROM "transaction_splits" "s" WHERE "s"."transaction_id" = "t"."id" AND "s"."category_id" = ${parameters.add(selection.categoryId)}) ELSE "t"."amount" END`
        : '"t"."amount"';
    const conditions = this.aggregateConditions(scope, selection, parameters);
    // The sum as text: exact on both drivers, beyond what a JavaScript number holds.
    const rows = await this.query<{ currency: string; sum: unknown; count: unknown }>(
      `SELECT "a"."currency" AS "currency", CAST(SUM(${amount}) AS TEXT) AS "sum", COUNT(*) AS "count"
        FROM "transactions" "t" INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
        WHERE ${conditions.join(' AND ')} GROUP BY "a"."currency" ORDER BY "a"."currency"`,
      parameters,
    );
    return rows.map((row) => ({ currency: row.currency, amount: new Money(minorFromDatabase(row.sum), row.currency), count: Number(row.count) }));
  }

  /**
   * The one way rows are inserted: a create is a batch of one, the seed and imports send thousands.
   * Answers the new ids in the order of the rows. The account totals are the database triggers'.
   * Run it inside a write transaction (`within`), so that a batch goes in whole or not at all.
   */
  @GenerateSql({ params: (f) => [f.scope, [{ accountId: f.accountId, categoryId: f.categoryId, date: f.date, amount: -1250n, description: 'Coffee', notes: '' }]] })
  async insertMany(scope: OwnerScope, rows: readonly NewTransaction[]): Promise<number[]> {
    if (!rows.length) return [];
    const { userId } = ownedBy(scope);
    const columns = `"user_id", "account_id", "category_id", "date", "amount", "description", "notes", "search_text", "imported_description", "external_id", "import_fingerprint", "import_batch_id", "is_split", "hand_set_fields"`;
    if (this.postgres) {
      // One statement a batch: unnest turns parallel arrays into rows, far fewer round trips than VALUES lists.
      const inserted = await this.query<{ id: unknown }>(
        `INSERT INTO "transactions" (${columns})
          SELECT $1, * FROM unnest($2::int[], $3::int[], $4::varchar[], $5::bigint[], $6::varchar[], $7::text[], $8::text[], $9::text[], $10::varchar[], $11::varchar[], $12::int[], $13::boolean[], $14::int[]) RETURNING "id"`,
        [
          userId,
          rows.map((row) => row.accountId),
          rows.map((row) => row.categoryId),
          rows.map((row) => row.date),
          rows.map((row) => row.amount.toString()),
          rows.map((row) => row.description),
          rows.map((row) => row.notes),
          rows.map((row) => searchTextOf(row.description, row.notes, row.partNotes)),
          rows.map((row) => row.importedDescription ?? ''),
          rows.map((row) => row.externalId ?? null),
          rows.map((row) => row.importFingerprint ?? null),
          rows.map((row) => row.importBatchId ?? null),
          rows.map((row) => row.isSplit ?? false),
          rows.map((row) => row.handSetFields ?? 0),
        ],
      );
      return inserted.map((row) => Number(row.id));
    }
    const ids: number[] = [];
    for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_INSERT) {
      const parameters = this.parameters();
      const values = rows.slice(start, start + SQLITE_ROWS_PER_INSERT).map((row) => {
        const values = [
          userId,
          row.accountId,
          row.categoryId,
          row.date,
          row.amount,
          row.description,
          row.notes,
          searchTextOf(row.description, row.notes, row.partNotes),
          row.importedDescription ?? '',
          row.externalId ?? null,
          row.importFingerprint ?? null,
          row.importBatchId ?? null,
          row.isSplit ? 1 : 0,
          row.handSetFields ?? 0,
        ];
        return `(${values.map((value) => parameters.add(value)).join(', ')})`;
      });
      const inserted = await this.query<{ id: number }>(`INSERT INTO "transactions" (${columns}) VALUES ${values.join(', ')} RETURNING "id"`, parameters);
      for (const row of inserted) ids.push(Number(row.id));
    }
    return ids;
  }

  /** Writes every editable column of the row (and its search text, with its parts' notes); the database moves the account totals. */
  @GenerateSql({ params: (f) => [f.scope, f.transactionId, { accountId: f.otherAccountId, categoryId: null, date: f.date, amount: -990n, description: 'Tea', notes: 'Moved' }] })
  async update(scope: OwnerScope, id: number, row: NewTransaction, partNotes: readonly string[] = []): Promise<void> {
    await this.manager.update(Transaction, { ...ownedBy(scope), id }, { ...row, searchText: searchTextOf(row.description, row.notes, partNotes) });
  }

  /**
   * Marks the row split (its category then lives in the parts) or not, with the parts' notes in its
   * search text.
   */
  @GenerateSql({ params: (f) => [f.scope, { id: f.transactionId, description: 'Corner shop', notes: '' }, ['Milk']] })
  async setSplit(scope: OwnerScope, row: { id: number; description: string; notes: string }, partNotes: readonly string[] | null): Promise<void> {
    const split = partNotes !== null;
    await this.manager.update(
      Transaction,
      { ...ownedBy(scope), id: row.id },
      { isSplit: split, searchText: searchTextOf(row.description, row.notes, partNotes ?? []), ...(split ? { categoryId: null } : {}) },
    );
  }

  /** Adds HAND_SET bits to the row: fields the user set, which no rule changes from now on. */
  @GenerateSql({ params: (f) => [f.scope, f.transactionId, 1] })
  async markHandSet(scope: OwnerScope, id: number, bits: number): Promise<void> {
    const parameters = this.parameters();
    await this.query(
      `UPDATE "transactions" SET "hand_set_fields" = "hand_set_fields" | ${parameters.add(bits)} WHERE ${ownerCondition(scope, 'transactions', parameters)} AND "id" = ${parameters.add(id)}`,
      parameters,
    );
  }

  /** Gives the rows the category (a rule applied to them); the others of the ids are left alone. */
  @GenerateSql({ params: (f) => [f.scope, [f.transactionId], f.categoryId] })
  async setCategory(scope: OwnerScope, ids: readonly number[], categoryId: number): Promise<void> {
    if (ids.length) await this.manager.update(Transaction, { ...ownedBy(scope), id: In([...ids]) }, { categoryId });
  }

  /**
   * Locks the rows for the rest of the write transaction, in id order so that two writers of the
   * same pair never wait on each other in turn (SQLite's write lock already serialises writers).
   */
  @GenerateSql({ params: (f) => [f.scope, [f.transactionId]] })
  async lockForWrite(scope: OwnerScope, ids: readonly number[]): Promise<void> {
    if (!this.postgres || !ids.length) return;
    const parameters = this.parameters();
    await this.query(
      `SELECT "t"."id" FROM "transactions" "t" WHERE ${ownerCondition(scope, 't', parameters)} AND "t"."id" IN (${ids.map((id) => parameters.add(id)).join(', ')}) ORDER BY "t"."id" FOR UPDATE`,
      parameters,
    );
  }

  /** Whether the transaction was there to delete. */
  @GenerateSql({ params: (f) => [f.scope, f.transactionId] })
  async delete(scope: OwnerScope, id: number): Promise<boolean> {
    const result = await this.manager.delete(Transaction, { ...ownedBy(scope), id });
    return (result.affected ?? 1) > 0;
  }

  /** Deletes those of the ids that are the owner's (an import's undo sends them in slices); answers how many went. */
  @GenerateSql({ params: (f) => [f.scope, [f.transactionId, f.transactionId + 1]] })
  async deleteMany(scope: OwnerScope, ids: readonly number[]): Promise<number> {
    if (!ids.length) return 0;
    const result = await this.manager.delete(Transaction, { ...ownedBy(scope), id: In([...ids]) });
    return result.affected ?? ids.length;
  }

  @GenerateSql({ params: (f) => [f.scope, f.accountId] })
  existsInAccount(scope: OwnerScope, accountId: number): Promise<boolean> {
    return this.manager.existsBy(Transaction, { ...ownedBy(scope), accountId });
  }

  @GenerateSql({ params: (f) => [f.scope, f.otherAccountId] })
  async deleteInAccount(scope: OwnerScope, accountId: number): Promise<void> {
    await this.manager.delete(Transaction, { ...ownedBy(scope), accountId });
  }
  @GenerateSql({ params: (f) => [f.scope] })
  async deleteAllOf(scope: OwnerScope): Promise<void> {
    await this.manager.delete(Transaction, ownedBy(scope));
  }


  /** The category's transactions become uncategorised (before the category is deleted). */
  @GenerateSql({ params: (f) => [f.scope, f.categoryId] })
  async uncategorize(scope: OwnerScope, categoryId: number): Promise<void> {
    await this.manager.update(Transaction, { ...ownedBy(scope), categoryId }, { categoryId: null });
  }

  /** The conditions a count or a sum reads the selected rows by. */
  private aggregateConditions(scope: OwnerScope, selection: TransactionSelection | null, parameters: SqlParameters): string[] {
    const conditions = [ownerCondition(scope, 't', parameters)];
    if (selection?.search) {
      // A search count reads each of the owner's rows. The always-true date bound steers SQLite to the
      // (user, date) index, whose order follows the table's, instead of the narrower amount index,
      // whose random order made it ten times slower; Postgres goes through the trigram index anyway.
      conditions.push(`"t"."date" >= ${parameters.add('0000-01-01')}`);
    }
    conditions.push(...selectionConditions(selection, parameters));
    return conditions;
  }
}
