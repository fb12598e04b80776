import type { DataSource } from 'typeorm';
import { LIMITS } from '@finance-tracker/common';
import type { IdempotencyKeys } from '../../db/idempotency-keys';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { parseCurrency } from '../../lib/currency';
import { badInput, notFound } from '../../lib/errors';
import { parseMoney } from '../../lib/money';
import { requiredText } from '../../lib/text';
import { assertNameFree } from '../../lib/unique-name';
import type { DeletionService } from '../deletion/deletion.service';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { AccountData, AccountRecord } from './account.model';
import type { AccountRepository, NewAccount } from './account.repository';

export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly transactions: TransactionRepository,
    private readonly deletion: DeletionService,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  /** The owner's accounts, oldest first; balances come from the totals the database keeps per account. */
  listForUser(scope: OwnerScope): Promise<AccountRecord[]> {
    return this.accounts.list(scope);
  }

  getForUser(scope: OwnerScope, id: number): Promise<AccountRecord> {
    return found(this.accounts.findById(scope, id));
  }

  /** Answers the row as its database transaction wrote it; a retry with the same `clientMutationId` answers the same account. */
  async create(scope: OwnerScope, data: AccountData, clientMutationId?: string | null): Promise<AccountRecord> {
    return writeTransaction(this.dataSource, (manager) => {
      const accounts = this.accounts.within(manager);
      const create = async () => {
        const currency = data.currency != null ? parseCurrency(data.currency) : await accounts.ownerCurrency(scope);
        const name = requiredText(data.name ?? '', 'name', LIMITS.name);
        assertNameFree(await accounts.names(scope), name, null, 'an account');
        return accounts.insert(scope, {
          name,
          currency,
          openingBalance: parseMoney(data.openingBalance ?? '0', currency, 'openingBalance'),
          archived: data.archived ?? false,
        });
      };
      const payload = { operation: 'createAccount', payload: data };
      return this.idempotencyKeys.createOnce(manager, scope, clientMutationId, payload, create, (id) => found(accounts.findById(scope, id)));
    });
  }

  async update(scope: OwnerScope, id: number, changes: AccountData): Promise<AccountRecord> {
    return writeTransaction(this.dataSource, async (manager) => {
      const accounts = this.accounts.within(manager);
      const account = await found(accounts.findById(scope, id));
      const columns: Partial<NewAccount> = {};
      if (changes.name != null) {
        columns.name = requiredText(changes.name, 'name', LIMITS.name);
        assertNameFree(await accounts.names(scope), columns.name, account.id, 'an account');
      }
      let currency = account.currency;
      if (changes.currency != null) {
        currency = parseCurrency(changes.currency);
        // Amounts are stored in minor units of the account's currency: changing it would change them.
        if (currency !== account.currency && (await this.transactions.within(manager).existsInAccount(scope, account.id))) {
          throw badInput('currency', 'The currency of an account with transactions cannot change.');
        }
        columns.currency = currency;
      }
      if (changes.openingBalance != null) columns.openingBalance = parseMoney(changes.openingBalance, currency, 'openingBalance');
      if (changes.archived != null) columns.archived = changes.archived;
      await accounts.update(scope, account.id, columns);
      return found(accounts.findById(scope, account.id));
    });
  }

  /**
   * Deletes the account. Its transactions (and their receipts) go with it only when asked:
   * otherwise an account that still has transactions answers CONFLICT and nothing changes.
   */
  async delete(scope: OwnerScope, id: number, deleteTransactions: boolean): Promise<boolean> {
    await this.deletion.deleteOwned(scope, { account: id, deleteTransactions });
    return true;
  }

}

async function found(account: Promise<AccountRecord | null>): Promise<AccountRecord> {
  const result = await account;
  if (!result) throw notFound('Account');
  return result;
}
