import type { DataSource } from 'typeorm';
import { RowReader } from '../../db/row-reader';
import type { SqlParameters } from '../../db/sql-parameters';
import { Account } from '../accounts/account.entity';
import { Category } from '../categories/category.entity';
import { Transaction } from './transaction.entity';

/**
 * Reads transactions with their account and category, newest first (date, then id), in plain SQL:
 * the list's pages and the dashboard's recent ones. The conditions are on the transactions
 * aliased `t`; they choose which index is walked.
 */
export class TransactionReader {
  private readonly transaction: RowReader<Transaction>;
  private readonly account: RowReader<Account>;
  private readonly category: RowReader<Category>;

  constructor(private readonly dataSource: DataSource) {
    this.transaction = new RowReader(dataSource, Transaction, 't');
    this.account = new RowReader(dataSource, Account, 'account');
    this.category = new RowReader(dataSource, Category, 'category');
  }

  async newestFirst(conditions: string[], parameters: SqlParameters, limit: number): Promise<Transaction[]> {
    // LEFT JOINs keep the transactions the outer loop, walked in index order, on both databases.
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${this.transaction.selectList}, ${this.account.selectList}, ${this.category.selectList} FROM "transactions" "t"
        LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
        LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
        WHERE ${conditions.join(' AND ')} ORDER BY "t"."date" DESC, "t"."id" DESC LIMIT ${Math.trunc(limit)}`,
      parameters.values,
    );
    // A page holds a few accounts and categories many times over: each is read once.
    const accounts = new Map<unknown, Account>();
    const categories = new Map<unknown, Category | null>();
    return rows.map((row) => {
      const transaction = this.transaction.read(row)!;
      transaction.account = cachedRead(accounts, row.t_account_id, () => this.account.read(row)!);
      transaction.category = cachedRead(categories, row.t_category_id, () => this.category.read(row));
      return transaction;
    });
  }
}

/** The value cached under the key, read the first time it is asked for. */
function cachedRead<T>(cache: Map<unknown, T>, key: unknown, read: () => T): T {
  if (cache.has(key)) return cache.get(key)!;
  const value = read();
  cache.set(key, value);
  return value;
}
