import { GenerateSql } from '../../db/generate-sql';
import { ownerCondition, ownerRowCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { columnIn, type SqlParameters } from '../../db/sql-parameters';
import { splitAtWholeMonths } from '../../lib/dates';
import { minorFromDatabase } from '../../lib/money';
import type { DashboardPeriod, OwnerCurrencies, PeriodGroup } from './dashboard.model';

const period = (f: { date: string }, accountIds: number[] | null): DashboardPeriod => ({ from: f.date, to: f.date, accountIds });

/** The dashboard's reads: sums done by the database (GROUP BY), the same SQL for both databases. */
export class DashboardRepository extends Repository {
  /**
   * The owner's currency and their accounts' currencies in one round trip. The currency is on the
   * user's own row, which the scope names by its id (it is the owner, not a row it owns); the
   * accounts are the owned rows.
   */
  @GenerateSql({ params: (f) => [f.scope] })
  async currencies(scope: OwnerScope): Promise<OwnerCurrencies | null> {
    const parameters = this.parameters();
    const rows = await this.query<{ currency: string; accountId: number | null; accountCurrency: string | null }>(
      `SELECT "u"."currency" AS "currency", "a"."id" AS "accountId", "a"."currency" AS "accountCurrency"
        FROM "users" "u" LEFT JOIN "accounts" "a" ON ${ownerCondition(scope, 'a', parameters)} WHERE ${ownerRowCondition(scope, 'u', parameters)}`,
      parameters,
    );
    if (rows.length === 0) return null;
    const accounts: OwnerCurrencies['accounts'] = [];
    for (const row of rows) if (row.accountId !== null) accounts.push({ id: Number(row.accountId), currency: row.accountCurrency! });
    return { currency: rows[0].currency, accounts };
  }

  /**
   * Sums by category and month over the period: a few hundred groups at most for a year. A split
   * transaction counts by its parts' categories; legs of transfers (rows and parts) count as
   * neither income nor expense. The whole months come from the sums the triggers keep per month,
   * account and category (a year reads a few hundred rows, however many transactions); only the
   * days at either end outside a whole month are summed from the rows. One statement.
   */
  @GenerateSql(
    { name: 'all accounts', params: (f) => [f.scope, period(f, null)] },
    { name: 'some accounts', params: (f) => [f.scope, period(f, [f.accountId])] },
    { name: 'no account in the currency', params: (f) => [f.scope, period(f, [])] },
    { name: 'a whole year', params: (f) => [f.scope, { from: '2025-01-01', to: '2025-12-31', accountIds: null }] },
    { name: 'months and days, some accounts', params: (f) => [f.scope, { from: '2024-11-15', to: '2025-03-10', accountIds: [f.accountId] }] },
  )
  async sumsByCategoryAndMonth(scope: OwnerScope, inPeriod: DashboardPeriod): Promise<PeriodGroup[]> {
    const parameters = this.parameters();
    const { months, days } = splitAtWholeMonths(inPeriod.from, inPeriod.to);
    const parts = days.map((range) => this.sumsOfRows(scope, { ...inPeriod, ...range }, parameters));
    if (months) {
      const conditions = [ownerCondition(scope, 'ms', parameters), `"ms"."month" >= ${parameters.add(months.from)}`, `"ms"."month" <= ${parameters.add(months.to)}`];
      if (inPeriod.accountIds) conditions.push(columnIn('"ms"."account_id"', inPeriod.accountIds, parameters));
      parts.push(`SELECT NULLIF("ms"."category_key", 0) AS "categoryId", "ms"."month" AS "period", SUM("ms"."income") AS "income", SUM("ms"."expenses") AS "expenses", SUM("ms"."count") AS "count"
        FROM "monthly_sums" "ms" WHERE ${conditions.join(' AND ')} GROUP BY "ms"."category_key", "ms"."month" HAVING SUM("ms"."count") <> 0`);
    }
    const rows = await this.query<{ categoryId: unknown; period: string; income: unknown; expenses: unknown; count: unknown }>(parts.join(' UNION ALL '), parameters);
    return rows.map((row) => ({
      categoryId: row.categoryId === null ? null : Number(row.categoryId),
      period: row.period,
      income: minorFromDatabase(row.income),
      expenses: minorFromDatabase(row.expenses),
      count: Number(row.count),
    }));
  }

  /** The same sums from the rows of a few days: two passes over the (user, date) index, one aggregate. */
  private sumsOfRows(scope: OwnerScope, inPeriod: DashboardPeriod, parameters: SqlParameters): string {
    const whole = this.inPeriod(scope, inPeriod, parameters);
    const split = this.inPeriod(scope, inPeriod, parameters);
    return `SELECT "m"."category_id" AS "categoryId", SUBSTR("m"."date", 1, 7) AS "period",
        SUM(CASE WHEN "m"."amount" > 0 THEN "m"."amount" ELSE 0 END) AS "income",
        SUM(CASE WHEN "m"."amount" < 0 THEN -"m"."amount" ELSE 0 END) AS "expenses", COUNT(*) AS "count"
        FROM (
          SELECT "t"."category_id" AS "category_id", "t"."date" AS "date", "t"."amount" AS "amount" FROM "transactions" "t"
            WHERE ${whole} AND "t"."transfer_id" IS NULL AND NOT "t"."is_split"
          UNION ALL
          SELECT "s"."category_id", "t"."date", "s"."amount" FROM "transactions" "t" INNER JOIN "transaction_splits" "s" ON "s"."transaction_id" = "t"."id"
            WHERE ${split} AND "t"."is_split" AND "s"."transfer_id" IS NULL
        ) "m" GROUP BY "m"."category_id", SUBSTR("m"."date", 1, 7)`;
  }

  /**
   * The period's transactions (aliased `t`). With every account in the owner's currency there is
   * no account condition at all, and the (user, date) index alone is read.
   */
  private inPeriod(scope: OwnerScope, { from, to, accountIds }: DashboardPeriod, parameters: SqlParameters): string {
    const conditions = [ownerCondition(scope, 't', parameters), `"t"."date" >= ${parameters.add(from)}`, `"t"."date" <= ${parameters.add(to)}`];
    if (accountIds) conditions.push(columnIn('"t"."account_id"', accountIds, parameters));
    return conditions.join(' AND ');
  }
}
