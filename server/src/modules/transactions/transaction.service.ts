import { LIMITS } from '@finance-tracker/common';
import type { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKeys } from '../../db/idempotency-keys';
import { findOwned, findOwnedOrNull, parseId } from '../../db/owned';
import { SqlParameters } from '../../db/sql-parameters';
import { writeTransaction } from '../../db/write-transaction';
import { parseCalendarDate } from '../../lib/dates';
import { badInput } from '../../lib/errors';
import { minorDigits } from '../../lib/currency';
import { minorFromDatabase, parseMoney } from '../../lib/money';
import { optionalText } from '../../lib/text';
import { Account } from '../accounts/account.entity';
import { Category } from '../categories/category.entity';
import type { ReceiptService } from '../receipts/receipt.service';
import { User } from '../users/user.entity';
import {
  amountsOfSearch,
  decodeCursor,
  encodeCursor,
  narrowsByAccountAtMost,
  searchTermOf,
  searchTextOf,
  transactionFilterConditions,
  type ResolvedTransactionFilter,
  type SearchAmounts,
  type TransactionFilterData,
} from './transaction-query';
import { Transaction } from './transaction.entity';
import { TransactionReader } from './transaction-reader';

export interface TransactionData {
  accountId?: string | null;
  date?: string | null;
  /** A decimal string; parsed in the currency of the transaction's account. */
  amount?: string | null;
  description?: string | null;
  notes?: string | null;
  categoryId?: string | null;
}

export interface TransactionPage {
  rows: Transaction[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** What the matching transactions in one currency add up to. */
export interface TransactionTotal {
  currency: string;
  amount: bigint;
  count: number;
}

export const MAX_PAGE_SIZE = 200;

export class TransactionService {
  private readonly reader: TransactionReader;
  private readonly idempotencyKeys = new IdempotencyKeys();

  constructor(
    private readonly dataSource: DataSource,
    private readonly receipts: ReceiptService,
  ) {
    this.reader = new TransactionReader(dataSource);
  }

  /** One page, newest first by date then id, continuing strictly after the cursor (keyset, not offset). */
  async listForUser(userId: number, filter: TransactionFilterData | null | undefined, first: number, after?: string | null): Promise<TransactionPage> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw badInput('first', `Ask for between 0 and ${MAX_PAGE_SIZE} transactions.`);
    }
    const parameters = SqlParameters.for(this.dataSource);
    const conditions = [`"t"."user_id" = ${parameters.add(userId)}`, ...transactionFilterConditions(await this.resolveFilter(userId, filter), parameters)];
    if (after) {
      const cursor = decodeCursor(after);
      // The first condition alone bounds the index range, so a deep page costs what the first one does.
      const cursorDate = [parameters.add(cursor.date), parameters.add(cursor.date)];
      conditions.push(`"t"."date" <= ${cursorDate[0]} AND ("t"."date" < ${cursorDate[1]} OR "t"."id" < ${parameters.add(cursor.id)})`);
    }
    const rows = await this.reader.newestFirst(conditions, parameters, first + 1);
    const hasNextPage = rows.length > first;
    const page = rows.slice(0, first);
    return { rows: page, hasNextPage, endCursor: page.length ? encodeCursor(page[page.length - 1]) : null };
  }

  /**
   * Unfiltered, or by account alone, the count comes from the per-account counters the database keeps;
   * any other filter counts through the index that filter uses.
   */
  async countForUser(userId: number, filter: TransactionFilterData | null | undefined): Promise<number> {
    const parameters = SqlParameters.for(this.dataSource);
    let sql: string;
    if (narrowsByAccountAtMost(filter)) {
      sql = `SELECT COALESCE(SUM("a"."transaction_count"), 0) AS "count" FROM "accounts" "a" WHERE "a"."user_id" = ${parameters.add(userId)}`;
      if (filter?.accountId != null) sql += ` AND "a"."id" = ${parameters.add(parseId(filter.accountId) ?? -1)}`;
    } else {
      const conditions = await this.aggregateConditions(userId, filter, parameters);
      sql = `SELECT COUNT(*) AS "count" FROM "transactions" "t" WHERE ${conditions.join(' AND ')}`;
    }
    const [row]: { count: unknown }[] = await this.dataSource.query(sql, parameters.values);
    return Number(row?.count ?? 0);
  }

