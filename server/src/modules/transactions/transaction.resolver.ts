import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type RequestContext } from '../../api/graphql/context';
import { MoneyScalar } from '../../api/graphql/scalars';
import { formatMoney } from '../../lib/money';
import { ReceiptType } from '../receipts/receipt.type';
import { MoneyTotal, TransactionConnection } from './transaction-connection';
import { encodeCursor } from './transaction-query';
import { Transaction } from './transaction.entity';
import { CreateTransactionInput, TransactionFilter, UpdateTransactionInput } from './transaction.inputs';
import type { TransactionService } from './transaction.service';

const DEFAULT_PAGE_SIZE = 50;

@Resolver(() => Transaction)
export class TransactionResolver {
  constructor(private readonly services: { transactions: TransactionService }) {}

  @Query(() => TransactionConnection)
  async transactions(
    @Ctx() context: RequestContext,
    @Arg('filter', () => TransactionFilter, { nullable: true }) filter: TransactionFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: 'At most 200.' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<TransactionConnection> {
    const userId = requireUser(context);
    const page = await this.services.transactions.listForUser(userId, filter, first ?? DEFAULT_PAGE_SIZE, after);
    return {
      edges: page.rows.map((node) => ({ cursor: encodeCursor(node), node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      userId,
      filter,
    };
  }

  @Query(() => Transaction, { nullable: true, description: 'NOT_FOUND for an id that is not one of yours.' })
  transaction(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<Transaction> {
    return this.services.transactions.getForUser(requireUser(context), id);
  }

  @Mutation(() => Transaction)
  createTransaction(
    @Arg('input', () => CreateTransactionInput) input: CreateTransactionInput,
    @Ctx() context: RequestContext,
  ): Promise<Transaction> {
    const { clientMutationId, ...data } = input;
    return this.services.transactions.create(requireUser(context), data, clientMutationId);
  }

  @Mutation(() => Transaction)
  updateTransaction(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTransactionInput) input: UpdateTransactionInput,
    @Ctx() context: RequestContext,
  ): Promise<Transaction> {
    return this.services.transactions.update(requireUser(context), id, input);
  }

  @Mutation(() => Boolean, { description: 'Deletes the transaction with its receipts and their files.' })
  deleteTransaction(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<boolean> {
    return this.services.transactions.delete(requireUser(context), id);
  }

  @FieldResolver(() => MoneyScalar, { description: "In the account's currency." })
  amount(@Root() transaction: Transaction): string {
    return formatMoney(transaction.amount, transaction.account.currency);
  }

  @FieldResolver(() => [ReceiptType])
  receipts(@Root() transaction: Transaction, @Ctx() context: RequestContext): Promise<ReceiptType[]> {
    return context.loaders.receiptsByTransaction.load(transaction.id);
  }
}

@Resolver(() => TransactionConnection)
export class TransactionConnectionResolver {
  constructor(private readonly services: { transactions: TransactionService }) {}

  @FieldResolver(() => Int, { description: 'How many transactions match the filter (counted only when asked for).' })
  totalCount(@Root() connection: TransactionConnection): Promise<number> {
    return this.services.transactions.countForUser(connection.userId, connection.filter);
  }

  @FieldResolver(() => [MoneyTotal], {
    description: 'The sum of every transaction that matches the filter, one entry per currency of their accounts (summed only when asked for).',
  })
  async totals(@Root() connection: TransactionConnection): Promise<MoneyTotal[]> {
    const totals = await this.services.transactions.totalsForUser(connection.userId, connection.filter);
    return totals.map((total) => ({ currency: total.currency, amount: formatMoney(total.amount, total.currency), count: total.count }));
  }
}
