import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import type { SqlParameters } from '../../db/sql-parameters';
import type { CalendarDate } from '../../lib/dates';
import { minorFromDatabase, type MinorUnits } from '../../lib/money';
import type { TransferOrigin } from './transfer.entity';
import type { LegCandidate, NewTransfer, TransferRecord } from './transfer.model';

/** Transfers per INSERT: 4 values each. */
const ROWS_PER_INSERT = 1000;

/** The owner's transfers and rejected pairs: every statement on them, both databases. */
export class TransferRepository extends Repository {
  @GenerateSql({ params: (f) => [f.scope, [1, 2]] })
  async findManyByIds(scope: OwnerScope, ids: readonly number[]): Promise<TransferRecord[]> {
    if (!ids.length) return [];
    return this.read(scope, (parameters) => `"f"."id" IN (${ids.map((id) => parameters.add(id)).join(', ')})`);
  }

  /** Transfers with a side on these transactions (a whole-row leg, or the transaction of a part that is one). */
  @GenerateSql({ params: (f) => [f.scope, [f.transactionId]] })
  async findTouching(scope: OwnerScope, transactionIds: readonly number[]): Promise<TransferRecord[]> {
    if (!transactionIds.length) return [];
    return this.read(scope, (parameters) => {
      const list = (ids: readonly number[]) => ids.map((id) => parameters.add(id)).join(', ');
      return `("f"."outflow_transaction_id" IN (${list(transactionIds)}) OR "f"."inflow_transaction_id" IN (${list(transactionIds)}))`;
    });
  }

  /**
   * Inserts the transfers and makes their sides legs: the whole rows (their categories cleared) or
   * the parts named. Answers the ids in order. Run it inside a write transaction.
   */
  @GenerateSql({ params: (f) => [f.scope, [{ outflowTransactionId: f.transactionId, inflowTransactionId: f.transactionId, origin: 'created' }]] })
  async insertMany(scope: OwnerScope, transfers: readonly NewTransfer[]): Promise<number[]> {
    const { userId } = ownedBy(scope);
    const ids: number[] = [];
    for (let start = 0; start < transfers.length; start += ROWS_PER_INSERT) {
      const slice = transfers.slice(start, start + ROWS_PER_INSERT);
      const parameters = this.parameters();
      const values = slice.map((transfer) => {
        const row = [userId, transfer.outflowTransactionId, transfer.inflowTransactionId, transfer.origin];
        return `(${row.map((value) => parameters.add(value)).join(', ')})`;
      });
      const inserted = await this.query<{ id: unknown }>(
        `INSERT INTO "transfers" ("user_id", "outflow_transaction_id", "inflow_transaction_id", "origin") VALUES ${values.join(', ')} RETURNING "id"`,
        parameters,
      );
      const sliceIds = inserted.map((row) => Number(row.id));
      const wholeRows: [number, number][] = [];
      const parts: [number, number][] = [];
      slice.forEach((transfer, index) => {
        const id = sliceIds[index];
        if (transfer.outflowSplitId != null) parts.push([transfer.outflowSplitId, id]);
        else wholeRows.push([transfer.outflowTransactionId, id]);
        if (transfer.inflowSplitId != null) parts.push([transfer.inflowSplitId, id]);
        else wholeRows.push([transfer.inflowTransactionId, id]);
      });
      await this.setLegs(scope, 'transactions', wholeRows, ', "category_id" = NULL');
      await this.setLegs(scope, 'transaction_splits', parts, '');
      ids.push(...sliceIds);
    }
    return ids;
  }

  /** Switches which side is the outflow (a leg's amount changed sign). */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async swapSides(scope: OwnerScope, id: number): Promise<void> {
    const parameters = this.parameters();
    await this.query(
      `UPDATE "transfers" SET "outflow_transaction_id" = "inflow_transaction_id", "inflow_transaction_id" = "outflow_transaction_id"
        WHERE "id" = ${parameters.add(id)} AND "user_id" = ${parameters.add(scope.userId)}`,
      parameters,
    );
  }

  /** Deletes the transfer; its legs stay, no longer legs (their rows and parts are unlinked first, not left to ON DELETE). */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async delete(scope: OwnerScope, id: number): Promise<boolean> {
    for (const table of ['transactions', 'transaction_splits']) {
      const parameters = this.parameters();
      await this.query(`UPDATE "${table}" SET "transfer_id" = NULL WHERE "transfer_id" = ${parameters.add(id)} AND "user_id" = ${parameters.add(scope.userId)}`, parameters);
    }
    const parameters = this.parameters();
    const deleted = await this.changedRows(`DELETE FROM "transfers" WHERE "id" = ${parameters.add(id)} AND "user_id" = ${parameters.add(scope.userId)} RETURNING "id"`, parameters);
    return deleted.length > 0;
  }

