import type { DataSource } from 'typeorm';
import { LIMITS } from '@finance-tracker/common';
import { IdempotencyKeys } from '../../db/idempotency-keys';
import { findOwned } from '../../db/owned';
import { assertNameFree } from '../../db/unique-name';
import { writeTransaction } from '../../db/write-transaction';
import { parseCurrency } from '../../lib/currency';
import { badInput, conflict } from '../../lib/errors';
import { parseMoney } from '../../lib/money';
import { requiredText } from '../../lib/text';
import type { ReceiptService } from '../receipts/receipt.service';
import { Transaction } from '../transactions/transaction.entity';
import { User } from '../users/user.entity';
import { Account } from './account.entity';

export interface AccountData {
  name?: string | null;
  currency?: string | null;
  openingBalance?: string | null;
  archived?: boolean | null;
}

export class AccountService {
  private readonly idempotencyKeys = new IdempotencyKeys();

  constructor(
    private readonly dataSource: DataSource,
    private readonly receipts: ReceiptService,
  ) {}

  /** The user's accounts, oldest first; balances come from the totals the database keeps per account. */
  listForUser(userId: number): Promise<Account[]> {
    return this.dataSource.manager.find(Account, { where: { userId }, order: { id: 'ASC' } });
  }

  getForUser(userId: number, id: string | number): Promise<Account> {
    return findOwned(this.dataSource.manager, Account, userId, id, 'Account');
  }

  /** Answers the row as its database transaction wrote it; a retry with the same `clientMutationId` answers the same account. */
  async create(userId: number, data: AccountData, clientMutationId?: string | null): Promise<Account> {
    return writeTransaction(this.dataSource, (manager) => {
      const find = (id: number) => findOwned(manager, Account, userId, id, 'Account');
      return this.idempotencyKeys.createOnce(manager, userId, clientMutationId, { operation: 'createAccount', payload: data }, async () => {
        const user = await manager.findOneByOrFail(User, { id: userId });
        const currency = data.currency != null ? parseCurrency(data.currency) : user.currency;
        const name = requiredText(data.name ?? '', 'name', LIMITS.name);
        await assertNameFree(manager, Account, userId, name, null, 'an account');
        const account = manager.create(Account, {
          userId,
          name,
          currency,
          openingBalance: parseMoney(data.openingBalance ?? '0', currency, 'openingBalance'),
          archived: data.archived ?? false,
        });
        return find((await manager.save(account)).id);
      }, find);
    });
  }

  async update(userId: number, id: string, changes: AccountData): Promise<Account> {
    return writeTransaction(this.dataSource, async (manager) => {
      const account = await findOwned(manager, Account, userId, id, 'Account');
      if (changes.name != null) {
        account.name = requiredText(changes.name, 'name', LIMITS.name);
        await assertNameFree(manager, Account, userId, account.name, account.id, 'an account');
      }
      if (changes.currency != null) {
        const currency = parseCurrency(changes.currency);
        // Amounts are stored in minor units of the account's currency: changing it would change them.
        if (currency !== account.currency && (await manager.existsBy(Transaction, { userId, accountId: account.id }))) {
          throw badInput('currency', 'The currency of an account with transactions cannot change.');
        }
        account.currency = currency;
      }
      if (changes.openingBalance != null) {
        account.openingBalance = parseMoney(changes.openingBalance, account.currency, 'openingBalance');
      }
      if (changes.archived != null) account.archived = changes.archived;
      await manager.save(account);
      return findOwned(manager, Account, userId, account.id, 'Account');
    });
  }

  /**
   * Deletes the account. Its transactions (and their receipts) go with it only when asked:
   * otherwise an account that still has transactions answers CONFLICT and nothing changes.
   */
  async delete(userId: number, id: string, deleteTransactions: boolean): Promise<boolean> {
    const storageKeys = await writeTransaction(this.dataSource, async (manager) => {
      const account = await findOwned(manager, Account, userId, id, 'Account');
      const hasTransactions = await manager.existsBy(Transaction, { userId, accountId: account.id });
      if (hasTransactions && !deleteTransactions) {
        throw conflict('This account has transactions; delete them too or move them first.', 'deleteTransactions');
      }
      const keys = await this.receipts.storageKeysWhere(manager, userId, { accountId: account.id });
      await manager.delete(Transaction, { userId, accountId: account.id });
      await manager.delete(Account, { userId, id: account.id });
      return keys;
    });
    await this.receipts.removeFiles(storageKeys);
    return true;
  }
}
