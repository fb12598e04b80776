import type { DataSource } from 'typeorm';
import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, ownerCondition, ownerRow, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { RowReader } from '../../db/row-reader';
import { Money, type MinorUnits } from '../../lib/money';
import { User } from '../users/user.entity';
import { Account } from './account.entity';
import type { AccountRecord } from './account.model';

/** The columns a create writes (the owner comes from the scope; the totals are the triggers'). */
export interface NewAccount {
  name: string;
  currency: string;
  openingBalance: MinorUnits;
  archived: boolean;
}

/** An account row as services see it: its money as values in its currency. */
export function accountRecordOf(account: Account): AccountRecord {
  return {
    id: account.id,
    name: account.name,
    currency: account.currency,
    openingBalance: new Money(account.openingBalance, account.currency),
    balance: new Money(account.openingBalance + (account.transactionTotal ?? 0n), account.currency),
    archived: account.archived,
    createdAt: account.createdAt,
    transactionCount: account.transactionCount,
  };
}

/**
 * The owner's accounts: few per owner, so lists are read whole. Reads are plain SQL: every write
 * of a transaction reads its account, and TypeORM's query builder cost more than the query.
 */
export class AccountRepository extends Repository {
  private readonly reader: RowReader<Account>;

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.reader = new RowReader(dataSource, Account, 'a');
  }

  /** Oldest first; balances come from the totals the database keeps per account. */
  @GenerateSql({ params: (f) => [f.scope] })
  async list(scope: OwnerScope): Promise<AccountRecord[]> {
    return this.read(scope, [], 'ORDER BY "a"."id" ASC');
  }

  /** The owner's accounts meeting `conditions` (on `a`), in `order`. */
  private async read(scope: OwnerScope, conditions: string[], order: string, parameters = this.parameters()): Promise<AccountRecord[]> {
    return (await this.readOwned(this.reader, 'accounts', scope, conditions, order, parameters)).map(accountRecordOf);
  }

  @GenerateSql({ params: (f) => [f.scope, f.accountId] })
  async findById(scope: OwnerScope, id: number): Promise<AccountRecord | null> {
    const parameters = this.parameters();
    const [account] = await this.read(scope, [`"a"."id" = ${parameters.add(id)}`], '', parameters);
    return account ?? null;
  }

  /**
   * Inside a write transaction, holds the account's row until the commit, so writes that first
   * read the account's transactions (an import's duplicate check) take turns. Postgres locks the
   * row; SQLite's writes take turns already. Whether the account is the owner's.
   */
  @GenerateSql({ params: (f) => [f.scope, f.accountId] })
  async lockForWrite(scope: OwnerScope, id: number): Promise<boolean> {
    const parameters = this.parameters();
    const rows = await this.query(
      `SELECT "a"."id" FROM "accounts" "a" WHERE "a"."id" = ${parameters.add(id)} AND ${ownerCondition(scope, 'a', parameters)}${this.postgres ? ' FOR UPDATE' : ''}`,
      parameters,
    );
    return rows.length > 0;
  }

  /** Where a transaction goes when no account is named: the first account that is not archived, else the first. */
  @GenerateSql({ params: (f) => [f.scope] })
  async findDefault(scope: OwnerScope): Promise<AccountRecord | null> {
    const [account] = await this.read(scope, [], 'ORDER BY "a"."archived" ASC, "a"."id" ASC LIMIT 1');
    return account ?? null;
  }

  /** Ids and names only, for the name check. */
  @GenerateSql({ params: (f) => [f.scope] })
  names(scope: OwnerScope): Promise<{ id: number; name: string }[]> {
    return this.idsWith(scope, 'name');
  }

  /** Ids and currencies only: which amounts a search text stands for in which accounts (every page with transfers asks). */
  @GenerateSql({ params: (f) => [f.scope] })
  currencies(scope: OwnerScope): Promise<{ id: number; currency: string }[]> {
    return this.idsWith(scope, 'currency');
  }

  private async idsWith<K extends 'name' | 'currency'>(scope: OwnerScope, column: K): Promise<({ id: number } & Record<K, string>)[]> {
    const parameters = this.parameters();
    const rows = await this.query<{ id: unknown } & Record<K, string>>(`SELECT "a"."id" AS "id", "a"."${column}" AS "${column}" FROM "accounts" "a" WHERE ${ownerCondition(scope, 'a', parameters)}`, parameters);
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  /**
   * The owner's own currency: the default of a new account, and the one amount filters are read
   * in. Read from the owner's row itself, which is why the scope names it by id here.
   */
  @GenerateSql({ params: (f) => [f.scope] })
  async ownerCurrency(scope: OwnerScope): Promise<string> {
    const owner = await this.manager.findOneOrFail(User, { select: { id: true, currency: true }, where: ownerRow(scope) });
    return owner.currency;
  }

  /** The new row as the database wrote it. */
  @GenerateSql({ params: (f) => [f.scope, { name: 'Travel fund', currency: 'USD', openingBalance: 1250n, archived: false }] })
  async insert(scope: OwnerScope, row: NewAccount): Promise<AccountRecord> {
    const { id } = await this.manager.save(this.manager.create(Account, { ...ownedBy(scope), ...row }));
    return (await this.findById(scope, id))!;
  }

  @GenerateSql({ params: (f) => [f.scope, f.accountId, { name: 'Everyday', archived: false }] })
  async update(scope: OwnerScope, id: number, changes: Partial<NewAccount>): Promise<void> {
    if (Object.keys(changes).length) await this.manager.update(Account, { ...ownedBy(scope), id }, changes);
  }

  @GenerateSql({ params: (f) => [f.scope, f.otherAccountId] })
  async delete(scope: OwnerScope, id: number): Promise<void> {
    await this.manager.delete(Account, { ...ownedBy(scope), id });
  }
  @GenerateSql({ params: (f) => [f.scope] })
  async deleteAllOf(scope: OwnerScope): Promise<void> {
    await this.manager.delete(Account, ownedBy(scope));
  }

}