  /** The sum of the matching transactions per currency of their accounts (minor units never mix across currencies). */
  async totalsForUser(userId: number, filter: TransactionFilterData | null | undefined): Promise<TransactionTotal[]> {
    const parameters = SqlParameters.for(this.dataSource);
    const conditions = await this.aggregateConditions(userId, filter, parameters);
    // The sum as text: exact on both drivers, beyond what a JavaScript number holds.
    const rows: { currency: string; sum: unknown; count: unknown }[] = await this.dataSource.query(
      `SELECT "a"."currency" AS "currency", CAST(SUM("t"."amount") AS TEXT) AS "sum", COUNT(*) AS "count"
        FROM "transactions" "t" INNER JOIN "accounts" "a" ON "a"."id" = "t"."account_id"
        WHERE ${conditions.join(' AND ')} GROUP BY "a"."currency" ORDER BY "a"."currency"`,
      parameters.values,
    );
    return rows.map((row) => ({ currency: row.currency, amount: minorFromDatabase(row.sum), count: Number(row.count) }));
  }

  /** The conditions a count or a sum reads the filtered rows by. */
  private async aggregateConditions(userId: number, filter: TransactionFilterData | null | undefined, parameters: SqlParameters): Promise<string[]> {
    const conditions = [`"t"."user_id" = ${parameters.add(userId)}`];
    if (searchTermOf(filter) !== null) {
      // A search count reads each of the user's rows. The always-true date bound steers SQLite to the
      // (user, date) index, whose order follows the table's, instead of the narrower amount index,
      // whose random order made it ten times slower; Postgres goes through the trigram index anyway.
      conditions.push(`"t"."date" >= ${parameters.add('0000-01-01')}`);
    }
    conditions.push(...transactionFilterConditions(await this.resolveFilter(userId, filter), parameters));
    return conditions;
  }

  getForUser(userId: number, id: string): Promise<Transaction> {
    return findOwned(this.dataSource.manager, Transaction, userId, id, 'Transaction', ['account', 'category']);
  }

  /**
   * Creates the transaction and answers what the database transaction wrote (nothing is read
   * after the commit, which could fail and make a client retry a create that happened). With a
   * `clientMutationId`, a retry of the same create answers the same row instead of a second one.
   */
  async create(userId: number, data: TransactionData, clientMutationId?: string | null): Promise<Transaction> {
    return writeTransaction(this.dataSource, (manager) =>
      this.idempotencyKeys.createOnce(
        manager,
        userId,
        clientMutationId,
        { operation: 'createTransaction', payload: data },
        () => this.insert(manager, userId, data),
        (id) => findOwned(manager, Transaction, userId, id, 'Transaction', ['account', 'category']),
      ),
    );
  }

  /** The new row with its account and category, as the database transaction wrote them. */
  private async insert(manager: EntityManager, userId: number, data: TransactionData): Promise<Transaction> {
    const account = data.accountId != null
      ? await this.ownedReference(manager, Account, userId, data.accountId, 'accountId', 'account')
      : await this.defaultAccount(manager, userId);
    const category = data.categoryId != null ? await this.ownedReference(manager, Category, userId, data.categoryId, 'categoryId', 'category') : null;
    const transaction = manager.create(Transaction, {
      userId,
      accountId: account.id,
      categoryId: category?.id ?? null,
      date: parseCalendarDate(data.date ?? '', 'date'),
      amount: parseMoney(data.amount ?? '', account.currency, 'amount'),
      description: optionalText(data.description ?? '', 'description', LIMITS.description),
      notes: optionalText(data.notes ?? '', 'notes', LIMITS.notes),
    });
    transaction.searchText = searchTextOf(transaction.description, transaction.notes);
    return Object.assign(await manager.save(transaction), { account, category });
  }

