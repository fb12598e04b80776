import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type RequestContext } from '../../api/graphql/context';
import { MoneyScalar } from '../../api/graphql/scalars';
import { formatMoney } from '../../lib/money';
import { Account } from './account.entity';
import { CreateAccountInput, UpdateAccountInput } from './account.inputs';
import type { AccountService } from './account.service';

@Resolver(() => Account)
export class AccountResolver {
  constructor(private readonly services: { accounts: AccountService }) {}

  @Query(() => [Account])
  accounts(@Ctx() context: RequestContext): Promise<Account[]> {
    return this.services.accounts.listForUser(requireUser(context));
  }

  @Mutation(() => Account)
  createAccount(@Arg('input', () => CreateAccountInput) input: CreateAccountInput, @Ctx() context: RequestContext): Promise<Account> {
    const { clientMutationId, ...data } = input;
    return this.services.accounts.create(requireUser(context), data, clientMutationId);
  }

  @Mutation(() => Account)
  updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() context: RequestContext,
  ): Promise<Account> {
    return this.services.accounts.update(requireUser(context), id, input);
  }

  @Mutation(() => Boolean, {
    description: 'An account with transactions is deleted only with deleteTransactions: true (otherwise CONFLICT).',
  })
  deleteAccount(
    @Arg('id', () => ID) id: string,
    @Arg('deleteTransactions', () => Boolean, { defaultValue: false }) deleteTransactions: boolean,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    return this.services.accounts.delete(requireUser(context), id, deleteTransactions);
  }

  @FieldResolver(() => MoneyScalar)
  openingBalance(@Root() account: Account): string {
    return formatMoney(account.openingBalance, account.currency);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Opening balance plus every transaction of the account.' })
  balance(@Root() account: Account): string {
    return formatMoney(account.balance, account.currency);
  }
}
