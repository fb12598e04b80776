import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../api/graphql/context';
import { CurrentUser } from '../../api/graphql/current-user';
import { decodeId } from '../../api/graphql/ids';
import type { OwnerScope } from '../../db/owner-scope';
import { notFound } from '../../lib/errors';
import type { SplitRecord } from '../splits/split.model';
import { SplitType } from '../splits/split.type';
import type { TransactionRecord } from '../transactions/transaction.model';
import type { TransactionService } from '../transactions/transaction.service';
import { Transaction } from '../transactions/transaction.type';
import { CreateTransferInput } from './transfer.inputs';
import type { TransferRecord } from './transfer.model';
import { transferRate } from './transfer-rate';
import type { TransferService } from './transfer.service';
import { TransactionKindValue, TransferType } from './transfer.type';

@Resolver(() => TransferType)
export class TransferResolver {
  constructor(private readonly services: { transfers: TransferService; transactions: TransactionService }) {}

  @Mutation(() => TransferType, { description: 'Both legs at once: money out of one account, into the other.' })
  createTransfer(@Arg('input', () => CreateTransferInput) input: CreateTransferInput, @CurrentUser() scope: OwnerScope): Promise<TransferRecord> {
    const { clientMutationId, fromAccountId, toAccountId, ...rest } = input;
    return this.services.transfers.create(scope, { ...rest, fromAccountId: decodeId(fromAccountId), toAccountId: decodeId(toAccountId) }, clientMutationId);
  }

  @Mutation(() => TransferType, {
    description: 'Links two existing transactions of different accounts: in one currency with opposite amounts, across currencies any amounts (out < 0 < in). Their categories go.',
  })
  linkTransfer(@Arg('outflowId', () => ID) outflowId: string, @Arg('inflowId', () => ID) inflowId: string, @CurrentUser() scope: OwnerScope): Promise<TransferRecord> {
    return this.services.transfers.link(scope, decodeId(outflowId), decodeId(inflowId));
  }

  @Mutation(() => Boolean, { description: 'Both legs stay, as plain transactions of their accounts.' })
  unlinkTransfer(@Arg('id', () => ID) id: string, @CurrentUser() scope: OwnerScope): Promise<boolean> {
    return this.services.transfers.unlink(scope, decodeId(id));
  }

  @Mutation(() => Transaction, {
    description: "Remembers that the suggested transaction is not this one's other leg: it is not offered again. Answers the transaction, with its next suggestion.",
  })
  async rejectTransferSuggestion(
    @Arg('transactionId', () => ID) transactionId: string,
    @Arg('suggestedId', () => ID) suggestedId: string,
    @CurrentUser() scope: OwnerScope,
  ): Promise<TransactionRecord> {
    await this.services.transfers.reject(scope, decodeId(transactionId), decodeId(suggestedId));
    return this.services.transactions.getForUser(scope, decodeId(transactionId));
  }

  @FieldResolver(() => Transaction, { description: 'The leg on the account the money left (its amount, or its part’s, is < 0).' })
  outflow(@Root() transfer: TransferRecord, @Ctx() context: RequestContext): Promise<TransactionRecord> {
    return leg(context, transfer.outflowTransactionId);
  }

  @FieldResolver(() => Transaction, { description: 'The leg on the account the money reached.' })
  inflow(@Root() transfer: TransferRecord, @Ctx() context: RequestContext): Promise<TransactionRecord> {
    return leg(context, transfer.inflowTransactionId);
  }

  @FieldResolver(() => SplitType, { nullable: true, description: 'When the outflow is a split transaction: the part that is this transfer.' })
  async outflowSplit(@Root() transfer: TransferRecord, @Ctx() context: RequestContext): Promise<SplitRecord | null> {
    return (await context.loaders.splitsByTransfer.load(transfer.id)).find((part) => part.transactionId === transfer.outflowTransactionId) ?? null;
  }

  @FieldResolver(() => SplitType, { nullable: true, description: 'When the inflow is a split transaction: the part that is this transfer.' })
  async inflowSplit(@Root() transfer: TransferRecord, @Ctx() context: RequestContext): Promise<SplitRecord | null> {
    return (await context.loaders.splitsByTransfer.load(transfer.id)).find((part) => part.transactionId === transfer.inflowTransactionId) ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Across currencies, the rate paid: the inflow's units per unit of the outflow's, to 6 decimals. Null in one currency." })
  async rate(@Root() transfer: TransferRecord, @Ctx() context: RequestContext): Promise<string | null> {
    const [outflow, inflow, parts] = await Promise.all([
      leg(context, transfer.outflowTransactionId),
      leg(context, transfer.inflowTransactionId),
      context.loaders.splitsByTransfer.load(transfer.id),
    ]);
    const amountOf = (row: TransactionRecord) => parts.find((part) => part.transactionId === row.id)?.amount ?? row.amount;
    return transferRate(amountOf(outflow), amountOf(inflow));
  }
}

/** What a transaction is and the transfer it belongs to, or could. */
@Resolver(() => Transaction)
export class TransactionTransferResolver {
  @FieldResolver(() => TransactionKindValue, { description: 'TRANSFER for a leg of a transfer; otherwise INCOME (amount > 0) or EXPENSE.' })
  kind(@Root() transaction: TransactionRecord): TransactionKindValue {
    if (transaction.transferId !== null) return TransactionKindValue.TRANSFER;
    return transaction.amount.minor > 0n ? TransactionKindValue.INCOME : TransactionKindValue.EXPENSE;
  }

  @FieldResolver(() => TransferType, { nullable: true, description: 'The transfer this transaction is a leg of (a split transaction’s transfer parts tell theirs).' })
  transfer(@Root() transaction: TransactionRecord, @Ctx() context: RequestContext): Promise<TransferRecord | null> | null {
    return transaction.transferId === null ? null : context.loaders.transferById.load(transaction.transferId);
  }

  @FieldResolver(() => Transaction, {
    nullable: true,
    description:
      'A transaction on another of your accounts that looks like this one’s other leg: the opposite amount in the same currency, within 4 days (nearest first), not a leg already, not rejected. Accept with linkTransfer, refuse with rejectTransferSuggestion. Null for legs and split transactions.',
  })
  async transferSuggestion(@Root() transaction: TransactionRecord, @Ctx() context: RequestContext): Promise<TransactionRecord | null> {
    if (transaction.transferId !== null || transaction.isSplit) return null;
    return context.loaders.transferSuggestion.load({ transactionId: transaction.id, accountId: transaction.accountId, date: transaction.date, amount: transaction.amount.minor });
  }
}

async function leg(context: RequestContext, id: number): Promise<TransactionRecord> {
  const transaction = await context.loaders.transactionById.load(id);
  if (!transaction) throw notFound('Transaction');
  return transaction;
}
