import { LIMITS } from '@finance-tracker/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { IdempotencyKeys } from '../../db/idempotency-keys';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { addDays, daysBetween, parseCalendarDate } from '../../lib/dates';
import { badInput, notFound } from '../../lib/errors';
import { parseMoney } from '../../lib/money';
import { optionalText } from '../../lib/text';
import type { AccountRecord } from '../accounts/account.model';
import type { AccountRepository } from '../accounts/account.repository';
import type { TransactionRecord } from '../transactions/transaction.model';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { LegCandidate, LegProbe, TransferData, TransferRecord } from './transfer.model';
import type { TransferRepository } from './transfer.repository';

/** How far apart the legs of a suggested transfer may be posted. */
const SUGGESTION_WINDOW_DAYS = 4;

/**
 * Transfers between the owner's accounts: made as two rows at once, linked from two rows they
 * have, unlinked; and the rows offered as each other's other leg.
 */
export class TransferService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transfers: TransferRepository,
    private readonly transactions: TransactionRepository,
    private readonly accounts: AccountRepository,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  /** The owner's transfers of these ids, in the order asked; null where one is gone or not theirs. */
  async findManyForUser(scope: OwnerScope, ids: readonly number[]): Promise<(TransferRecord | null)[]> {
    const byId = new Map((await this.transfers.findManyByIds(scope, ids)).map((transfer) => [transfer.id, transfer]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Both legs in one database transaction; with a `clientMutationId`, a retry answers the same transfer. */
  async create(scope: OwnerScope, data: TransferData, clientMutationId?: string | null): Promise<TransferRecord> {
    return writeTransaction(this.dataSource, (manager) =>
      this.idempotencyKeys.createOnce(
        manager,
        scope,
        clientMutationId,
        { operation: 'createTransfer', payload: data },
        () => this.createWithin(manager, scope, data),
        (id) => this.foundWithin(manager, scope, id),
      ),
    );
  }

  /** Links two rows the owner has into one transfer (their categories go). */
  async link(scope: OwnerScope, outflowId: number, inflowId: number): Promise<TransferRecord> {
    return writeTransaction(this.dataSource, (manager) => this.linkWithin(manager, scope, outflowId, inflowId));
  }

  /** The link, inside the caller's write transaction (an import's commit links what the user ticked). */
  async linkWithin(manager: EntityManager, scope: OwnerScope, outflowId: number, inflowId: number): Promise<TransferRecord> {
    const transactions = this.transactions.within(manager);
    // Locked before they are read: a row another writer is linking is seen as that writer leaves it.
    await transactions.lockForWrite(scope, [outflowId, inflowId].sort((a, b) => a - b));
    const [outflow, inflow] = await Promise.all([transactions.findById(scope, outflowId), transactions.findById(scope, inflowId)]);
    if (!outflow || !inflow) throw notFound('Transaction');
    checkLinkable(outflow, inflow);
    const [id] = await this.transfers.within(manager).insertMany(scope, [{ outflowTransactionId: outflow.id, inflowTransactionId: inflow.id, origin: 'linked' }]);
    return this.foundWithin(manager, scope, id);
  }

  /**
   * Makes the row a leg of a transfer with the account (a rule's LINK_TRANSFER_TO_ACCOUNT): with the
   * row there that looks like its other leg, else with a new row made there (the two then go
   * together). Nothing when the row cannot be a leg with that account (another currency, a leg or
   * split already): whether it became one.
   */
  async linkToAccountWithin(manager: EntityManager, scope: OwnerScope, transactionId: number, accountId: number): Promise<boolean> {
    const transactions = this.transactions.within(manager);
    await transactions.lockForWrite(scope, [transactionId]);
    const [row, target] = await Promise.all([transactions.findById(scope, transactionId), this.accounts.within(manager).findById(scope, accountId)]);
    if (!row || !target || row.transferId !== null || row.isSplit || row.amount.minor === 0n) return false;
    if (target.id === row.accountId || target.currency !== row.account.currency) return false;
    const [other] = await this.suggestFor(scope, [{ transactionId: row.id, accountId: row.accountId, date: row.date, amount: row.amount.minor, inAccountId: target.id }], manager);
    const outgoing = row.amount.minor < 0n;
    if (other !== null) {
      await this.linkWithin(manager, scope, outgoing ? row.id : other, outgoing ? other : row.id);
      return true;
    }
    const [mirrorId] = await transactions.insertMany(scope, [
      { accountId: target.id, categoryId: null, date: row.date, amount: -row.amount.minor, description: `Transfer ${outgoing ? 'from' : 'to'} ${row.account.name}`, notes: '' },
    ]);
    await this.transfers
      .within(manager)
      .insertMany(scope, [{ outflowTransactionId: outgoing ? row.id : mirrorId, inflowTransactionId: outgoing ? mirrorId : row.id, origin: 'created' }]);
    return true;
  }

  /** Both rows stay, as plain transactions of their accounts. */
  async unlink(scope: OwnerScope, id: number): Promise<boolean> {
    return writeTransaction(this.dataSource, async (manager) => {
      if (!(await this.transfers.within(manager).delete(scope, id))) throw notFound('Transfer');
      return true;
    });
  }

  /** Never offers `suggestedId` as the other leg of `transactionId` again (nor the other way round). */
  async reject(scope: OwnerScope, transactionId: number, suggestedId: number): Promise<void> {
    if (transactionId === suggestedId) throw badInput('suggestedId', 'A transaction is not its own other leg.');
    await writeTransaction(this.dataSource, async (manager) => {
      const found = await this.transactions.within(manager).findManyByIds(scope, [transactionId, suggestedId]);
      if (found.length < 2) throw notFound('Transaction');
      await this.transfers.within(manager).reject(scope, transactionId, suggestedId);
    });
  }

  /**
   * For each probe, the id of the row that looks like its other leg: on another account in the same
   * currency, the opposite amount, within SUGGESTION_WINDOW_DAYS, not a leg or split already, the
   * pair not rejected; nearest date first, then the earliest row. Null where none is. One read for
   * all the probes of a page.
   */
  async suggestFor(scope: OwnerScope, probes: readonly LegProbe[], manager?: EntityManager): Promise<(number | null)[]> {
    const wanted = probes.filter((probe) => probe.amount !== 0n);
    if (!wanted.length) return probes.map(() => null);
    const transfers = manager ? this.transfers.within(manager) : this.transfers;
    const accounts = manager ? this.accounts.within(manager) : this.accounts;
    const dates = wanted.map((probe) => probe.date).sort();
    const amounts = [...new Set(wanted.map((probe) => -probe.amount))];
    const storedIds = wanted.flatMap((probe) => (probe.transactionId === null ? [] : [probe.transactionId]));
    const [candidates, rejected, owned] = await Promise.all([
      transfers.legCandidates(scope, amounts, addDays(dates[0], -SUGGESTION_WINDOW_DAYS), addDays(dates[dates.length - 1], SUGGESTION_WINDOW_DAYS)),
      transfers.rejectedPairs(scope, storedIds),
      accounts.currencies(scope),
    ]);
    const currencyOf = new Map(owned.map((account) => [account.id, account.currency]));
    const rejectedPairs = new Set(rejected.map(([first, second]) => `${first}:${second}`));
    const isRejected = (a: number | null, b: number) => a !== null && rejectedPairs.has(a < b ? `${a}:${b}` : `${b}:${a}`);
    const byAmount = new Map<bigint, LegCandidate[]>();
    for (const candidate of candidates) byAmount.set(candidate.amount, [...(byAmount.get(candidate.amount) ?? []), candidate]);
    return probes.map((probe) => {
      if (probe.amount === 0n) return null;
      let best: { id: number; days: number } | null = null;
      for (const candidate of byAmount.get(-probe.amount) ?? []) {
        if (candidate.id === probe.transactionId || candidate.accountId === probe.accountId) continue;
        if (probe.inAccountId !== undefined && candidate.accountId !== probe.inAccountId) continue;
        if (currencyOf.get(candidate.accountId) !== currencyOf.get(probe.accountId) || isRejected(probe.transactionId, candidate.id)) continue;
        const days = Math.abs(daysBetween(probe.date, candidate.date));
        if (days > SUGGESTION_WINDOW_DAYS) continue;
        if (!best || days < best.days || (days === best.days && candidate.id < best.id)) best = { id: candidate.id, days };
      }
      return best?.id ?? null;
    });
  }

  private async createWithin(manager: EntityManager, scope: OwnerScope, data: TransferData): Promise<TransferRecord> {
    const accounts = this.accounts.within(manager);
    const [from, to] = await Promise.all([accounts.findById(scope, data.fromAccountId), accounts.findById(scope, data.toAccountId)]);
    if (!from) throw badInput('fromAccountId', 'There is no such account.');
    if (!to) throw badInput('toAccountId', 'There is no such account.');
    if (from.id === to.id) throw badInput('toAccountId', 'Choose two different accounts: a transfer moves money between them.');
    const amount = positiveAmount(data.amount, from, 'amount');
    let inflowAmount = amount;
    if (from.currency !== to.currency) {
      if (data.inflowAmount == null) throw badInput('inflowAmount', `Give the amount that reached ${to.name}, in ${to.currency}.`);
      inflowAmount = positiveAmount(data.inflowAmount, to, 'inflowAmount');
    } else if (data.inflowAmount != null && parseMoney(data.inflowAmount, to.currency, 'inflowAmount') !== amount) {
      throw badInput('inflowAmount', 'Both accounts are in one currency: the same amount leaves one and reaches the other.');
    }
    const date = parseCalendarDate(data.date, 'date');
    const inflowDate = data.inflowDate != null ? parseCalendarDate(data.inflowDate, 'inflowDate') : date;
    if (inflowDate < date) throw badInput('inflowDate', 'The money cannot arrive before it left.');
    const description = optionalText(data.description ?? '', 'description', LIMITS.description);
    const notes = optionalText(data.notes ?? '', 'notes', LIMITS.notes);
    const transactions = this.transactions.within(manager);
    const [outflowId, inflowId] = await transactions.insertMany(scope, [
      { accountId: from.id, categoryId: null, date, amount: -amount, description: description || `Transfer to ${to.name}`, notes },
      { accountId: to.id, categoryId: null, date: inflowDate, amount: inflowAmount, description: description || `Transfer from ${from.name}`, notes },
    ]);
    const [id] = await this.transfers.within(manager).insertMany(scope, [{ outflowTransactionId: outflowId, inflowTransactionId: inflowId, origin: 'created' }]);
    return this.foundWithin(manager, scope, id);
  }

  private async foundWithin(manager: EntityManager, scope: OwnerScope, id: number): Promise<TransferRecord> {
    const [transfer] = await this.transfers.within(manager).findManyByIds(scope, [id]);
    if (!transfer) throw notFound('Transfer');
    return transfer;
  }
}

function positiveAmount(value: string, account: AccountRecord, field: string): bigint {
  const amount = parseMoney(value, account.currency, field);
  if (amount <= 0n) throw badInput(field, 'Give the amount moved as a positive number.');
  return amount;
}

/** Two whole rows of different accounts, money out and in, the same amount in one currency. */
function checkLinkable(outflow: TransactionRecord, inflow: TransactionRecord): void {
  if (outflow.id === inflow.id || outflow.accountId === inflow.accountId) throw badInput('inflowId', 'The legs of a transfer are on two different accounts.');
  for (const [leg, field] of [
    [outflow, 'outflowId'],
    [inflow, 'inflowId'],
  ] as const) {
    if (leg.transferId !== null) throw badInput(field, 'This transaction is already a leg of a transfer: unlink it first.');
    if (leg.isSplit) throw badInput(field, 'This transaction is split: make the transfer one of its parts instead.');
  }
  if (outflow.amount.minor >= 0n) throw badInput('outflowId', 'The outflow leg is money out of its account (a negative amount).');
  if (inflow.amount.minor <= 0n) throw badInput('inflowId', 'The inflow leg is money into its account (a positive amount).');
  if (outflow.account.currency === inflow.account.currency && outflow.amount.minor !== -inflow.amount.minor) {
    throw badInput('inflowId', `In one currency the legs have opposite amounts: ${outflow.amount.toString()} out, ${inflow.amount.toString()} in.`);
  }
}
