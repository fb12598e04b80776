import type { DataSource } from 'typeorm';
import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { RowReader } from '../../db/row-reader';
import { Receipt } from './receipt.entity';

/** What an upload stores about its file; the owner comes from the scope. */
export interface NewReceipt {
  transactionId: number;
  filename: string;
  contentType: string;
  size: number;
  storageKey: string;
}

/** Every statement about receipt rows, for both databases (they differ only in placeholders). */
export class ReceiptRepository extends Repository {
  private readonly reader: RowReader<Receipt>;

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.reader = new RowReader(dataSource, Receipt, 'r');
  }

  /**
   * Receipts attach only to the owner's own transactions. The check is this one-row read rather
   * than a call into the transactions module, so an upload loads nothing it does not use.
   */
  @GenerateSql({ params: (f) => [f.scope, f.transactionId] })
  async ownsTransaction(scope: OwnerScope, transactionId: number): Promise<boolean> {
    const parameters = this.parameters();
    const rows = await this.query(
      `SELECT 1 AS "found" FROM "transactions" "t" WHERE ${ownerCondition(scope, 't', parameters)} AND "t"."id" = ${parameters.add(transactionId)}`,
      parameters,
    );
    return rows.length > 0;
  }

  /** The receipts of many transactions at once (the per-request loader's), oldest first: on every page, so plain SQL. */
  @GenerateSql({ params: (f) => [f.scope, [f.transactionId]] })
  async listForTransactions(scope: OwnerScope, transactionIds: readonly number[]): Promise<Receipt[]> {
    if (transactionIds.length === 0) return [];
    const parameters = this.parameters();
    const owner = ownerCondition(scope, 'r', parameters);
    const ids = transactionIds.map((id) => parameters.add(id)).join(', ');
    const rows = await this.query(
      `SELECT ${this.reader.selectList} FROM "receipts" "r" WHERE ${owner} AND "r"."transaction_id" IN (${ids}) ORDER BY "r"."id" ASC`,
      parameters,
    );
    return rows.map((row) => this.reader.read(row)!);
  }

  @GenerateSql({ params: (f) => [f.scope, f.receiptId] })
  find(scope: OwnerScope, receiptId: number): Promise<Receipt | null> {
    return this.manager.findOne(Receipt, { where: { ...ownedBy(scope), id: receiptId } });
  }

  /** The saved row, with its id and creation time. */
  @GenerateSql({
    params: (f) => [f.scope, { transactionId: f.transactionId, filename: 'receipt.png', contentType: 'image/png', size: 68, storageKey: `${f.userId}/example` }],
  })
  insert(scope: OwnerScope, receipt: NewReceipt): Promise<Receipt> {
    return this.manager.save(this.manager.create(Receipt, { ...receipt, ...ownedBy(scope) }));
  }

  /** Rows of files already stored (a seed, a restore), in one statement. */
  @GenerateSql({
    params: (f) => [f.scope, [{ transactionId: f.transactionId, filename: 'a.png', contentType: 'image/png', size: 68, storageKey: `${f.userId}/example-a` }]],
  })
  async insertMany(scope: OwnerScope, receipts: readonly NewReceipt[]): Promise<void> {
    if (receipts.length) await this.manager.insert(Receipt, receipts.map((receipt) => ({ ...receipt, ...ownedBy(scope) })));
  }

  @GenerateSql({ params: (f) => [f.scope, f.receiptId] })
  async delete(scope: OwnerScope, receiptId: number): Promise<void> {
    await this.manager.delete(Receipt, { ...ownedBy(scope), id: receiptId });
  }
  /** Every receipt row of the owner (their files are the caller's: read the keys first). */
  @GenerateSql({ params: (f) => [f.scope] })
  async deleteAllOf(scope: OwnerScope): Promise<void> {
    await this.manager.delete(Receipt, ownedBy(scope));
  }


  /** The files a transaction's deletion takes with it (read inside that deletion's transaction). */
  @GenerateSql({ params: (f) => [f.scope, f.transactionId] })
  storageKeysOfTransaction(scope: OwnerScope, transactionId: number): Promise<string[]> {
    const parameters = this.parameters();
    return this.storageKeys(
      `SELECT "r"."storage_key" AS "storageKey" FROM "receipts" "r"
        WHERE ${ownerCondition(scope, 'r', parameters)} AND "r"."transaction_id" = ${parameters.add(transactionId)}`,
      parameters.values,
    );
  }

  /** The files of several transactions at once (an import's undo; read inside the deletion's transaction). */
  @GenerateSql({ params: (f) => [f.scope, [f.transactionId, f.transactionId + 1]] })
  storageKeysOfTransactions(scope: OwnerScope, transactionIds: readonly number[]): Promise<string[]> {
    if (!transactionIds.length) return Promise.resolve([]);
    const parameters = this.parameters();
    return this.storageKeys(
      `SELECT "r"."storage_key" AS "storageKey" FROM "receipts" "r"
        WHERE ${ownerCondition(scope, 'r', parameters)} AND "r"."transaction_id" IN (${transactionIds.map((id) => parameters.add(id)).join(', ')})`,
      parameters.values,
    );
  }

  /** The files an account's deletion takes with it: those of its transactions. */
  @GenerateSql({ params: (f) => [f.scope, f.accountId] })
  storageKeysOfAccount(scope: OwnerScope, accountId: number): Promise<string[]> {
    const parameters = this.parameters();
    return this.storageKeys(
      `SELECT "r"."storage_key" AS "storageKey" FROM "receipts" "r" INNER JOIN "transactions" "t" ON "t"."id" = "r"."transaction_id"
        WHERE ${ownerCondition(scope, 'r', parameters)} AND "t"."account_id" = ${parameters.add(accountId)}`,
      parameters.values,
    );
  }

  /** Every file of the owner, for the deletion of the user. */
  @GenerateSql({ params: (f) => [f.scope] })
  storageKeysOfOwner(scope: OwnerScope): Promise<string[]> {
    const parameters = this.parameters();
    return this.storageKeys(`SELECT "r"."storage_key" AS "storageKey" FROM "receipts" "r" WHERE ${ownerCondition(scope, 'r', parameters)}`, parameters.values);
  }

  /**
   * Which of these stored objects a receipt row still points at. The one read without a scope:
   * the orphan sweep walks the whole object store, whoever's files they are.
   */
  @GenerateSql({ params: (f) => [[`${f.userId}/example`, `${f.userId}/missing`]] })
  async storageKeysInUseOfAnyOwner(storageKeys: readonly string[]): Promise<Set<string>> {
    if (storageKeys.length === 0) return new Set();
    const parameters = this.parameters();
    const keys = storageKeys.map((key) => parameters.add(key)).join(', ');
    return new Set(await this.storageKeys(`SELECT "r"."storage_key" AS "storageKey" FROM "receipts" "r" WHERE "r"."storage_key" IN (${keys})`, parameters.values));
  }

  private async storageKeys(sql: string, values: readonly unknown[]): Promise<string[]> {
    const rows = await this.query<{ storageKey: string }>(sql, values);
    return rows.map((row) => row.storageKey);
  }
}
