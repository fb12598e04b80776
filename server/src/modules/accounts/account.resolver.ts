import { Arg, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../api/graphql/current-user';
import { decodeId } from '../../api/graphql/ids';
import type { OwnerScope } from '../../db/owner-scope';
import type { AccountRecord } from './account.model';
import { CreateAccountInput, UpdateAccountInput } from './account.inputs';
import type { AccountService } from './account.service';
import { Account } from './account.type';

@Resolver(() => Account)
export class AccountResolver {
  constructor(private readonly services: { accounts: AccountService }) {}

  @Query(() => [Account])
  accounts(@CurrentUser() scope: OwnerScope): Promise<AccountRecord[]> {
    return this.services.accounts.listForUser(scope);
  }

  @Mutation(() => Account)
  createAccount(@Arg('input', () => CreateAccountInput) input: CreateAccountInput, @CurrentUser() scope: OwnerScope): Promise<AccountRecord> {
    const { clientMutationId, ...data } = input;
    return this.services.accounts.create(scope, data, clientMutationId);
  }

  @Mutation(() => Account)
  updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
    @CurrentUser() scope: OwnerScope,
  ): Promise<AccountRecord> {
    return this.services.accounts.update(scope, decodeId(id), input);
  }

  @Mutation(() => Boolean, {
    description: 'An account with transactions is deleted only with deleteTransactions: true (otherwise CONFLICT).',
  })
  deleteAccount(
    @Arg('id', () => ID) id: string,
    @Arg('deleteTransactions', () => Boolean, { defaultValue: false }) deleteTransactions: boolean,
    @CurrentUser() scope: OwnerScope,
  ): Promise<boolean> {
    return this.services.accounts.delete(scope, decodeId(id), deleteTransactions);
  }
}
