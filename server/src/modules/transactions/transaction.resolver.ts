import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../api/graphql/context';
import { CurrentUser } from '../../api/graphql/current-user';
import { decodeCursor, encodeCursor } from '../../api/graphql/cursors';
import { decodeId, decodeOptionalId } from '../../api/graphql/ids';
import type { OwnerScope } from '../../db/owner-scope';
import { badInput } from '../../lib/errors';
import { ReceiptType } from '../receipts/receipt.type';
import { splitData } from '../splits/split.resolver';
import { TransferLegActionValue } from '../transfers/transfer.type';
import { MoneyTotal, TransactionConnection } from './transaction-connection';
import { CreateTransactionInput, TransactionFilter, UpdateTransactionInput } from './transaction.inputs';
import type { TransactionFilterData, TransactionRecord, TransactionTotal } from './transaction.model';
import type { TransactionService } from './transaction.service';
import { Transaction } from './transaction.type';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

/** The filter with its ids decoded (an id that is not one names nothing). */
export function filterData(filter: TransactionFilter | null): TransactionFilterData | null {
  if (!filter) return null;
  return { ...filter, accountId: decodeOptionalId(filter.accountId), categoryId: decodeOptionalId(filter.categoryId) };
}

@Resolver(() => Transaction)
export class TransactionResolver {
  constructor(private readonly services: { transactions: TransactionService }) {}

  @Query(() => TransactionConnection)
  async transactions(
    @CurrentUser() scope: OwnerScope,
    @Arg('filter', () => TransactionFilter, { nullable: true }) filter: TransactionFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: 'At most 200.' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<TransactionConnection> {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) throw badInput('first', `Ask for between 0 and ${MAX_PAGE_SIZE} transactions.`);
    const data = filterData(filter);
    const page = await this.services.transactions.listForUser(scope, data, size, after ? decodeCursor(after) : null);
    const edges = page.rows.map((node) => ({ cursor: encodeCursor(node), node }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
      scope,
      filter: data,
    };
  }

  @Query(() => Transaction, { nullable: true, description: 'NOT_FOUND for an id that is not one of yours.' })
  transaction(@Arg('id', () => ID) id: string, @CurrentUser() scope: OwnerScope): Promise<TransactionRecord> {
    return this.services.transactions.getForUser(scope, decodeId(id));
  }

  @Mutation(() => Transaction)
  createTransaction(@Arg('input', () => CreateTransactionInput) input: CreateTransactionInput, @CurrentUser() scope: OwnerScope): Promise<TransactionRecord> {
    const { clientMutationId, splits, ...data } = input;
    return this.services.transactions.create(
      scope,
      { ...data, accountId: decodeOptionalId(data.accountId), categoryId: decodeOptionalId(data.categoryId), ...(splits ? { splits: splitData(splits) } : {}) },
      clientMutationId,
    );
  }

  @Mutation(() => Transaction)
  updateTransaction(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTransactionInput) input: UpdateTransactionInput,
    @CurrentUser() scope: OwnerScope,
  ): Promise<TransactionRecord> {
    const changes = { ...input, accountId: decodeOptionalId(input.accountId), categoryId: decodeOptionalId(input.categoryId) };
    return this.services.transactions.update(scope, decodeId(id), changes);
  }

  @Mutation(() => Boolean, { description: 'Deletes the transaction with its receipts and their files (and its parts).' })
  deleteTransaction(
    @Arg('id', () => ID) id: string,
    @CurrentUser() scope: OwnerScope,
    @Arg('otherLeg', () => TransferLegActionValue, {
      nullable: true,
      description: 'For a leg of a transfer: what happens to the other leg. Left out: legs made together (createTransfer, a transfer part) go together; legs you linked stay.',
    })
    otherLeg?: TransferLegActionValue | null,
  ): Promise<boolean> {
    return this.services.transactions.delete(scope, decodeId(id), otherLeg ?? null);
  }

  @FieldResolver(() => [ReceiptType])
  receipts(@Root() transaction: TransactionRecord, @Ctx() context: RequestContext): Promise<ReceiptType[]> {
    return context.loaders.receiptsByTransaction.load(transaction.id);
  }
}

@Resolver(() => TransactionConnection)
export class TransactionConnectionResolver {
  constructor(private readonly services: { transactions: TransactionService }) {}

  @FieldResolver(() => Int, { description: 'How many transactions match the filter (counted only when asked for).' })
  totalCount(@Root() connection: TransactionConnection): Promise<number> {
    return this.services.transactions.countForUser(connection.scope, connection.filter);
  }

  @FieldResolver(() => [MoneyTotal], {
    description: 'The sum of every transaction that matches the filter, one entry per currency of their accounts (summed only when asked for).',
  })
  totals(@Root() connection: TransactionConnection): Promise<TransactionTotal[]> {
    return this.services.transactions.totalsForUser(connection.scope, connection.filter);
  }
}
