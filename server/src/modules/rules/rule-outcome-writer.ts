import type { EntityManager } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { Money } from '../../lib/money';
import type { SplitRepository } from '../splits/split.repository';
import type { SplitService } from '../splits/split.service';
import type { TransactionRecord } from '../transactions/transaction.model';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { TransferService } from '../transfers/transfer.service';
import type { RuleOutcome, RulePart } from './rule.model';

/** What rules changed, written onto stored transactions inside the caller's write transaction. */
export class RuleOutcomeWriter {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly splits: { service: SplitService; repository: SplitRepository },
    private readonly transfers: TransferService,
  ) {}

  /**
   * Each row's outcome: categories in one statement per category, texts row by row (their search
   * text with them), parts through the split service, transfers through the transfer service.
   * Answers the rows changed (a transfer that cannot be made leaves its row out).
   */
  async write(manager: EntityManager, scope: OwnerScope, changes: readonly { record: TransactionRecord; outcome: RuleOutcome }[]): Promise<number> {
    const transactions = this.transactions.within(manager);
    const byCategory = new Map<number, number[]>();
    const texts = changes.filter(({ outcome }) => outcome.description !== undefined || outcome.notes !== undefined);
    const partNotes = new Map<number, string[]>();
    const splitRows = texts.filter(({ record }) => record.isSplit).map(({ record }) => record.id);
    for (const part of await this.splits.repository.within(manager).listForTransactions(scope, splitRows)) {
      partNotes.set(part.transactionId, [...(partNotes.get(part.transactionId) ?? []), part.notes]);
    }
    for (const { record, outcome } of texts) {
      await transactions.update(
        scope,
        record.id,
        {
          accountId: record.accountId,
          categoryId: outcome.categoryId ?? record.categoryId,
          date: record.date,
          amount: record.amount.minor,
          description: outcome.description ?? record.description,
          notes: outcome.notes ?? record.notes,
        },
        partNotes.get(record.id) ?? [],
      );
    }
    for (const { record, outcome } of changes) {
      if (outcome.categoryId !== undefined && outcome.description === undefined && outcome.notes === undefined) {
        byCategory.set(outcome.categoryId, [...(byCategory.get(outcome.categoryId) ?? []), record.id]);
      }
    }
    for (const [categoryId, ids] of byCategory) await transactions.setCategory(scope, ids, categoryId);
    let changed = 0;
    for (const { record, outcome } of changes) {
      if (outcome.splits) await this.splits.service.replaceWithin(manager, scope, record, splitData(outcome.splits, record.account.currency));
      const linked = outcome.transferAccountId !== undefined && (await this.transfers.linkToAccountWithin(manager, scope, record.id, outcome.transferAccountId));
      const written = outcome.categoryId !== undefined || outcome.description !== undefined || outcome.notes !== undefined || outcome.splits !== undefined;
      if (written || linked) changed += 1;
    }
    return changed;
  }

  /** New rows that rules make legs with an account (a create, an import's commit): whether each became one. */
  async linkNew(manager: EntityManager, scope: OwnerScope, legs: readonly { transactionId: number; accountId: number }[]): Promise<void> {
    for (const leg of legs) await this.transfers.linkToAccountWithin(manager, scope, leg.transactionId, leg.accountId);
  }
}

/** Parts as the split service takes them: decimal strings in the account's currency. */
export function splitData(parts: readonly RulePart[], currency: string) {
  return parts.map((part) => ({ amount: new Money(part.amount, currency).toString(), categoryId: part.categoryId, notes: part.notes }));
}
