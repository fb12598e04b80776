import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import type { SqlParameters } from '../../db/sql-parameters';
import { minorFromDatabase, Money } from '../../lib/money';
import { Split } from './split.entity';
import type { NewSplit, SplitRecord } from './split.model';

/** Rows per INSERT: 6 values each, far under both databases' limits on bound values. */
const ROWS_PER_INSERT = 1000;

interface SplitRow {
  id: unknown;
  transactionId: unknown;
  position: unknown;
  amount: unknown;
  categoryId: unknown;
  notes: string;
  transferId: unknown;
  currency: string;
}

/** The parts of the owner's split transactions: every statement on them, both databases. */
export class SplitRepository extends Repository {
  /** The parts of these transactions, in order of transaction and position. */
  @GenerateSql({ params: (f) => [f.scope, [f.transactionId]] })
  listForTransactions(scope: OwnerScope, transactionIds: readonly number[]): Promise<SplitRecord[]> {
    if (!transactionIds.length) return Promise.resolve([]);
    return this.read(scope, (parameters) => `"s"."transaction_id" IN (${transactionIds.map((id) => parameters.add(id)).join(', ')})`);
  }

  /** The parts that are legs of these transfers. */
  @GenerateSql({ params: (f) => [f.scope, [1, 2]] })
  listForTransfers(scope: OwnerScope, transferIds: readonly number[]): Promise<SplitRecord[]> {
    if (!transferIds.length) return Promise.resolve([]);
    return this.read(scope, (parameters) => `"s"."transfer_id" IN (${transferIds.map((id) => parameters.add(id)).join(', ')})`);
  }

  /** Whether any of the owner's parts has the category (then a filter by it looks into parts). */
  @GenerateSql({ params: (f) => [f.scope, f.categoryId] })
  async categoryHasParts(scope: OwnerScope, categoryId: number): Promise<boolean> {
    const parameters = this.parameters();
    const rows = await this.query(
      `SELECT 1 AS "found" FROM "transaction_splits" "s" WHERE "s"."category_id" = ${parameters.add(categoryId)} AND ${ownerCondition(scope, 's', parameters)} LIMIT 1`,
      parameters,
    );
    return rows.length > 0;
  }

  /** Inserts the parts (a transaction's, or thousands from the seed or an import); answers their ids in order. */
  @GenerateSql({ params: (f) => [f.scope, [{ transactionId: f.transactionId, position: 0, amount: -1000n, categoryId: f.categoryId, notes: 'Milk' }]] })
  async insertMany(scope: OwnerScope, splits: readonly NewSplit[]): Promise<number[]> {
    const { userId } = ownedBy(scope);
    const ids: number[] = [];
    for (let start = 0; start < splits.length; start += ROWS_PER_INSERT) {
      const parameters = this.parameters();
      const values = splits.slice(start, start + ROWS_PER_INSERT).map((split) => {
        const row = [userId, split.transactionId, split.position, split.amount.toString(), split.categoryId, split.notes];
        return `(${row.map((value) => parameters.add(value)).join(', ')})`;
      });
      const inserted = await this.query<{ id: unknown }>(
        `INSERT INTO "transaction_splits" ("user_id", "transaction_id", "position", "amount", "category_id", "notes") VALUES ${values.join(', ')} RETURNING "id"`,
        parameters,
      );
      for (const row of inserted) ids.push(Number(row.id));
    }
    return ids;
  }

  /** Makes the part a leg of the transfer (or of none). */
  @GenerateSql({ params: (f) => [f.scope, 1, 2] })
  async setTransfer(scope: OwnerScope, id: number, transferId: number | null): Promise<void> {
    await this.manager.update(Split, { ...ownedBy(scope), id }, { transferId });
  }

  /** Deletes every part of the transaction. */
  @GenerateSql({ params: (f) => [f.scope, f.transactionId] })
  async deleteForTransaction(scope: OwnerScope, transactionId: number): Promise<void> {
    await this.manager.delete(Split, { ...ownedBy(scope), transactionId });
  }

  private async read(scope: OwnerScope, condition: (parameters: SqlParameters) => string): Promise<SplitRecord[]> {
    const parameters = this.parameters();
    const where = `${ownerCondition(scope, 's', parameters)} AND ${condition(parameters)}`;
    const rows = await this.query<SplitRow>(
      `SELECT "s"."id" AS "id", "s"."transaction_id" AS "transactionId", "s"."position" AS "position", CAST("s"."amount" AS TEXT) AS "amount",
        "s"."category_id" AS "categoryId", "s"."notes" AS "notes", "s"."transfer_id" AS "transferId", "a"."currency" AS "currency"
        FROM "transaction_splits" "s" INNER JOIN "transactions" "t" ON "t"."id" = "s"."transaction_id" INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
        WHERE ${where} ORDER BY "s"."transaction_id", "s"."position"`,
      parameters,
    );
    return rows.map((row) => ({
      id: Number(row.id),
      transactionId: Number(row.transactionId),
      position: Number(row.position),
      amount: new Money(minorFromDatabase(row.amount), row.currency),
      categoryId: row.categoryId === null ? null : Number(row.categoryId),
      notes: row.notes,
      transferId: row.transferId === null ? null : Number(row.transferId),
    }));
  }
}
