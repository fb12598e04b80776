import { GenerateSql } from '../../db/generate-sql';
import { ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { minorFromDatabase } from '../../lib/money';
import type { Month } from './budget-months';
import type { BudgetAmount, Closing } from './budget.model';

/** What the closings mark holds when no month is cached (lower than every month). */
export const NOTHING_CACHED: Month = '0000-00';

/** Rows per INSERT: well inside both databases' limits on placeholders. */
const CHUNK = 300;

/** Budgets and the cache of what rolls over (see the migration for how the triggers keep it). */
export class BudgetRepository extends Repository {
  /**
   * The cache mark and the closing of `month` in one round trip: what a read of the month after
   * starts from. `validBefore` is null when the owner has no mark yet.
   */
  @GenerateSql({ params: (f) => [f.scope, '2025-01'] })
  async closingOf(scope: OwnerScope, month: Month): Promise<{ validBefore: Month | null; closing: Closing }> {
    const parameters = this.parameters();
    const rows = await this.query<{ kind: string; categoryId: unknown; amount: unknown; validBefore: string | null }>(
      `SELECT 'mark' AS "kind", CAST(NULL AS integer) AS "categoryId", CAST(NULL AS bigint) AS "amount", "c"."valid_before" AS "validBefore" FROM "budget_caches" "c" WHERE ${ownerCondition(scope, 'c', parameters)}
        UNION ALL SELECT 'month', CAST(NULL AS integer), "m"."to_budget", CAST(NULL AS varchar) FROM "budget_closings" "m" WHERE ${ownerCondition(scope, 'm', parameters)} AND "m"."month" = ${parameters.add(month)}
        UNION ALL SELECT 'category', "k"."category_id", "k"."available", CAST(NULL AS varchar) FROM "budget_category_closings" "k" WHERE ${ownerCondition(scope, 'k', parameters)} AND "k"."month" = ${parameters.add(month)}`,
      parameters,
    );
    let validBefore: Month | null = null;
    const closing: Closing = { toBudget: 0n, available: new Map() };
    for (const row of rows) {
      if (row.kind === 'mark') validBefore = row.validBefore;
      else if (row.kind === 'month') closing.toBudget = minorFromDatabase(row.amount);
      else closing.available.set(Number(row.categoryId), minorFromDatabase(row.amount));
    }
    return { validBefore, closing };
  }

  /** A mark for the owner (nothing cached) if there is none: committed before a reader locks it, so a writer's trigger always finds it. */
  @GenerateSql({ params: (f) => [f.scope] })
  async ensureMark(scope: OwnerScope): Promise<void> {
    const parameters = this.parameters();
    await this.query(`INSERT INTO "budget_caches" ("user_id", "valid_before") VALUES (${parameters.add(scope.userId)}, ${parameters.add(NOTHING_CACHED)}) ON CONFLICT DO NOTHING`, parameters);
  }

  /**
   * The mark, held until the end of the transaction on Postgres: a writer's trigger waits for it,
   * then lowers the mark this transaction sets. (SQLite's writes take turns anyway.)
   */
  @GenerateSql({ params: (f) => [f.scope] })
  async lockMark(scope: OwnerScope): Promise<Month> {
    const parameters = this.parameters();
    const rows = await this.query<{ validBefore: string }>(
      `SELECT "c"."valid_before" AS "validBefore" FROM "budget_caches" "c" WHERE ${ownerCondition(scope, 'c', parameters)}${this.postgres ? ' FOR UPDATE' : ''}`,
      parameters,
    );
    return rows[0]?.validBefore ?? NOTHING_CACHED;
  }

  /** The owner's first month with a transaction or a budget; null with neither. */
  @GenerateSql({ params: (f) => [f.scope] })
  async firstMonth(scope: OwnerScope): Promise<Month | null> {
    const parameters = this.parameters();
    const rows = await this.query<{ month: string | null }>(
      `SELECT MIN("x"."month") AS "month" FROM (
        SELECT SUBSTR(MIN("t"."date"), 1, 7) AS "month" FROM "transactions" "t" WHERE ${ownerCondition(scope, 't', parameters)}
        UNION ALL SELECT MIN("b"."month") FROM "budgets" "b" WHERE ${ownerCondition(scope, 'b', parameters)}
      ) "x"`,
      parameters,
    );
    return rows[0]?.month ?? null;
  }

  /**
   * Replaces the closings from `from` on with `closings` and moves the mark to `validBefore`, unless
   * a write moved it since `expected` was read (then the mark stays lower and the next read redoes it).
   */
  @GenerateSql({ params: (f) => [f.scope, '2025-01', [{ month: '2025-01', closing: { toBudget: 100n, available: new Map([[f.categoryId, 50n]]) } }], '2025-02', NOTHING_CACHED] })
  async writeClosings(scope: OwnerScope, from: Month, closings: readonly { month: Month; closing: Closing }[], validBefore: Month, expected: Month): Promise<void> {
    for (const table of ['budget_category_closings', 'budget_closings']) {
      const parameters = this.parameters();
      await this.query(`DELETE FROM "${table}" WHERE "user_id" = ${parameters.add(scope.userId)} AND "month" >= ${parameters.add(from)}`, parameters);
    }
    const months = closings.map(({ month, closing }) => [month, closing.toBudget] as const);
    const categories = closings.flatMap(({ month, closing }) => [...closing.available].filter(([, available]) => available !== 0n).map(([categoryId, available]) => [month, categoryId, available] as const));
    for (let start = 0; start < months.length; start += CHUNK) {
      const parameters = this.parameters();
      const values = months.slice(start, start + CHUNK).map(([month, toBudget]) => `(${parameters.add(scope.userId)}, ${parameters.add(month)}, ${parameters.add(toBudget)})`);
      await this.query(`INSERT INTO "budget_closings" ("user_id", "month", "to_budget") VALUES ${values.join(', ')}`, parameters);
    }
    for (let start = 0; start < categories.length; start += CHUNK) {
      const parameters = this.parameters();
      const values = categories.slice(start, start + CHUNK).map(([month, categoryId, available]) => `(${parameters.add(scope.userId)}, ${parameters.add(month)}, ${parameters.add(categoryId)}, ${parameters.add(available)})`);
      await this.query(`INSERT INTO "budget_category_closings" ("user_id", "month", "category_id", "available") VALUES ${values.join(', ')}`, parameters);
    }
    const parameters = this.parameters();
    await this.query(
      `UPDATE "budget_caches" SET "valid_before" = ${parameters.add(validBefore)} WHERE "user_id" = ${parameters.add(scope.userId)} AND "valid_before" = ${parameters.add(expected)}`,
      parameters,
    );
  }

  /** The owner's budgets from `from` to `to` (months, both included). */
  @GenerateSql({ params: (f) => [f.scope, '2025-01', '2025-03'] })
  async amountsIn(scope: OwnerScope, from: Month, to: Month): Promise<BudgetAmount[]> {
    const parameters = this.parameters();
    const rows = await this.query<{ categoryId: unknown; month: string; amount: unknown }>(
      `SELECT "b"."category_id" AS "categoryId", "b"."month" AS "month", "b"."amount" AS "amount" FROM "budgets" "b"
        WHERE ${ownerCondition(scope, 'b', parameters)} AND "b"."month" >= ${parameters.add(from)} AND "b"."month" <= ${parameters.add(to)}`,
      parameters,
    );
    return rows.map((row) => ({ categoryId: Number(row.categoryId), month: row.month, amount: minorFromDatabase(row.amount) }));
  }

  /** Sets (or replaces) one category's amount for a month. */
  @GenerateSql({ params: (f) => [f.scope, { categoryId: f.categoryId, month: '2025-01', amount: 40000n }] })
  async set(scope: OwnerScope, { categoryId, month, amount }: BudgetAmount): Promise<void> {
    const parameters = this.parameters();
    await this.query(
      `INSERT INTO "budgets" ("user_id", "category_id", "month", "amount") VALUES (${parameters.add(scope.userId)}, ${parameters.add(categoryId)}, ${parameters.add(month)}, ${parameters.add(amount)})
        ON CONFLICT ("user_id", "month", "category_id") DO UPDATE SET "amount" = excluded."amount"`,
      parameters,
    );
  }

  /** Amounts for categories that have none set in their month; the ones set stay. */
  @GenerateSql({ params: (f) => [f.scope, [{ categoryId: f.categoryId, month: '2025-01', amount: 40000n }]] })
  async addMissing(scope: OwnerScope, amounts: readonly BudgetAmount[]): Promise<void> {
    for (let start = 0; start < amounts.length; start += CHUNK) {
      const parameters = this.parameters();
      const values = amounts.slice(start, start + CHUNK).map(({ categoryId, month, amount }) => `(${parameters.add(scope.userId)}, ${parameters.add(categoryId)}, ${parameters.add(month)}, ${parameters.add(amount)})`);
      await this.query(`INSERT INTO "budgets" ("user_id", "category_id", "month", "amount") VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`, parameters);
    }
  }
}

