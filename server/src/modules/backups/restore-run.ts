import { randomUUID } from 'node:crypto';
import type { OwnerScope } from '../../db/owner-scope';
import { badInput } from '../../lib/errors';
import type { ReceiptStorage } from '../../storage/receipt-storage';
import { candidateDateRange, classifyRows, fingerprint, type DuplicateCandidate, type RowToClassify } from '../imports/duplicates';
import type { ImportRepository } from '../imports/import.repository';
import { searchTextOf } from '../transactions/transaction.repository.conditions';
import { BACKUP_KINDS, type BackupKind, type BackupRow, type BackupRows } from './backup-format';
import type { BackupRepository, StoredRow } from './backup.repository';
import type { BackupContents } from './backup-rows';
import { remapRuleActions, remapRuleConditions } from './rule-ids';

export interface RestoreCount {
  created: number;
  skipped: number;
}

export type RestoreCounts = Record<BackupKind, RestoreCount>;

const PAGE_SIZE = 1000;
/** Receipt files stored at once: the object store's round trips overlap, and few buffers are in flight. */
const STORING_AT_ONCE = 8;
const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * One restore inside its database transaction: each kind in order, ids remapped from the backup's
 * to the rows written (or to the owner's rows they merge into), and the counts of what was created
 * and what was already there. Receipt files are stored as they come (the caller removes them if
 * the transaction fails); a dry run stores none.
 */
export class RestoreRun {
  readonly counts = Object.fromEntries(BACKUP_KINDS.map((kind) => [kind, { created: 0, skipped: 0 }])) as RestoreCounts;
  private readonly accountIds = new Map<number, number>();
  private readonly createdAccounts = new Set<number>();
  private readonly categoryIds = new Map<number, number>();
  /** Only the transactions this restore created: what is skipped keeps its parts, receipts and transfer. */
  private readonly transactionIds = new Map<number, number>();
  private readonly splitIds = new Map<number, number>();
  private readonly rows: BackupRows;

  constructor(
    private readonly scope: OwnerScope,
    private readonly contents: BackupContents,
    private readonly backupCurrency: string,
    private readonly repositories: { backups: BackupRepository; imports: ImportRepository },
    private readonly storage: ReceiptStorage | null,
    /** Each file stored, so that the caller can remove them when the transaction fails. */
    private readonly storedKeys: string[],
  ) {
    this.rows = contents.rows;
  }

  async run(): Promise<RestoreCounts> {
    await this.accountsAndCategories();
    await this.transactions();
    await this.splits();
    await this.transfers();
    await this.receipts();
    await this.rules();
    await this.budgets();
    await this.importProfiles();
    return this.counts;
  }

  /** Accounts and categories merge by name (as the app tells them apart); an account's currency must agree. */
  private async accountsAndCategories(): Promise<void> {
    const accounts = new Map((await this.existing('accounts')).map((row) => [nameKey(row.name as string), row]));
    const newAccounts: BackupRow<'accounts'>[] = [];
    this.rows.accounts.forEach((row, index) => {
      const match = accounts.get(nameKey(row.name));
      if (!match) return newAccounts.push(row);
      if (match.currency !== row.currency) {
        throw badInput('file', `accounts.ndjson line ${index + 1}: you already have an account called “${match.name as string}” in ${match.currency as string}; the backup's is in ${row.currency}.`);
      }
      this.accountIds.set(row.id, match.id);
      this.counts.accounts.skipped += 1;
    });
    const accountIds = await this.insert('accounts', newAccounts);
    newAccounts.forEach((row, index) => {
      this.accountIds.set(row.id, accountIds[index]);
      this.createdAccounts.add(row.id);
    });

    const categories = new Map((await this.existing('categories')).map((row) => [nameKey(row.name as string), row.id]));
    const newCategories = this.rows.categories.filter((row) => {
      const match = categories.get(nameKey(row.name));
      if (match === undefined) return true;
      this.categoryIds.set(row.id, match);
      this.counts.categories.skipped += 1;
      return false;
    });
    const categoryIds = await this.insert('categories', newCategories);
    newCategories.forEach((row, index) => this.categoryIds.set(row.id, categoryIds[index]));
  }

  /** A transaction that the import duplicate rule finds in the account already (a repeat or a match) is skipped, with its parts. */
  private async transactions(): Promise<void> {
    const partNotes = groupBy(this.rows.splits, (split) => split.transactionId, (split) => split.notes);
    const byAccount = groupBy(this.rows.transactions, (row) => row.accountId, (row) => row);
    const isNew = new Set<number>();
    for (const [accountId, rows] of byAccount) {
      const fresh = this.createdAccounts.has(accountId) ? rows.map(() => true) : await this.newInAccount(this.accountIds.get(accountId)!, rows);
      rows.forEach((row, index) => (fresh[index] ? isNew.add(row.id) : (this.counts.transactions.skipped += 1)));
    }
    // Written in the backup's order, so that the restored rows' ids keep its order.
    const created = this.rows.transactions.filter((row) => isNew.has(row.id));
    const ids = await this.insert(
      'transactions',
      created.map((row) => ({
        ...row,
        accountId: this.accountIds.get(row.accountId),
        categoryId: row.categoryId === null ? null : this.categoryIds.get(row.categoryId),
        transferId: null,
        searchText: searchTextOf(row.description, row.notes, partNotes.get(row.id) ?? []),
      })),
    );
    created.forEach((row, index) => this.transactionIds.set(row.id, ids[index]));
  }

  private async newInAccount(accountId: number, rows: readonly BackupRow<'transactions'>[]): Promise<boolean[]> {
    const toClassify: RowToClassify[] = rows.map((row) => {
      const description = row.importedDescription || row.description;
      return { date: row.date, amount: row.amount, description, externalId: row.externalId, fingerprint: row.importFingerprint ?? fingerprint(row.date, row.amount, description) };
    });
    const { imports } = this.repositories;
    const range = candidateDateRange(toClassify)!;
    const candidates = new Map<number, DuplicateCandidate>();
    const found = [
      ...(await imports.candidatesByExternalId(this.scope, accountId, [...new Set(rows.flatMap((row) => (row.externalId === null ? [] : [row.externalId])))])),
      ...(await imports.candidatesByFingerprint(this.scope, accountId, [...new Set(toClassify.map((row) => row.fingerprint!))])),
      ...(await imports.candidatesInDateRange(this.scope, accountId, range.from, range.to)),
    ];
    for (const candidate of found) candidates.set(candidate.id, candidate);
    return classifyRows(toClassify, [...candidates.values()]).map((result) => result.status === 'NEW');
  }

  private async splits(): Promise<void> {
    const created = this.rows.splits.filter((row) => this.transactionIds.has(row.transactionId));
    this.counts.splits.skipped += this.rows.splits.length - created.length;
    const ids = await this.insert(
      'splits',
      created.map((row) => ({ ...row, transactionId: this.transactionIds.get(row.transactionId), categoryId: row.categoryId === null ? null : this.categoryIds.get(row.categoryId), transferId: null })),
    );
    created.forEach((row, index) => this.splitIds.set(row.id, ids[index]));
  }

  /** A transfer comes back when both its legs did; then its legs (whole rows or parts) name it again. */
  private async transfers(): Promise<void> {
    const created = this.rows.transfers.filter((row) => this.transactionIds.has(row.outflowTransactionId) && this.transactionIds.has(row.inflowTransactionId));
    this.counts.transfers.skipped += this.rows.transfers.length - created.length;
    const ids = await this.insert(
      'transfers',
      created.map((row) => ({ ...row, outflowTransactionId: this.transactionIds.get(row.outflowTransactionId), inflowTransactionId: this.transactionIds.get(row.inflowTransactionId) })),
    );
    const transferIds = new Map(created.map((row, index) => [row.id, ids[index]]));
    const legs = (rows: readonly { id: number; transferId: number | null }[], restored: ReadonlyMap<number, number>) =>
      rows.flatMap((row): [number, number][] => {
        const transferId = row.transferId === null ? undefined : transferIds.get(row.transferId);
        return transferId === undefined || !restored.has(row.id) ? [] : [[restored.get(row.id)!, transferId]];
      });
    const { backups } = this.repositories;
    await backups.setTransfers(this.scope, 'transactions', legs(this.rows.transactions, this.transactionIds));
    await backups.setTransfers(this.scope, 'splits', legs(this.rows.splits, this.splitIds));
  }

  private async receipts(): Promise<void> {
    const created = this.rows.receipts.filter((row) => this.transactionIds.has(row.transactionId));
    this.counts.receipts.skipped += this.rows.receipts.length - created.length;
    const rows = created.map((row) => ({ ...row, transactionId: this.transactionIds.get(row.transactionId), storageKey: `${this.scope.userId}/${randomUUID()}` }));
    const { storage } = this;
    if (storage) {
      for (let start = 0; start < rows.length; start += STORING_AT_ONCE) {
        const batch = rows.slice(start, start + STORING_AT_ONCE);
        // Every key is noted before its put, so a put that fails half way is removed too.
        this.storedKeys.push(...batch.map((row) => row.storageKey));
        // Settled, not all: the caller removes the files only once no put is still under way.
        const puts = await Promise.allSettled(batch.map((row) => storage.put(row.storageKey, this.contents.receiptFiles.get(row.id)!, row.contentType)));
        const failed = puts.find((put) => put.status === 'rejected');
        if (failed) throw failed.reason;
      }
    }
    await this.insert('receipts', rows);
  }

  /** Rules merge by name; the ids their conditions and actions name are remapped. New ones run after the owner's. */
  private async rules(): Promise<void> {
    const existing = await this.existing('rules');
    const names = new Set(existing.map((row) => nameKey(row.name as string)));
    let position = Math.max(-1, ...existing.map((row) => row.position as number)) + 1;
    const created = [...this.rows.rules].sort((a, b) => a.position - b.position).filter((row) => !names.has(nameKey(row.name)));
    this.counts.rules.skipped += this.rows.rules.length - created.length;
    const maps = { accounts: this.accountIds, categories: this.categoryIds };
    await this.insert(
      'rules',
      created.map((row) => ({
        ...row,
        position: position++,
        conditions: JSON.stringify(remapRuleConditions(row.conditions, maps)),
        actions: JSON.stringify(remapRuleActions(row.actions, maps)),
      })),
    );
  }

  private async budgets(): Promise<void> {
    if (!this.rows.budgets.length) return;
    const currency = await this.repositories.backups.ownerCurrency(this.scope);
    if (currency !== this.backupCurrency) throw badInput('file', `The backup's budgets are in ${this.backupCurrency}, and your currency is ${currency}: change your currency to ${this.backupCurrency} to restore it.`);
    const existing = new Set((await this.existing('budgets')).map((row) => `${row.categoryId as number}|${row.month as string}`));
    const created = this.rows.budgets
      .map((row) => ({ ...row, categoryId: this.categoryIds.get(row.categoryId)! }))
      .filter((row) => !existing.has(`${row.categoryId}|${row.month}`));
    this.counts.budgets.skipped += this.rows.budgets.length - created.length;
    await this.insert('budgets', created);
  }

  /** An account's CSV mapping and hint come back unless the account has its own. */
  private async importProfiles(): Promise<void> {
    const existing = new Set((await this.existing('importProfiles')).map((row) => row.accountId as number));
    const created = this.rows.importProfiles.map((row) => ({ ...row, accountId: this.accountIds.get(row.accountId)! })).filter((row) => !existing.has(row.accountId));
    this.counts.importProfiles.skipped += this.rows.importProfiles.length - created.length;
    await this.insert('importProfiles', created.map((row) => ({ ...row, mapping: row.mapping === null ? null : JSON.stringify(row.mapping) })));
  }

  private async insert(kind: BackupKind, rows: readonly object[]): Promise<number[]> {
    if (!rows.length) return [];
    const ids = await this.repositories.backups.insertMany(this.scope, kind, rows as Record<string, unknown>[]);
    this.counts[kind].created += rows.length;
    return ids;
  }

  private async existing(kind: BackupKind): Promise<StoredRow[]> {
    const rows: StoredRow[] = [];
    for (let afterId = 0; ; ) {
      const page = await this.repositories.backups.page(this.scope, kind, afterId, PAGE_SIZE);
      rows.push(...page);
      if (page.length < PAGE_SIZE) return rows;
      afterId = page[page.length - 1].id;
    }
  }
}

/** The values of `rows` grouped by key, each group in the rows' order. */
function groupBy<T, V>(rows: readonly T[], keyOf: (row: T) => number, valueOf: (row: T) => V): Map<number, V[]> {
  const groups = new Map<number, V[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(valueOf(row));
    else groups.set(keyOf(row), [valueOf(row)]);
  }
  return groups;
}
