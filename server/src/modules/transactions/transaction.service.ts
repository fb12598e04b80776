import { LIMITS } from '@finance-tracker/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { IdempotencyKeys } from '../../db/idempotency-keys';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { minorDigits } from '../../lib/currency';
import { parseCalendarDate } from '../../lib/dates';
import { badInput, notFound } from '../../lib/errors';
import type { Keyset } from '../../lib/keyset';
import { parseMoney } from '../../lib/money';
import { optionalText } from '../../lib/text';
import type { AccountRecord } from '../accounts/account.model';
import type { AccountRepository } from '../accounts/account.repository';
import type { CategoryRepository } from '../categories/category.repository';
import type { DeletionService } from '../deletion/deletion.service';
import type { SplitRepository } from '../splits/split.repository';
import type { SplitService } from '../splits/split.service';
import type { OtherLegAction, TransferLegs } from '../transfers/transfer-legs';
import type { TransferRepository } from '../transfers/transfer.repository';
import { amountsOfSearch, searchTermOf } from './transaction-search';
import {
  HAND_SET,
  type BatchLinks,
  type NewTransaction,
  type SearchAmounts,
  type TransactionData,
  type TransactionFilterData,
  type TransactionRecord,
  type TransactionSelection,
  type TransactionTotal,
} from './transaction.model';
import type { TransactionRepository } from './transaction.repository';
import type { RuleBook } from '../rules/rule-book';
import { splitData, type RuleOutcomeWriter } from '../rules/rule-outcome-writer';
import { subjectOf } from '../rules/rule-subjects';

export interface TransactionPage {
  rows: TransactionRecord[];
  hasNextPage: boolean;
}

