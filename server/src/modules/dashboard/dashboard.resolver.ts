import { Arg, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../api/graphql/current-user';
import { DateScalar } from '../../api/graphql/scalars';
import type { OwnerScope } from '../../db/owner-scope';
import { Dashboard } from './dashboard.types';
import type { DashboardService } from './dashboard.service';

@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(private readonly services: { dashboard: DashboardService }) {}

  @Query(() => Dashboard, { description: 'Defaults to the current month; both dates inclusive.' })
  dashboard(
    @CurrentUser() scope: OwnerScope,
    @Arg('from', () => DateScalar, { nullable: true }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to: string | null,
  ): Promise<Dashboard> {
    // Its amounts are Money values, which the Money scalar serialises as they are.
    return this.services.dashboard.summarise(scope, { from, to });
  }
}