  /** Answers the row as its database transaction left it (read before the commit, not after). */
  async update(userId: number, id: string, changes: TransactionData): Promise<Transaction> {
    return writeTransaction(this.dataSource, async (manager) => {
      const transaction = await findOwned(manager, Transaction, userId, id, 'Transaction', ['account']);
      let account = transaction.account;
      if (changes.accountId != null) {
        const target = await this.ownedReference(manager, Account, userId, changes.accountId, 'accountId', 'account');
        // Minor units mean different things in different currencies: moving across them needs the new amount.
        if (target.currency !== account.currency && changes.amount == null) {
          throw badInput('amount', `Give the amount in ${target.currency} when moving to an account in another currency.`);
        }
        account = target;
        transaction.accountId = target.id;
      }
      if (changes.categoryId !== undefined) {
        transaction.categoryId = changes.categoryId === null
          ? null
          : (await this.ownedReference(manager, Category, userId, changes.categoryId, 'categoryId', 'category')).id;
      }
      if (changes.date != null) transaction.date = parseCalendarDate(changes.date, 'date');
      if (changes.amount != null) transaction.amount = parseMoney(changes.amount, account.currency, 'amount');
      if (changes.description != null) transaction.description = optionalText(changes.description, 'description', LIMITS.description);
      if (changes.notes != null) transaction.notes = optionalText(changes.notes, 'notes', LIMITS.notes);
      transaction.searchText = searchTextOf(transaction.description, transaction.notes);
      // Relations loaded above would override the id columns on save: drop them.
      const { account: _account, category: _category, ...columns } = transaction;
      await manager.save(Transaction, columns);
      return findOwned(manager, Transaction, userId, transaction.id, 'Transaction', ['account', 'category']);
    });
  }

  /** Deletes the transaction and its receipts, rows first (atomically), then their files. */
  async delete(userId: number, id: string): Promise<boolean> {
    const storageKeys = await writeTransaction(this.dataSource, async (manager) => {
      const transaction = await findOwned(manager, Transaction, userId, id, 'Transaction');
      const keys = await this.receipts.storageKeysWhere(manager, userId, { transactionId: transaction.id });
      await manager.delete(Transaction, { userId, id: transaction.id });
      return keys;
    });
    await this.receipts.removeFiles(storageKeys);
    return true;
  }

  /** Amount bounds are read in the user's currency, like the dashboard's totals. */
  private async resolveFilter(userId: number, filter: TransactionFilterData | null | undefined): Promise<ResolvedTransactionFilter | null> {
    if (!filter) return null;
    const { minAmount, maxAmount, ...rest } = filter;
    const resolved: ResolvedTransactionFilter = { ...rest, ...(await this.resolveSearch(userId, searchTermOf(filter))) };
    if (minAmount == null && maxAmount == null) return resolved;
    const { currency } = await this.dataSource.manager.findOneByOrFail(User, { id: userId });
    return {
      ...resolved,
      minAmount: minAmount != null ? parseMoney(minAmount, currency, 'minAmount') : null,
      maxAmount: maxAmount != null ? parseMoney(maxAmount, currency, 'maxAmount') : null,
    };
  }

  /**
   * What a search means besides text: the user's categories whose names contain it, and the amounts
   * it reads as in each currency of the user's accounts. Both lists are short, so they are read
   * whole and matched here, with the same lower-casing as the text search.
   */
  private async resolveSearch(userId: number, search: string | null): Promise<Pick<ResolvedTransactionFilter, 'searchCategoryIds' | 'searchAmounts'>> {
    if (search === null) return {};
    const needle = search.toLowerCase();
    const [categories, accounts] = await Promise.all([
      this.dataSource.manager.find(Category, { select: { id: true, name: true }, where: { userId } }),
      this.dataSource.manager.find(Account, { select: { id: true, currency: true }, where: { userId } }),
    ]);
    const idsByCurrency = new Map<string, number[]>();
    for (const account of accounts) idsByCurrency.set(account.currency, [...(idsByCurrency.get(account.currency) ?? []), account.id]);
    const searchAmounts: SearchAmounts[] = [];
    for (const [currency, accountIds] of idsByCurrency) {
      const amounts = amountsOfSearch(search, minorDigits(currency));
      // With one currency the owner condition already scopes the accounts: no account list.
      if (amounts.length) searchAmounts.push({ accountIds: idsByCurrency.size === 1 ? null : accountIds, amounts });
    }
    return {
      searchCategoryIds: categories.filter((category) => category.name.toLowerCase().includes(needle)).map((category) => category.id),
      searchAmounts,
    };
  }

  /** An id inside an input that names nothing of the user's is bad input on that field (unknown and foreign alike). */
  private async ownedReference<T extends { userId: number }>(
    manager: EntityManager,
    entity: new () => T,
    userId: number,
    id: string,
    field: string,
    what: string,
  ): Promise<T> {
    const found = await findOwnedOrNull(manager, entity, userId, id);
    if (!found) throw badInput(field, `There is no such ${what}.`);
    return found;
  }

  private async defaultAccount(manager: EntityManager, userId: number): Promise<Account> {
    const account = await manager.findOne(Account, { where: { userId }, order: { archived: 'ASC', id: 'ASC' } });
    if (!account) throw badInput('accountId', 'Create an account first.');
    return account;
  }
}
