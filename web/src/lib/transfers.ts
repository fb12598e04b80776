// How the client reads a transfer: two linked rows, one per account.
import { isNegative } from './money';

interface Leg {
  id: string;
  account: { name: string };
}

interface TransferLike<L extends Leg = Leg> {
  outflow: L;
  inflow: L;
}

interface Row {
  id: string;
  amount: string;
}

/** "Checking → Savings": where the money left, where it arrived. */
export function transferLabel(transfer: TransferLike): string {
  return `${transfer.outflow.account.name} → ${transfer.inflow.account.name}`;
}

/** The leg that is not this transaction (for a split's transfer part, the row on the other account). */
export function otherLeg<L extends Leg>(transfer: TransferLike<L>, transactionId: string): L {
  return transfer.outflow.id === transactionId ? transfer.inflow : transfer.outflow;
}

/** linkTransfer's arguments for a row and its suggested pair: the negative one is the outflow. */
export function linkPair(transaction: Row, suggestion: Row): { outflowId: string; inflowId: string } {
  return isNegative(transaction.amount)
    ? { outflowId: transaction.id, inflowId: suggestion.id }
    : { outflowId: suggestion.id, inflowId: transaction.id };
}

/** A second amount (what arrives, in the to-account's currency) is asked for only across currencies. */
export function needsInflowAmount(fromCurrency: string | undefined, toCurrency: string | undefined): boolean {
  return Boolean(fromCurrency && toCurrency && fromCurrency !== toCurrency);
}

interface Suggesting {
  id: string;
  transferSuggestion?: { id: string } | null;
}

/**
 * The rows of a list whose suggested pair is offered: when two rows of the list suggest each other,
 * the pair is offered once, on the first of them.
 */
export function offeredSuggestions(rows: readonly Suggesting[]): Set<string> {
  const offered = new Set<string>();
  const shownPairs = new Set<string>();
  for (const row of rows) {
    const suggested = row.transferSuggestion?.id;
    if (!suggested || shownPairs.has(`${suggested}:${row.id}`)) continue;
    offered.add(row.id);
    shownPairs.add(`${row.id}:${suggested}`);
  }
  return offered;
}
