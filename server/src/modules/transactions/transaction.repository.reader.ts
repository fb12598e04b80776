import type { DataSource } from 'typeorm';
import { RowReader } from '../../db/row-reader';
import type { SqlParameters } from '../../db/sql-parameters';
import { Money } from '../../lib/money';
import { Account } from '../accounts/account.entity';
import { accountRecordOf } from '../accounts/account.repository';
import type { AccountRecord } from '../accounts/account.model';
import { Category } from '../categories/category.entity';
import type { CategoryRecord } from '../categories/category.model';
import { Transaction } from './transaction.entity';
import type { TransactionRecord } from './transaction.model';

/**
 * Reads transactions with their account and category, newest first (date, then id), in plain SQL
 * (the repository's page and findById; the dashboard's recent ones until it has its repository).
 * The conditions are on the transactions aliased `t`; they choose which index is walked.
 */
export class TransactionReader {
  private readonly transaction: RowReader<Transaction>;
  private readonly account: RowReader<Account>;
  private readonly category: RowReader<Category>;

  constructor(dataSource: DataSource) {
    this.transaction = new RowReader(dataSource, Transaction, 't');
    this.account = new RowReader(dataSource, Account, 'account');
    this.category = new RowReader(dataSource, Category, 'category');
  }

  /** The same read through `queryable`: a write transaction's manager, or the data source. */
  /**
   * `ordered: false` for rows picked by id: with ORDER BY, SQLite walks the owner's (user, date)
   * index in order to find them (milliseconds at 100 k rows) rather than look each id up.
   */
  async read(queryable: Pick<DataSource, 'query'>, conditions: string[], parameters: SqlParameters, limit: number, { ordered = true } = {}): Promise<TransactionRecord[]> {
    // LEFT JOINs keep the transactions the outer loop, walked in index order, on both databases.
    const rows: Record<string, unknown>[] = await queryable.query(
      `SELECT ${this.transaction.selectList}, ${this.account.selectList}, ${this.category.selectList} FROM "transactions" "t"
        LEFT JOIN "accounts" "account" ON "account"."id" = "t"."account_id"
        LEFT JOIN "categories" "category" ON "category"."id" = "t"."category_id"
        WHERE ${conditions.join(' AND ')}${ordered ? ' ORDER BY "t"."date" DESC, "t"."id" DESC' : ''} LIMIT ${Math.trunc(limit)}`,
      parameters.values,
    );
    // A page holds a few accounts and categories many times over: each is read once.
    const accounts = new Map<unknown, AccountRecord>();
    const categories = new Map<unknown, CategoryRecord | null>();
    return rows.map((row) => {
      // The entity read becomes the record in place: one object a row, its amount a Money in the account's currency.
      const record = this.transaction.read(row) as unknown as Omit<TransactionRecord, 'amount'> & { amount: unknown };
      const account = cachedRead(accounts, row.t_account_id, () => accountRecordOf(this.account.read(row)!));
      record.account = account;
      record.category = cachedRead(categories, row.t_category_id, () => this.category.read(row));
      record.amount = new Money(record.amount as bigint, account.currency);
      return record as TransactionRecord;
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
