import type { EntityManager } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { badInput } from '../../lib/errors';
import type { MinorUnits } from '../../lib/money';
import type { SplitRepository } from '../splits/split.repository';
import type { NewTransaction, TransactionRecord } from '../transactions/transaction.model';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { TransferRepository } from './transfer.repository';

/** What deleting a leg does to the other: delete it too, or leave it as a plain transaction. */
export type OtherLegAction = 'DELETE' | 'UNLINK';

/** A transaction's row as the repository writes it. */
export function rowOf(record: TransactionRecord): NewTransaction {
  return { accountId: record.accountId, categoryId: record.categoryId, date: record.date, amount: record.amount.minor, description: record.description, notes: record.notes };
}

/**
 * What happens to a transfer's other leg when one leg changes or goes: the rules the transaction
 * service applies inside its write transaction.
 */
export class TransferLegs {
  constructor(
    private readonly transfers: TransferRepository,
    private readonly transactions: TransactionRepository,
    private readonly splits: SplitRepository,
  ) {}

  /** Locks the row and, when it is a leg, its other leg (before either is read for a change). */
  async lock(manager: EntityManager, scope: OwnerScope, current: TransactionRecord): Promise<void> {
    const ids = [current.id];
    if (current.transferId !== null) {
      const [transfer] = await this.transfers.within(manager).findManyByIds(scope, [current.transferId]);
      if (transfer) ids.push(current.id === transfer.outflowTransactionId ? transfer.inflowTransactionId : transfer.outflowTransactionId);
    }
    await this.transactions.within(manager).lockForWrite(scope, ids.sort((a, b) => a - b));
  }

  /**
   * The leg `current` is about to get this account and amount: the other leg keeps the opposite
   * amount in one currency (an opposite sign across currencies), and the sides swap when the money
   * now goes the other way.
   */
  async keepInStep(manager: EntityManager, scope: OwnerScope, current: TransactionRecord, next: { accountId: number; currency: string; amount: MinorUnits }): Promise<void> {
    if (current.transferId === null) return;
    const transfers = this.transfers.within(manager);
    const [transfer] = await transfers.findManyByIds(scope, [current.transferId]);
    if (!transfer) return;
    const isOutflow = transfer.outflowTransactionId === current.id;
    const otherId = isOutflow ? transfer.inflowTransactionId : transfer.outflowTransactionId;
    const transactions = this.transactions.within(manager);
    const [other, parts] = await Promise.all([transactions.findById(scope, otherId), this.splits.within(manager).listForTransfers(scope, [transfer.id])]);
    if (!other) return;
    const otherPart = parts.find((part) => part.transactionId === otherId) ?? null;
    if (next.accountId === other.accountId) throw badInput('accountId', 'The legs of a transfer are on two different accounts.');
    if (next.amount === 0n) throw badInput('amount', 'A transfer moves some money: give an amount other than 0.');
    const otherAmount = otherPart ? otherPart.amount.minor : other.amount.minor;
    if (next.currency === other.account.currency) {
      if (otherAmount !== -next.amount) {
        if (otherPart) throw badInput('amount', 'The other leg is a part of a split transaction: change the amount there, with setSplits.');
        await transactions.update(scope, other.id, { ...rowOf(other), amount: -next.amount });
      }
    } else if (next.amount < 0n === otherAmount < 0n) {
      throw badInput('amount', 'The legs of a transfer move money in opposite directions: one out, one in.');
    }
    if (next.amount > 0n === isOutflow) await transfers.swapSides(scope, transfer.id);
  }

  /**
   * Before `transactionId` is deleted: unlinks its transfers, and answers the other legs to delete
   * with it. Without an action, legs made together go together and legs the user linked stay. A
   * leg that is a part of a split transaction is only unlinked: its transaction is more than it.
   */
  async otherLegsToDelete(manager: EntityManager, scope: OwnerScope, transactionId: number, action: OtherLegAction | null): Promise<number[]> {
    const transfers = this.transfers.within(manager);
    const touching = await transfers.findTouching(scope, [transactionId]);
    if (!touching.length) return [];
    const parts = await this.splits.within(manager).listForTransfers(
      scope,
      touching.map((transfer) => transfer.id),
    );
    const others: number[] = [];
    for (const transfer of touching) {
      const otherId = transfer.outflowTransactionId === transactionId ? transfer.inflowTransactionId : transfer.outflowTransactionId;
      const otherIsPart = parts.some((part) => part.transferId === transfer.id && part.transactionId === otherId);
      if ((action ?? (transfer.origin === 'created' ? 'DELETE' : 'UNLINK')) === 'DELETE' && !otherIsPart) others.push(otherId);
      else await transfers.delete(scope, transfer.id);
    }
    return others;
  }
}