  /**
   * Rows that could be legs for amounts in a period: not legs already, not split. The (user,
   * amount) index finds them; the dates narrow what it found.
   */
  @GenerateSql({ params: (f) => [f.scope, [1250n, -1250n], f.date, f.date] })
  async legCandidates(scope: OwnerScope, amounts: readonly MinorUnits[], from: CalendarDate, to: CalendarDate): Promise<LegCandidate[]> {
    if (!amounts.length) return [];
    const parameters = this.parameters();
    const rows = await this.query<{ id: unknown; accountId: unknown; date: string; amount: unknown }>(
      `SELECT "t"."id" AS "id", "t"."account_id" AS "accountId", "t"."date" AS "date", CAST("t"."amount" AS TEXT) AS "amount" FROM "transactions" "t"
        WHERE ${ownerCondition(scope, 't', parameters)} AND "t"."amount" IN (${amounts.map((amount) => parameters.add(amount.toString())).join(', ')})
        AND "t"."date" >= ${parameters.add(from)} AND "t"."date" <= ${parameters.add(to)} AND "t"."transfer_id" IS NULL AND NOT "t"."is_split"`,
      parameters,
    );
    return rows.map((row) => ({ id: Number(row.id), accountId: Number(row.accountId), date: row.date, amount: minorFromDatabase(row.amount) }));
  }

  /** The rejected pairs that have one of these transactions, each as [smaller id, larger id]. */
  @GenerateSql({ params: (f) => [f.scope, [f.transactionId]] })
  async rejectedPairs(scope: OwnerScope, transactionIds: readonly number[]): Promise<[number, number][]> {
    if (!transactionIds.length) return [];
    const parameters = this.parameters();
    const list = () => transactionIds.map((id) => parameters.add(id)).join(', ');
    const rows = await this.query<{ first: unknown; second: unknown }>(
      `SELECT "r"."first_transaction_id" AS "first", "r"."second_transaction_id" AS "second" FROM "transfer_rejections" "r"
        WHERE ${ownerCondition(scope, 'r', parameters)} AND ("r"."first_transaction_id" IN (${list()}) OR "r"."second_transaction_id" IN (${list()}))`,
      parameters,
    );
    return rows.map((row) => [Number(row.first), Number(row.second)]);
  }

  /** Remembers that the two rows are not one transfer (once: a second rejection changes nothing). */
  @GenerateSql({ params: (f) => [f.scope, f.transactionId, f.transactionId] })
  async reject(scope: OwnerScope, oneId: number, otherId: number): Promise<void> {
    const parameters = this.parameters();
    const [first, second] = oneId < otherId ? [oneId, otherId] : [otherId, oneId];
    await this.query(
      `INSERT INTO "transfer_rejections" ("user_id", "first_transaction_id", "second_transaction_id") VALUES (${parameters.add(scope.userId)}, ${parameters.add(first)}, ${parameters.add(second)})
        ON CONFLICT DO NOTHING`,
      parameters,
    );
  }

  /** Sets `transfer_id` on rows of the table from [row id, transfer id] pairs, in one statement. */
  private async setLegs(scope: OwnerScope, table: 'transactions' | 'transaction_splits', legs: [number, number][], alsoSet: string): Promise<void> {
    if (!legs.length) return;
    const parameters = this.parameters();
    // Placeholders are added in the order the text names them (SQLite's are positional).
    const cases = legs.map(([rowId, transferId]) => `WHEN ${parameters.add(rowId)} THEN CAST(${parameters.add(transferId)} AS INTEGER)`).join(' ');
    const owner = parameters.add(scope.userId);
    const ids = legs.map(([rowId]) => parameters.add(rowId)).join(', ');
    await this.query(`UPDATE "${table}" SET "transfer_id" = CASE "id" ${cases} END${alsoSet} WHERE "user_id" = ${owner} AND "id" IN (${ids})`, parameters);
  }

  private async read(scope: OwnerScope, condition: (parameters: SqlParameters) => string): Promise<TransferRecord[]> {
    const parameters = this.parameters();
    const where = `${ownerCondition(scope, 'f', parameters)} AND ${condition(parameters)}`;
    const rows = await this.query<{ id: unknown; outflow: unknown; inflow: unknown; origin: TransferOrigin }>(
      `SELECT "f"."id" AS "id", "f"."outflow_transaction_id" AS "outflow", "f"."inflow_transaction_id" AS "inflow", "f"."origin" AS "origin" FROM "transfers" "f" WHERE ${where} ORDER BY "f"."id"`,
      parameters,
    );
    return rows.map((row) => ({ id: Number(row.id), outflowTransactionId: Number(row.outflow), inflowTransactionId: Number(row.inflow), origin: row.origin }));
  }
}