export class TransactionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRepository,
    private readonly accounts: AccountRepository,
    private readonly categories: CategoryRepository,
    private readonly deletion: DeletionService,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly splits: { service: SplitService; repository: SplitRepository },
    private readonly legs: TransferLegs,
    private readonly transfers: TransferRepository,
    private readonly rules: { book: RuleBook; writer: RuleOutcomeWriter },
  ) {}

  /** `first` rows, newest first by date then id, continuing strictly after the keyset. */
  async listForUser(scope: OwnerScope, filter: TransactionFilterData | null | undefined, first: number, after?: Keyset | null): Promise<TransactionPage> {
    const rows = await this.transactions.page(scope, await this.selectionFor(scope, filter), first + 1, after);
    const hasNextPage = rows.length > first;
    return { rows: hasNextPage ? rows.slice(0, first) : rows, hasNextPage };
  }

  async countForUser(scope: OwnerScope, filter: TransactionFilterData | null | undefined): Promise<number> {
    return this.transactions.count(scope, await this.selectionFor(scope, filter));
  }

  /** The sum of the matching transactions per currency of their accounts. */
  async totalsForUser(scope: OwnerScope, filter: TransactionFilterData | null | undefined): Promise<TransactionTotal[]> {
    return this.transactions.totals(scope, await this.selectionFor(scope, filter));
  }

  /** The owner's transactions of these ids, in the order asked; null where one is gone or not theirs. */
  async findManyForUser(scope: OwnerScope, ids: readonly number[]): Promise<(TransactionRecord | null)[]> {
    const byId = new Map((await this.transactions.findManyByIds(scope, ids)).map((transaction) => [transaction.id, transaction]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  getForUser(scope: OwnerScope, id: number): Promise<TransactionRecord> {
    return found(this.transactions.findById(scope, id));
  }

  /**
   * Creates the transaction and answers what the database transaction wrote (nothing is read
   * after the commit, which could fail and make a client retry a create that happened). With a
   * `clientMutationId`, a retry of the same create answers the same row instead of a second one.
   */
  async create(scope: OwnerScope, data: TransactionData, clientMutationId?: string | null): Promise<TransactionRecord> {
    return writeTransaction(this.dataSource, (manager) => {
      const transactions = this.transactions.within(manager);
      return this.idempotencyKeys.createOnce(
        manager,
        scope,
        clientMutationId,
        { operation: 'createTransaction', payload: data },
        async () => {
          if (data.splits?.length && data.categoryId != null) throw badInput('categoryId', 'A split transaction’s parts carry the categories: leave categoryId out.');
          const { row, currency } = await this.newRow(manager, scope, data);
          // The rules fill what the client left empty; what it gave is the user's, and stays.
          const runner = await this.rules.book.runnerFor(scope, manager);
          const subject = { ...row, digits: minorDigits(currency), importedDescription: '', isTransfer: false, isSplit: Boolean(data.splits?.length), handSet: row.handSetFields ?? 0 };
          const outcome = runner.run(subject);
          const ruled = outcome && { ...row, categoryId: outcome.categoryId ?? row.categoryId, description: outcome.description ?? row.description, notes: outcome.notes ?? row.notes };
          const [id] = await transactions.insertMany(scope, [ruled ?? row]);
          const parts = data.splits?.length ? data.splits : outcome?.splits ? splitData(outcome.splits, currency) : null;
          if (parts) await this.splits.service.replaceWithin(manager, scope, await found(transactions.findById(scope, id)), parts);
          if (outcome?.transferAccountId !== undefined) await this.rules.writer.linkNew(manager, scope, [{ transactionId: id, accountId: outcome.transferAccountId }]);
          await this.rules.book.recordApplied(manager, scope, [outcome]);
          if (row.categoryId !== null) await this.rules.book.learnFrom(manager, scope, subject, row.categoryId, runner);
          return found(transactions.findById(scope, id));
        },
        (id) => found(transactions.findById(scope, id)),
      );
    });
  }

  /**
   * Rows that are already checked and in minor units (the seed, an import), in one database
   * transaction: all of them or none. Every account and category they name must be the owner's.
   * `links` names, by position in `rows`, the parts of split rows (they must add up to the row) and
   * the pairs that are transfers (made together: origin 'created').
   */
  async insertBatch(scope: OwnerScope, rows: readonly NewTransaction[], links: BatchLinks = {}): Promise<number[]> {
    return writeTransaction(this.dataSource, async (manager) => {
      const [accounts, categories] = await Promise.all([this.accounts.within(manager).currencies(scope), this.categories.within(manager).names(scope)]);
      const accountIds = new Set(accounts.map((account) => account.id));
      const categoryIds = new Set(categories.map((category) => category.id));
      const ownedCategory = (id: number | null) => {
        if (id !== null && !categoryIds.has(id)) throw badInput('categoryId', 'There is no such category.');
      };
      for (const row of rows) {
        if (!accountIds.has(row.accountId)) throw badInput('accountId', 'There is no such account.');
        ownedCategory(row.categoryId);
      }
      const split = new Map((links.splits ?? []).map(({ row, parts }) => [row, parts]));
      for (const [index, parts] of split) {
        parts.forEach((part) => ownedCategory(part.categoryId));
        if (parts.reduce((sum, part) => sum + part.amount, 0n) !== rows[index]?.amount) throw badInput('splits', `The parts of row ${index + 1} do not add up to its amount.`);
      }
      const written = rows.map((row, index) => (split.has(index) ? { ...row, categoryId: null, isSplit: true, partNotes: split.get(index)!.map((part) => part.notes) } : row));
      const ids = await this.transactions.within(manager).insertMany(scope, written);
      await this.splits.repository.within(manager).insertMany(
        scope,
        [...split].flatMap(([index, parts]) => parts.map((part, position) => ({ ...part, transactionId: ids[index], position }))),
      );
      const transfers = links.transfers ?? [];
      for (const { outflow, inflow } of transfers) {
        if (rows[outflow].accountId === rows[inflow].accountId || rows[outflow].amount >= 0n || rows[inflow].amount <= 0n) {
          throw badInput('transfers', `Rows ${outflow + 1} and ${inflow + 1} are not the two legs of a transfer.`);
        }
      }
      await this.transfers.within(manager).insertMany(
        scope,
        transfers.map(({ outflow, inflow }) => ({ outflowTransactionId: ids[outflow], inflowTransactionId: ids[inflow], origin: 'created' as const })),
      );
      return ids;
    });
  }

  /**
   * Answers the row as its database transaction left it (read before the commit, not after). A
   * transfer leg keeps its other leg in step (TransferLegs); a split row keeps its amount, which
   * only setSplits changes with the parts.
   */
  async update(scope: OwnerScope, id: number, changes: TransactionData): Promise<TransactionRecord> {
    return writeTransaction(this.dataSource, async (manager) => {
      const transactions = this.transactions.within(manager);
      // Locked before the checks read it: a concurrent setSplits or linkTransfer is seen as it left the row.
      const before = await found(transactions.findById(scope, id));
      await this.legs.lock(manager, scope, before);
      let current = await found(transactions.findById(scope, id));
      // Linked meanwhile: its new other leg is locked too.
      if (current.transferId !== null && current.transferId !== before.transferId) {
        await this.legs.lock(manager, scope, current);
        current = await found(transactions.findById(scope, id));
      }
      let account = current.account;
      if (changes.accountId != null) {
        const target = await this.ownedAccount(manager, scope, changes.accountId);
        // Minor units mean different things in different currencies: moving across them needs the new amount.
        if (target.currency !== account.currency && changes.amount == null) {
          throw badInput('amount', `Give the amount in ${target.currency} when moving to an account in another currency.`);
        }
        account = target;
      }
      let categoryId = current.categoryId;
      if (changes.categoryId !== undefined) categoryId = changes.categoryId === null ? null : await this.ownedCategory(manager, scope, changes.categoryId);
      if (categoryId !== null && current.transferId !== null) throw badInput('categoryId', 'A transfer between your accounts has no category: it is neither income nor expense.');
      if (categoryId !== null && current.isSplit) throw badInput('categoryId', 'This transaction is split: its parts carry the categories.');
      const amount = changes.amount != null ? parseMoney(changes.amount, account.currency, 'amount') : current.amount.minor;
      const parts = current.isSplit ? await this.splits.repository.within(manager).listForTransactions(scope, [current.id]) : [];
      if (current.isSplit) {
        if (amount !== current.amount.minor) throw badInput('amount', 'This transaction is split: change its amount with its parts (setSplits), so that they still add up.');
        if (parts.some((part) => part.transferId !== null) && account.id !== current.accountId) {
          throw badInput('accountId', 'This transaction has a transfer part: change its parts before moving it to another account.');
        }
      }
      await this.legs.keepInStep(manager, scope, current, { accountId: account.id, currency: account.currency, amount });
      // What the user changes here is theirs: no rule changes it again.
      const handSet = (changes.categoryId !== undefined ? HAND_SET.CATEGORY : 0) | (changes.description != null ? HAND_SET.DESCRIPTION : 0) | (changes.notes != null ? HAND_SET.NOTES : 0);
      const row = {
        accountId: account.id,
        categoryId,
        date: changes.date != null ? parseCalendarDate(changes.date, 'date') : current.date,
        amount,
        description: changes.description != null ? optionalText(changes.description, 'description', LIMITS.description) : current.description,
        notes: changes.notes != null ? optionalText(changes.notes, 'notes', LIMITS.notes) : current.notes,
        handSetFields: current.handSetFields | handSet,
      };
      await transactions.update(scope, current.id, row, parts.map((part) => part.notes));
      const updated = await found(transactions.findById(scope, current.id));
      if (categoryId !== null && categoryId !== current.categoryId) await this.rules.book.learnFrom(manager, scope, subjectOf(updated), categoryId);
      return updated;
    });
  }

  /**
   * Deletes the transaction and its receipts, rows first (atomically), then their files. The other
   * leg of a transfer goes too or stays, as `otherLeg` says (TransferLegs.otherLegsToDelete).
   */
  async delete(scope: OwnerScope, id: number, otherLeg: OtherLegAction | null = null): Promise<boolean> {
    await this.deletion.deleteOwned(scope, { transaction: id, alongWith: (manager) => this.legs.otherLegsToDelete(manager, scope, [id], otherLeg) });
    return true;
  }

  /**
   * A create's row: the account named (or the owner's first), everything checked and in minor
   * units, what the client gave marked hand-set (parts set the category).
   */
  private async newRow(manager: EntityManager, scope: OwnerScope, data: TransactionData): Promise<{ row: NewTransaction & { handSetFields: number }; currency: string }> {
    const account = data.accountId != null ? await this.ownedAccount(manager, scope, data.accountId) : await this.defaultAccount(manager, scope);
    const categoryId = data.categoryId != null ? await this.ownedCategory(manager, scope, data.categoryId) : null;
    const description = optionalText(data.description ?? '', 'description', LIMITS.description);
    const notes = optionalText(data.notes ?? '', 'notes', LIMITS.notes);
    const handSetFields =
      (categoryId !== null || data.splits?.length ? HAND_SET.CATEGORY : 0) | (description ? HAND_SET.DESCRIPTION : 0) | (notes ? HAND_SET.NOTES : 0);
    const row = { accountId: account.id, categoryId, date: parseCalendarDate(data.date ?? '', 'date'), amount: parseMoney(data.amount ?? '', account.currency, 'amount'), description, notes, handSetFields };
    return { row, currency: account.currency };
  }

  /**
   * The filter checked and resolved for the repository. Amount bounds are read in the owner's
   * currency, like the dashboard's totals.
   */
  async selectionFor(scope: OwnerScope, filter: TransactionFilterData | null | undefined): Promise<TransactionSelection | null> {
    if (!filter) return null;
    const { minAmount, maxAmount, search: _search, ...rest } = filter;
    const selection: TransactionSelection = { ...rest };
    if (minAmount != null || maxAmount != null) {
      const currency = await this.accounts.ownerCurrency(scope);
      if (minAmount != null) selection.minAmount = parseMoney(minAmount, currency, 'minAmount');
      if (maxAmount != null) selection.maxAmount = parseMoney(maxAmount, currency, 'maxAmount');
    }
    if (filter.categoryId != null && !filter.uncategorized) selection.categoryInSplits = await this.splits.repository.categoryHasParts(scope, filter.categoryId);
    if (filter.from != null) selection.from = parseCalendarDate(filter.from, 'from');
    if (filter.to != null) selection.to = parseCalendarDate(filter.to, 'to');
    const search = searchTermOf(filter);
    if (search !== null) selection.search = await this.resolveSearch(scope, optionalText(search, 'search', LIMITS.search));
    return selection;
  }

  /**
   * What a search means besides text: the owner's categories whose names contain it, and the amounts
   * it reads as in each currency of the owner's accounts. Both lists are short, so they are read
   * whole and matched here, with the same lower-casing as the text search.
   */
  private async resolveSearch(scope: OwnerScope, text: string): Promise<NonNullable<TransactionSelection['search']>> {
    const needle = text.toLowerCase();
    const [categories, accounts] = await Promise.all([this.categories.names(scope), this.accounts.currencies(scope)]);
    const idsByCurrency = new Map<string, number[]>();
    for (const account of accounts) idsByCurrency.set(account.currency, [...(idsByCurrency.get(account.currency) ?? []), account.id]);
    const amounts: SearchAmounts[] = [];
    for (const [currency, accountIds] of idsByCurrency) {
      const searched = amountsOfSearch(text, minorDigits(currency));
      // With one currency the owner condition already scopes the accounts: no account list.
      if (searched.length) amounts.push({ accountIds: idsByCurrency.size === 1 ? null : accountIds, amounts: searched });
    }
    return { text, categoryIds: categories.filter((category) => category.name.toLowerCase().includes(needle)).map((category) => category.id), amounts };
  }

  /** An id inside an input that names nothing of the owner's is bad input on that field (unknown and foreign alike). */
  private async ownedAccount(manager: EntityManager, scope: OwnerScope, id: number): Promise<AccountRecord> {
    const account = await this.accounts.within(manager).findById(scope, id);
    if (!account) throw badInput('accountId', 'There is no such account.');
    return account;
  }

  private async ownedCategory(manager: EntityManager, scope: OwnerScope, id: number): Promise<number> {
    if (!(await this.categories.within(manager).exists(scope, id))) throw badInput('categoryId', 'There is no such category.');
    return id;
  }

  private async defaultAccount(manager: EntityManager, scope: OwnerScope): Promise<AccountRecord> {
    const account = await this.accounts.within(manager).findDefault(scope);
    if (!account) throw badInput('accountId', 'Create an account first.');
    return account;
  }
}

async function found(transaction: Promise<TransactionRecord | null>): Promise<TransactionRecord> {
  const result = await transaction;
  if (!result) throw notFound('Transaction');
  return result;
}
