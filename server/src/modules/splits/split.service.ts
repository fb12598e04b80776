import { LIMITS } from '@finance-tracker/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { badInput, notFound } from '../../lib/errors';
import { Money, parseMoney, type MinorUnits } from '../../lib/money';
import { optionalText } from '../../lib/text';
import type { AccountRecord } from '../accounts/account.model';
import type { AccountRepository } from '../accounts/account.repository';
import type { CategoryRepository } from '../categories/category.repository';
import { HAND_SET, type TransactionRecord } from '../transactions/transaction.model';
import type { TransactionRepository } from '../transactions/transaction.repository';
import { rowOf } from '../transfers/transfer-legs';
import type { TransferRepository } from '../transfers/transfer.repository';
import type { SplitData, SplitRecord } from './split.model';
import type { SplitRepository } from './split.repository';

/** A part checked and in minor units, with the account it moves money to or from, if any. */
interface CheckedPart {
  amount: MinorUnits;
  categoryId: number | null;
  notes: string;
  transferAccount: AccountRecord | null;
}

/** Split transactions: parts that add up to the transaction exactly, some of them transfers. */
export class SplitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly splits: SplitRepository,
    private readonly transactions: TransactionRepository,
    private readonly transfers: TransferRepository,
    private readonly accounts: AccountRepository,
    private readonly categories: CategoryRepository,
  ) {}

  /** The parts of these transactions, grouped by transaction in the order asked. */
  async listForTransactions(scope: OwnerScope, transactionIds: readonly number[]): Promise<SplitRecord[][]> {
    const byTransaction = new Map<number, SplitRecord[]>(transactionIds.map((id) => [id, []]));
    for (const split of await this.splits.listForTransactions(scope, transactionIds)) byTransaction.get(split.transactionId)?.push(split);
    return transactionIds.map((id) => byTransaction.get(id)!);
  }

  /** The parts that are legs of these transfers (in no order). */
  listForTransfers(scope: OwnerScope, transferIds: readonly number[]): Promise<SplitRecord[]> {
    return this.splits.listForTransfers(scope, transferIds);
  }

  /** Replaces the transaction's parts (none: no longer split) and answers it as the write left it. */
  async setSplits(scope: OwnerScope, transactionId: number, parts: readonly SplitData[]): Promise<TransactionRecord> {
    return writeTransaction(this.dataSource, async (manager) => {
      const transactions = this.transactions.within(manager);
      await transactions.lockForWrite(scope, [transactionId]);
      const transaction = await transactions.findById(scope, transactionId);
      if (!transaction) throw notFound('Transaction');
      await this.replaceWithin(manager, scope, transaction, parts);
      // Parts are the user's categorising: rules leave them alone from now on.
      await transactions.markHandSet(scope, transactionId, HAND_SET.CATEGORY);
      return (await transactions.findById(scope, transactionId))!;
    });
  }

  /**
   * The parts replaced inside the caller's write transaction (a create with parts uses it too).
   * A transfer part keeps its other leg when the new parts still move money with that account
   * (its amount kept opposite); a part that goes takes the leg it made with it, and leaves a leg
   * the user linked as a plain transaction.
   */
  async replaceWithin(manager: EntityManager, scope: OwnerScope, transaction: TransactionRecord, parts: readonly SplitData[]): Promise<void> {
    if (transaction.transferId !== null) throw badInput('splits', 'This transaction is a leg of a transfer: unlink it before splitting it.');
    const checked = await this.check(manager, scope, transaction, parts);
    const splits = this.splits.within(manager);
    const transfers = this.transfers.within(manager);
    const transactions = this.transactions.within(manager);

    const existing = transaction.isSplit ? await splits.listForTransactions(scope, [transaction.id]) : [];
    const oldTransfers = await transfers.findManyByIds(scope, existing.flatMap((part) => (part.transferId === null ? [] : [part.transferId])));
    const counterpartIds = oldTransfers.map((transfer) => (transfer.outflowTransactionId === transaction.id ? transfer.inflowTransactionId : transfer.outflowTransactionId));
    const counterparts = await transactions.findManyByIds(scope, counterpartIds);
    const counterpartOf = new Map(oldTransfers.map((transfer, index) => [transfer, counterparts.find((row) => row.id === counterpartIds[index]) ?? null]));
    const kept = new Map<number, { transferId: number; counterpart: TransactionRecord }>();
    const unused = [...counterpartOf.entries()];
    checked.forEach((part, position) => {
      if (!part.transferAccount) return;
      const index = unused.findIndex(([, counterpart]) => counterpart?.accountId === part.transferAccount!.id);
      if (index < 0) return;
      const [[transfer, counterpart]] = unused.splice(index, 1);
      kept.set(position, { transferId: transfer.id, counterpart: counterpart! });
    });
    // Parts that go: a leg made with the part goes with it; a leg the user linked stays, unlinked.
    const madeLegs: number[] = [];
    for (const [transfer, counterpart] of unused) {
      await transfers.delete(scope, transfer.id);
      if (transfer.origin === 'created' && counterpart) madeLegs.push(counterpart.id);
    }
    if (madeLegs.length) await transactions.deleteMany(scope, madeLegs);

    await splits.deleteForTransaction(scope, transaction.id);
    const ids = await splits.insertMany(
      scope,
      checked.map((part, position) => ({ transactionId: transaction.id, position, amount: part.amount, categoryId: part.categoryId, notes: part.notes })),
    );
    const newLegs: { position: number; account: AccountRecord }[] = [];
    for (const [position, part] of checked.entries()) {
      const keep = kept.get(position);
      if (keep) {
        await splits.setTransfer(scope, ids[position], keep.transferId);
        if (keep.counterpart.amount.minor !== -part.amount) {
          await transactions.update(scope, keep.counterpart.id, { ...rowOf(keep.counterpart), amount: -part.amount });
        }
        const [transfer] = await transfers.findManyByIds(scope, [keep.transferId]);
        if (transfer && (transfer.outflowTransactionId === transaction.id) !== part.amount < 0n) await transfers.swapSides(scope, transfer.id);
      } else if (part.transferAccount) {
        newLegs.push({ position, account: part.transferAccount });
      }
    }
    if (newLegs.length) {
      const legIds = await transactions.insertMany(
        scope,
        newLegs.map(({ position, account }) => ({
          accountId: account.id,
          categoryId: null,
          date: transaction.date,
          amount: -checked[position].amount,
          description: transaction.description || `Transfer ${checked[position].amount < 0n ? 'from' : 'to'} ${transaction.account.name}`,
          notes: checked[position].notes,
        })),
      );
      await transfers.insertMany(
        scope,
        newLegs.map(({ position }, index) => {
          const out = checked[position].amount < 0n;
          return {
            outflowTransactionId: out ? transaction.id : legIds[index],
            inflowTransactionId: out ? legIds[index] : transaction.id,
            origin: 'created' as const,
            [out ? 'outflowSplitId' : 'inflowSplitId']: ids[position],
          };
        }),
      );
    }
    await transactions.setSplit(scope, transaction, checked.length ? checked.map((part) => part.notes) : null);
  }

  private async check(manager: EntityManager, scope: OwnerScope, transaction: TransactionRecord, parts: readonly SplitData[]): Promise<CheckedPart[]> {
    if (parts.length > LIMITS.splits) throw badInput('splits', `Split a transaction into at most ${LIMITS.splits} parts.`);
    const currency = transaction.account.currency;
    const [categories, accounts] = await Promise.all([this.categories.within(manager).names(scope), this.accounts.within(manager).list(scope)]);
    const categoryIds = new Set(categories.map((category) => category.id));
    const checked = parts.map((part, index): CheckedPart => {
      const field = `splits[${index}]`;
      const amount = parseMoney(part.amount, currency, `${field}.amount`);
      if (amount === 0n) throw badInput(`${field}.amount`, 'A part of 0 says nothing: give it an amount or leave it out.');
      if (part.categoryId != null && !categoryIds.has(part.categoryId)) throw badInput(`${field}.categoryId`, 'There is no such category.');
      let transferAccount: AccountRecord | null = null;
      if (part.transferAccountId != null) {
        transferAccount = accounts.find((account) => account.id === part.transferAccountId) ?? null;
        if (!transferAccount) throw badInput(`${field}.transferAccountId`, 'There is no such account.');
        if (transferAccount.id === transaction.accountId) throw badInput(`${field}.transferAccountId`, 'A transfer part moves money to another account than the transaction’s.');
        if (transferAccount.currency !== currency) throw badInput(`${field}.transferAccountId`, `A transfer part moves money within one currency: ${transferAccount.name} is in ${transferAccount.currency}.`);
        if (part.categoryId != null) throw badInput(`${field}.categoryId`, 'A transfer part has no category: it is neither income nor expense.');
      }
      return { amount, categoryId: part.categoryId ?? null, notes: optionalText(part.notes ?? '', `${field}.notes`, LIMITS.notes), transferAccount };
    });
    if (checked.length) {
      const sum = checked.reduce((total, part) => total + part.amount, 0n);
      if (sum !== transaction.amount.minor) {
        const difference = sum - transaction.amount.minor;
        const size = new Money(difference < 0n ? -difference : difference, currency).toString();
        throw badInput('splits', `The parts add up to ${new Money(sum, currency).toString()} but the transaction is ${transaction.amount.toString()} ${currency}: a difference of ${size}.`);
      }
    }
    return checked;
  }
}
