import type { ApiClient } from './client';
import { cents } from './transfers';

/**
 * The user's rows, transfers and split parts as the API shows them, for the randomized tests: which
 * rows are whole-row legs, split rows or plain, and the invariants every transfer and split must keep.
 */
const SIDE = 'id amount';
const TRANSFER = `id outflow { ${SIDE} } inflow { ${SIDE} } outflowSplit { id amount } inflowSplit { id amount }`;
// A literal `first` multiplies the query's cost: 60 rows are more than a randomized run makes.
const LEDGER = `{ transactions(first: 60) { totalCount edges { node {
  id amount account { id currency } category { id } transfer { ${TRANSFER} }
  splits { id amount category { id } transfer { ${TRANSFER} } } } } } }`;

interface Side {
  id: string;
  amount: string;
}
export interface TransferView {
  id: string;
  outflow: Side;
  inflow: Side;
  outflowSplit: { id: string; amount: string } | null;
  inflowSplit: { id: string; amount: string } | null;
}
export interface RowView {
  id: string;
  amount: string;
  account: { id: string; currency: string };
  category: { id: string } | null;
  transfer: TransferView | null;
  splits: { id: string; amount: string; category: { id: string } | null; transfer: TransferView | null }[];
}

export interface LedgerModel {
  rows: RowView[];
  byId: Map<string, RowView>;
  transfers: Map<string, TransferView>;
  /** Rows that are a transfer's leg as a whole (not through a split part). */
  wholeLegs: Set<string>;
  splitRows: Set<string>;
  plain(row: RowView): boolean;
}

export async function ledgerModelOf(client: ApiClient): Promise<LedgerModel> {
  const { transactions } = await client.ok(LEDGER);
  const rows: RowView[] = transactions.edges.map((edge: { node: RowView }) => edge.node);
  expect(transactions.totalCount).toBe(rows.length);
  const transfers = new Map<string, TransferView>();
  for (const row of rows) {
    for (const transfer of [row.transfer, ...row.splits.map((split) => split.transfer)]) if (transfer) transfers.set(transfer.id, transfer);
  }
  const wholeLegs = new Set<string>();
  for (const transfer of transfers.values()) {
    if (!transfer.outflowSplit) wholeLegs.add(transfer.outflow.id);
    if (!transfer.inflowSplit) wholeLegs.add(transfer.inflow.id);
  }
  const splitRows = new Set(rows.filter((row) => row.splits.length > 0).map((row) => row.id));
  return {
    rows,
    byId: new Map(rows.map((row) => [row.id, row])),
    transfers,
    wholeLegs,
    splitRows,
    plain: (row) => !wholeLegs.has(row.id) && !splitRows.has(row.id),
  };
}

/** What must hold after any sequence of changes: both legs there and linked, opposite in one currency, parts adding up. */
export function expectLedgerConsistent(model: LedgerModel): void {
  const problems: string[] = [];
  for (const transfer of model.transfers.values()) {
    const outflow = model.byId.get(transfer.outflow.id);
    const inflow = model.byId.get(transfer.inflow.id);
    if (!outflow || !inflow) {
      problems.push(`transfer ${transfer.id}: a leg is missing from the list`);
      continue;
    }
    const outAmount = cents(transfer.outflowSplit?.amount ?? outflow.amount);
    const inAmount = cents(transfer.inflowSplit?.amount ?? inflow.amount);
    if (!(outAmount < 0 && inAmount > 0)) problems.push(`transfer ${transfer.id}: outflow ${outAmount}, inflow ${inAmount}`);
    if (outflow.account.id === inflow.account.id) problems.push(`transfer ${transfer.id}: both legs on account ${outflow.account.id}`);
    if (outflow.account.currency === inflow.account.currency && outAmount !== -inAmount) problems.push(`transfer ${transfer.id}: ${outAmount} out, ${inAmount} in`);
    for (const [row, split] of [[outflow, transfer.outflowSplit], [inflow, transfer.inflowSplit]] as const) {
      const named = split ? row.splits.find((part) => part.id === split.id)?.transfer?.id : row.transfer?.id;
      if (named !== transfer.id) problems.push(`transfer ${transfer.id}: row ${row.id} names ${String(named)}`);
      if (!split && row.category) problems.push(`transfer ${transfer.id}: leg ${row.id} has a category`);
    }
  }
  for (const row of model.rows) {
    if (row.splits.length && row.splits.reduce((sum, part) => sum + cents(part.amount), 0) !== cents(row.amount)) {
      problems.push(`row ${row.id}: parts ${row.splits.map((part) => part.amount).join(' + ')} ≠ ${row.amount}`);
    }
  }
  expect(problems).toEqual([]);
}

/** The counts the filters must answer, worked out from the model (a split row matches a category by any part). */
export function expectedFilterCounts(model: LedgerModel, categoryIds: string[]): [string, Record<string, unknown>, number][] {
  const transferRows = model.rows.filter((row) => model.wholeLegs.has(row.id) || row.splits.some((part) => part.transfer));
  return [
    ['transfers', { kind: 'TRANSFER' }, transferRows.length],
    ['noTransfers', { excludeTransfers: true }, model.rows.filter((row) => !model.wholeLegs.has(row.id)).length],
    ['income', { kind: 'INCOME' }, model.rows.filter((row) => !model.wholeLegs.has(row.id) && cents(row.amount) > 0).length],
    ['expense', { kind: 'EXPENSE' }, model.rows.filter((row) => !model.wholeLegs.has(row.id) && cents(row.amount) < 0).length],
    ...categoryIds.map((id, i): [string, Record<string, unknown>, number] => [
      `category${i}`,
      { categoryId: id },
      model.rows.filter((row) => row.category?.id === id || row.splits.some((part) => part.category?.id === id)).length,
    ]),
  ];
}
