import type { ApiClient } from './client';
import { minorUnitsOf } from './money';

/** GraphQL documents and helpers of the transfer and split tests (issue 17), so each test reads as a user's story. */
const LEG_FIELDS = 'id date amount description notes kind account { id currency } category { id } transfer { id }';
export const TRANSFER_FIELDS = `id rate outflow { ${LEG_FIELDS} } inflow { ${LEG_FIELDS} } outflowSplit { id amount } inflowSplit { id amount }`;
const SPLIT_FIELDS = `id amount notes category { id name } transfer { id outflow { id amount account { id } } inflow { id amount account { id } } }`;
export const LEDGER_TRANSACTION_FIELDS = `id date amount description notes kind account { id currency } category { id name }
  transfer { ${TRANSFER_FIELDS} } splits { ${SPLIT_FIELDS} }`;

export const CREATE_TRANSFER = `mutation ($input: CreateTransferInput!) { createTransfer(input: $input) { ${TRANSFER_FIELDS} } }`;
export const LINK_TRANSFER = `mutation ($outflowId: ID!, $inflowId: ID!) { linkTransfer(outflowId: $outflowId, inflowId: $inflowId) { ${TRANSFER_FIELDS} } }`;
export const UNLINK_TRANSFER = 'mutation ($id: ID!) { unlinkTransfer(id: $id) }';
export const REJECT_SUGGESTION = `mutation ($transactionId: ID!, $suggestedId: ID!) {
  rejectTransferSuggestion(transactionId: $transactionId, suggestedId: $suggestedId) { id transferSuggestion { id date amount account { id } } } }`;
export const SET_SPLITS = `mutation ($transactionId: ID!, $splits: [SplitInput!]!) {
  setSplits(transactionId: $transactionId, splits: $splits) { ${LEDGER_TRANSACTION_FIELDS} } }`;
export const DELETE_WITH_LEG = 'mutation ($id: ID!, $otherLeg: TransferLegAction) { deleteTransaction(id: $id, otherLeg: $otherLeg) }';
export const CREATE_LEDGER_TRANSACTION = `mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { ${LEDGER_TRANSACTION_FIELDS} } }`;
export const UPDATE_LEDGER_TRANSACTION = `mutation ($id: ID!, $input: UpdateTransactionInput!) {
  updateTransaction(id: $id, input: $input) { ${LEDGER_TRANSACTION_FIELDS} } }`;
export const GET_LEDGER_TRANSACTION = `query ($id: ID!) { transaction(id: $id) { ${LEDGER_TRANSACTION_FIELDS} } }`;
export const SUGGESTION_OF = 'query ($id: ID!) { transaction(id: $id) { id transferSuggestion { id date amount account { id } } } }';
export const FILTERED_IDS = `query ($filter: TransactionFilter) {
  transactions(first: 200, filter: $filter) { totalCount edges { node { id amount } } } }`;
export const FILTERED_TOTALS = `query ($filter: TransactionFilter) { transactions(first: 0, filter: $filter) { totalCount totals { currency amount count } } }`;
export const DASHBOARD_TOTALS = `query ($from: Date, $to: Date) { dashboard(from: $from, to: $to) {
  currency income expenses net byCategory { category { id name } total count } monthly { period income expenses } } }`;

export interface Leg {
  id: string;
  date: string;
  amount: string;
  description: string;
  notes: string;
  kind: string;
  account: { id: string; currency: string };
  category: { id: string } | null;
  transfer: { id: string } | null;
}
export interface Transfer {
  id: string;
  rate: string | null;
  outflow: Leg;
  inflow: Leg;
  outflowSplit: { id: string; amount: string } | null;
  inflowSplit: { id: string; amount: string } | null;
}

/** Creates an account and answers its id. */
export async function accountOf(client: ApiClient, name: string, input: Record<string, unknown> = {}): Promise<string> {
  const query = 'mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }';
  return (await client.ok(query, { input: { name, ...input } })).createAccount.id;
}

export async function categoryOf(client: ApiClient, name: string, kind: 'EXPENSE' | 'INCOME' = 'EXPENSE'): Promise<string> {
  const query = 'mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id } }';
  return (await client.ok(query, { input: { name, kind } })).createCategory.id;
}

/** Creates a plain transaction and answers its id. */
export async function rowOf(client: ApiClient, input: Record<string, unknown>): Promise<string> {
  return (await client.ok(CREATE_LEDGER_TRANSACTION, { input: { date: '2025-03-10', ...input } })).createTransaction.id;
}

export async function transferOf(client: ApiClient, input: Record<string, unknown>): Promise<Transfer> {
  return (await client.ok(CREATE_TRANSFER, { input: { date: '2025-03-10', ...input } })).createTransfer;
}

/** Each account's balance, by id. */
export async function balancesOf(client: ApiClient): Promise<Record<string, string>> {
  const { accounts } = await client.ok('{ accounts { id balance } }');
  return Object.fromEntries(accounts.map((a: { id: string; balance: string }) => [a.id, a.balance]));
}

/** Everything of the user's a change could touch, to compare before and after a refused one. */
export async function ledgerOf(client: ApiClient): Promise<unknown> {
  return client.ok(`{
    accounts { id name currency openingBalance balance transactionCount }
    categories { id name kind }
    transactions(first: 40) { totalCount edges { node { id date amount description notes kind updatedAt account { id } category { id }
      transfer { id outflow { id } inflow { id } } splits { id amount notes category { id } transfer { id } } } } }
  }`);
}

export async function getTransaction(client: ApiClient, id: string) {
  return (await client.ok(GET_LEDGER_TRANSACTION, { id })).transaction;
}

/** The ids a filter lists, sorted (and the count it answers checked against them). */
export async function idsMatching(client: ApiClient, filter: Record<string, unknown>): Promise<string[]> {
  const { transactions } = await client.ok(FILTERED_IDS, { filter });
  const ids = transactions.edges.map((edge: { node: { id: string } }) => edge.node.id);
  expect(transactions.totalCount).toBe(ids.length);
  return sortIds(ids);
}

export function sortIds(ids: string[]): string[] {
  return [...ids].sort((a, b) => Number(a) - Number(b));
}

export function cents(money: string): number {
  return Number(minorUnitsOf(money));
}
