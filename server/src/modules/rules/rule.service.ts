import type { DataSource, EntityManager } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { badInput, notFound } from '../../lib/errors';
import type { Keyset } from '../../lib/keyset';
import type { AccountRepository } from '../accounts/account.repository';
import type { TransactionFilterData, TransactionRecord, TransactionSelection } from '../transactions/transaction.model';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { TransactionService } from '../transactions/transaction.service';
import type { RuleBook } from './rule-book';
import { checkedRule } from './rule-checks';
import type { RuleOutcomeWriter } from './rule-outcome-writer';
import { RuleRunner } from './rule-runner';
import { subjectOf } from './rule-subjects';
import type { RuleChangedField, RuleData, RuleOutcome, RuleRecord, RuleSuggestionRecord } from './rule.model';
import type { RuleRepository } from './rule.repository';

/** Rows read at a time when a rule is previewed or applied over existing transactions. */
const SCAN_PAGE = 2000;
const MAX_PREVIEW_ROWS = 100;

export interface RulePreviewResult {
  matchCount: number;
  changeCount: number;
  changes: { transaction: TransactionRecord; outcome: RuleOutcome | null; changedFields: RuleChangedField[] }[];
}

/** The owner's rules: kept in order, checked, previewed and applied over existing transactions; learning's offers taken or refused. */
export class RuleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RuleRepository,
    private readonly accounts: AccountRepository,
    private readonly transactionService: TransactionService,
    private readonly transactions: TransactionRepository,
    private readonly writer: RuleOutcomeWriter,
    private readonly book: RuleBook,
    /** The most rules one user may keep (config: RULES_PER_USER). */
    private readonly rulesPerUser: number,
  ) {}

  list(scope: OwnerScope): Promise<RuleRecord[]> {
    return this.rules.list(scope);
  }

  async get(scope: OwnerScope, id: number): Promise<RuleRecord> {
    return found(await this.rules.findById(scope, id));
  }

  /** The new rule runs last. */
  async create(scope: OwnerScope, data: RuleData): Promise<RuleRecord> {
    return writeTransaction(this.dataSource, async (manager) => {
      const rules = this.rules.within(manager);
      const rule = checkedRule(data, await this.book.owned(scope, manager));
      // Positions run 0..n-1 (deleting renumbers), so the count is the next position.
      const count = await rules.count(scope);
      if (count >= this.rulesPerUser) throw badInput('input', `You have ${count} rules, the most one can keep: delete or merge some first.`);
      return found(rules.findById(scope, await rules.insert(scope, { ...rule, position: count })));
    });
  }

  async update(scope: OwnerScope, id: number, data: RuleData): Promise<RuleRecord> {
    return writeTransaction(this.dataSource, async (manager) => {
      const rules = this.rules.within(manager);
      await found(rules.findById(scope, id));
      await rules.update(scope, id, checkedRule(data, await this.book.owned(scope, manager)));
      return found(rules.findById(scope, id));
    });
  }

  /** The rules after it move up one: positions stay 0 to n - 1, as the list shows them. */
  async delete(scope: OwnerScope, id: number): Promise<boolean> {
    return writeTransaction(this.dataSource, async (manager) => {
      const rules = this.rules.within(manager);
      if (!(await rules.delete(scope, id))) throw notFound('Rule');
      await rules.setPositions(scope, (await rules.list(scope)).map((rule) => rule.id));
      return true;
    });
  }

  /** `ids` is every rule of the owner's, once each, in the order they are to run. */
  async reorder(scope: OwnerScope, ids: readonly number[]): Promise<RuleRecord[]> {
    return writeTransaction(this.dataSource, async (manager) => {
      const rules = this.rules.within(manager);
      const existing = new Set((await rules.list(scope)).map((rule) => rule.id));
      const given = new Set(ids);
      if (ids.some((id) => !existing.has(id))) throw notFound('Rule');
      if (given.size !== ids.length || given.size !== existing.size) throw badInput('ids', `Give each of your ${existing.size} rules once, in the new order.`);
      await rules.setPositions(scope, ids);
      return rules.list(scope);
    });
  }

  /**
   * What the rule (saved or not) would do to the owner's transactions in the filter: how many its
   * conditions match, how many applyRule would change, and the first `first` matches, newest first.
   */
  async preview(scope: OwnerScope, data: RuleData, filter: TransactionFilterData | null, first: number): Promise<RulePreviewResult> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PREVIEW_ROWS) throw badInput('first', `Ask for between 0 and ${MAX_PREVIEW_ROWS} rows.`);
    // A draft being edited may have no name yet: the preview is of what it does.
    const rule = checkedRule({ ...data, name: data.name.trim() || 'Draft' }, await this.book.owned(scope));
    const runner = new RuleRunner([{ ...rule, id: 0, position: 0, createdAt: new Date(), lastAppliedAt: null, appliedCount: 0 }]);
    const currencies = await this.currencies(this.dataSource.manager, scope);
    const result: RulePreviewResult = { matchCount: 0, changeCount: 0, changes: [] };
    await this.scan(this.transactions, scope, await this.transactionService.selectionFor(scope, filter), (record) => {
      if (!runner.matchesFirst(subjectOf(record))) return;
      result.matchCount += 1;
      const outcome = feasible(runner.run(subjectOf(record)), record, currencies);
      if (outcome) result.changeCount += 1;
      if (result.changes.length < first) result.changes.push({ transaction: record, outcome, changedFields: changedFieldsOf(outcome) });
    });
    return result;
  }

  /** Runs the saved rule (enabled or not) over the owner's transactions in the filter, in one database transaction: the count changed. */
  async apply(scope: OwnerScope, id: number, filter: TransactionFilterData | null): Promise<number> {
    const selection = await this.transactionService.selectionFor(scope, filter);
    return writeTransaction(this.dataSource, async (manager) => {
      const rule = await found(this.rules.within(manager).findById(scope, id));
      const runner = new RuleRunner([rule], await this.book.owned(scope, manager));
      const currencies = await this.currencies(manager, scope);
      const changes: { record: TransactionRecord; outcome: RuleOutcome }[] = [];
      await this.scan(this.transactions.within(manager), scope, selection, (record) => {
        const outcome = feasible(runner.run(subjectOf(record)), record, currencies);
        if (outcome) changes.push({ record, outcome });
      });
      // Written after the walk: a transfer's new row in another account is not walked as one more match.
      const changed = await this.writer.write(manager, scope, changes);
      if (changed) await this.rules.within(manager).recordApplied(scope, new Map([[rule.id, changed]]));
      return changed;
    });
  }

  suggestions(scope: OwnerScope): Promise<RuleSuggestionRecord[]> {
    return this.rules.openSuggestions(scope);
  }

  /** Makes the offered rule (description starts with the key → the category), last in order. */
  async acceptSuggestion(scope: OwnerScope, id: number): Promise<RuleRecord> {
    const suggestion = await this.rules.findSuggestion(scope, id);
    if (!suggestion || suggestion.status !== 'OPEN') throw notFound('Rule suggestion');
    const rule = await this.create(scope, {
      name: `${suggestion.descriptionKey}`.slice(0, 100),
      conditions: [{ field: 'DESCRIPTION', operator: 'STARTS_WITH', value: suggestion.descriptionKey }],
      actions: [{ type: 'SET_CATEGORY', value: String(suggestion.categoryId) }],
      // The user said "always": it wins over an older rule that matches the same rows (the three-times case).
      override: true,
    });
    await this.rules.setSuggestionStatus(scope, id, ['OPEN'], 'ACCEPTED');
    return rule;
  }

  /** Never offered again, for that description and category. */
  async dismissSuggestion(scope: OwnerScope, id: number): Promise<boolean> {
    if (!(await this.rules.setSuggestionStatus(scope, id, ['OPEN', 'COUNTING'], 'DISMISSED'))) throw notFound('Rule suggestion');
    return true;
  }

  /** Every transaction of the selection, newest first, a page at a time. */
  private async scan(transactions: TransactionRepository, scope: OwnerScope, selection: TransactionSelection | null, visit: (record: TransactionRecord) => void): Promise<void> {
    for (let after: Keyset | null = null; ; ) {
      const page = await transactions.page(scope, selection, SCAN_PAGE, after);
      page.forEach(visit);
      if (page.length < SCAN_PAGE) return;
      const last = page[page.length - 1];
      after = { date: last.date, id: last.id };
    }
  }

  private async currencies(manager: EntityManager, scope: OwnerScope): Promise<Map<number, string>> {
    return new Map((await this.accounts.within(manager).currencies(scope)).map((account) => [account.id, account.currency]));
  }
}

/** The outcome less a transfer that cannot be made (an account of another currency, or gone); null when nothing is left. */
function feasible(outcome: RuleOutcome | null, record: { account: { currency: string } }, currencies: ReadonlyMap<number, string>): RuleOutcome | null {
  if (!outcome || outcome.transferAccountId === undefined || currencies.get(outcome.transferAccountId) === record.account.currency) return outcome;
  const { transferAccountId: _transfer, ...rest } = outcome;
  return rest.categoryId !== undefined || rest.splits || rest.description !== undefined || rest.notes !== undefined ? rest : null;
}

function changedFieldsOf(outcome: RuleOutcome | null): RuleChangedField[] {
  if (!outcome) return [];
  const fields: RuleChangedField[] = [];
  if (outcome.categoryId !== undefined) fields.push('CATEGORY');
  if (outcome.splits) fields.push('SPLITS');
  if (outcome.transferAccountId !== undefined) fields.push('TRANSFER');
  if (outcome.description !== undefined) fields.push('DESCRIPTION');
  if (outcome.notes !== undefined) fields.push('NOTES');
  return fields;
}

async function found<T>(value: Promise<T | null> | T | null): Promise<T> {
  const result = await value;
  if (!result) throw notFound('Rule');
  return result;
}
