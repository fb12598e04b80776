import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '../../api/graphql/context';
import { DateScalar } from '../../api/graphql/scalars';
import { formatMoney } from '../../lib/money';
import { Dashboard } from './dashboard.types';
import type { DashboardService } from './dashboard.service';

@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(private readonly services: { dashboard: DashboardService }) {}

  @Query(() => Dashboard, { description: 'Defaults to the current month; both dates inclusive.' })
  async dashboard(
    @Ctx() context: RequestContext,
    @Arg('from', () => DateScalar, { nullable: true }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to: string | null,
  ): Promise<Dashboard> {
    const summary = await this.services.dashboard.summarise(requireUser(context), from, to);
    const money = (minor: bigint) => formatMoney(minor, summary.currency);
    return {
      from: summary.from,
      to: summary.to,
      currency: summary.currency,
      income: money(summary.income),
      expenses: money(summary.expenses),
      net: money(summary.income - summary.expenses),
      byCategory: summary.byCategory.map((row) => ({ category: row.category, total: money(row.total), count: row.count })),
      monthly: summary.monthly.map((row) => ({ period: row.period, income: money(row.income), expenses: money(row.expenses) })),
      recent: summary.recent,
      otherCurrencies: summary.otherCurrencies,
    };
  }
}
