import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { conflict, notFound } from '../../lib/errors';
import type { ReceiptStorage } from '../../storage/receipt-storage';
import { removeStoredFiles } from '../../storage/remove-files';
import type { AccountRepository } from '../accounts/account.repository';
import type { CategoryRepository } from '../categories/category.repository';
import type { ReceiptRepository } from '../receipts/receipt.repository';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { UserRepository } from '../users/user.repository';

/** Transactions per DELETE when several go at once. */
const TRANSACTIONS_PER_DELETE = 5000;

/** What a deletion takes away, with everything that hangs on it. */
export type Owned =
  | { receipt: number }
  /**
   * With `alongWith`, the rows it names go too, in the same database transaction: it runs once the
   * transaction is known to be the owner's (the other leg of a transfer, say).
   */
  | { transaction: number; alongWith?: (manager: EntityManager) => Promise<number[]> }
  /** Several transactions at once (an import's undo); ids that are not the owner's are passed over. */
  | { transactions: readonly number[] }
  /** Without `deleteTransactions`, an account that still has transactions answers CONFLICT. */
  | { account: number; deleteTransactions: boolean }
  /** The user and every row they own. */
  | { everything: true };

export interface DeletionRepositories {
  receipts: ReceiptRepository;
  transactions: TransactionRepository;
  accounts: AccountRepository;
  categories: CategoryRepository;
  users: UserRepository;
}

/**
 * The one way rows with files go: every row in one database transaction, then the files they
 * named. A crash between the two leaves files no row points at, which the orphan sweep
 * (ReceiptService.sweepOrphans) removes; never a row whose file is gone.
 */
export class DeletionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repositories: DeletionRepositories,
    private readonly storage: ReceiptStorage,
    private readonly logger: Logger,
  ) {}

  /** NOT_FOUND (and nothing changes) when the thing named is not the owner's. */
  async deleteOwned(scope: OwnerScope, what: Owned): Promise<void> {
    const storageKeys = await writeTransaction(this.dataSource, (manager) => {
      const { receipts, transactions, accounts, categories, users } = this.repositories;
      return this.deleteRows(scope, what, manager, {
        receipts: receipts.within(manager),
        transactions: transactions.within(manager),
        accounts: accounts.within(manager),
        categories: categories.within(manager),
        users: users.within(manager),
      });
    });
    await removeStoredFiles(this.storage, this.logger, storageKeys);
  }

  /** Deletes the rows, children first (the result does not rest on ON DELETE CASCADE); answers the files they named. */
  private async deleteRows(
    scope: OwnerScope,
    what: Owned,
    manager: EntityManager,
    { receipts, transactions, accounts, categories, users }: DeletionRepositories,
  ): Promise<string[]> {
    if ('receipt' in what) {
      const receipt = await receipts.find(scope, what.receipt);
      if (!receipt) throw notFound('Receipt');
      await receipts.delete(scope, receipt.id);
      return [receipt.storageKey];
    }
    if ('transaction' in what && !what.alongWith) {
      const keys = await receipts.storageKeysOfTransaction(scope, what.transaction);
      if (!(await transactions.delete(scope, what.transaction))) throw notFound('Transaction');
      return keys;
    }
    if ('transaction' in what) {
      if (!(await transactions.findById(scope, what.transaction))) throw notFound('Transaction');
      const ids = [what.transaction, ...((await what.alongWith?.(manager)) ?? [])];
      const keys = await receipts.storageKeysOfTransactions(scope, ids);
      await transactions.deleteMany(scope, ids);
      return keys;
    }
    if ('transactions' in what) {
      const keys: string[] = [];
      // Slices stay under SQLite's bound-value limit and keep each statement small.
      for (let start = 0; start < what.transactions.length; start += TRANSACTIONS_PER_DELETE) {
        const slice = what.transactions.slice(start, start + TRANSACTIONS_PER_DELETE);
        keys.push(...(await receipts.storageKeysOfTransactions(scope, slice)));
        await transactions.deleteMany(scope, slice);
      }
      return keys;
    }
    if ('account' in what) {
      if (!(await accounts.findById(scope, what.account))) throw notFound('Account');
      if (!what.deleteTransactions && (await transactions.existsInAccount(scope, what.account))) {
        throw conflict('This account has transactions; delete them too or move them first.', 'deleteTransactions');
      }
      const keys = await receipts.storageKeysOfAccount(scope, what.account);
      await transactions.deleteInAccount(scope, what.account);
      await accounts.delete(scope, what.account);
      return keys;
    }
    const keys = await receipts.storageKeysOfOwner(scope);
    await receipts.deleteAllOf(scope);
    await transactions.deleteAllOf(scope);
    await categories.deleteAllOf(scope);
    await accounts.deleteAllOf(scope);
    if (!(await users.delete(scope))) throw notFound('User');
    return keys;
  }
}
