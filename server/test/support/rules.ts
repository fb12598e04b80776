import { expect } from '@jest/globals';
import type { ApiClient } from './client';
import { codeOf } from './operations';
import { ledgerOf } from './transfers';

/** GraphQL documents and helpers of the rule tests (issue 18), so each test reads as a user's story. */
export const RULE_FIELDS = `id name position enabled matchAll stopProcessing override createdAt lastAppliedAt appliedCount
  conditions { field operator value } actions { type value }`;
export const RULES = `{ rules { ${RULE_FIELDS} } }`;
export const RULE = `query ($id: ID!) { rule(id: $id) { ${RULE_FIELDS} } }`;
export const CREATE_RULE = `mutation ($input: RuleInput!) { createRule(input: $input) { ${RULE_FIELDS} } }`;
export const UPDATE_RULE = `mutation ($id: ID!, $input: RuleInput!) { updateRule(id: $id, input: $input) { ${RULE_FIELDS} } }`;
export const DELETE_RULE = 'mutation ($id: ID!) { deleteRule(id: $id) }';
export const REORDER_RULES = `mutation ($ids: [ID!]!) { reorderRules(ids: $ids) { ${RULE_FIELDS} } }`;
export const APPLY_RULE = 'mutation ($id: ID!, $filter: TransactionFilter) { applyRule(id: $id, filter: $filter) }';
const CHANGE_FIELDS = `transaction { id description } changedFields category { id } description notes transferAccount { id }
  splits { amount category { id } notes }`;
export const PREVIEW_RULE = `mutation ($input: RuleInput!, $filter: TransactionFilter, $first: Int) {
  previewRule(input: $input, filter: $filter, first: $first) { matchCount changeCount changes { ${CHANGE_FIELDS} } } }`;
export const SUGGESTIONS = '{ ruleSuggestions { id description category { id name } timesCategorised } }';
export const ACCEPT_SUGGESTION = `mutation ($id: ID!) { acceptRuleSuggestion(id: $id) { ${RULE_FIELDS} } }`;
export const DISMISS_SUGGESTION = 'mutation ($id: ID!) { dismissRuleSuggestion(id: $id) }';
/** A transaction as the rule tests look at it: what a rule may change, and what the user set by hand. */
export const RULED_TRANSACTION = `query ($id: ID!) { transaction(id: $id) {
  id date amount description importedDescription notes handSetFields account { id } category { id }
  transfer { id outflow { id account { id } } inflow { id amount account { id } } } splits { amount category { id } notes } } }`;

export interface Condition {
  field: string;
  operator: string;
  value: string;
}
export interface Action {
  type: string;
  value: string | null;
}
export interface Rule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  matchAll: boolean;
  stopProcessing: boolean;
  override: boolean;
  createdAt: string;
  lastAppliedAt: string | null;
  appliedCount: number;
  conditions: Condition[];
  actions: Action[];
}

export const when = (field: string, operator: string, value = ''): Condition => ({ field, operator, value });
export const action = (type: string, value: string | null = null): Action => ({ type, value });
export const setCategory = (categoryId: string) => action('SET_CATEGORY', categoryId);

/** A RuleInput: a name, the conditions and actions, and anything else (enabled, matchAll, stopProcessing, override). */
export function ruleInput(conditions: Condition[], actions: Action[], extra: Record<string, unknown> = {}) {
  return { name: 'A rule', conditions, actions, ...extra };
}

export async function ruleOf(client: ApiClient, conditions: Condition[], actions: Action[], extra: Record<string, unknown> = {}): Promise<Rule> {
  return (await client.ok(CREATE_RULE, { input: ruleInput(conditions, actions, extra) })).createRule;
}

export async function rulesOf(client: ApiClient): Promise<Rule[]> {
  return (await client.ok(RULES)).rules;
}

export async function applyRule(client: ApiClient, id: string, filter?: Record<string, unknown>): Promise<number> {
  return (await client.ok(APPLY_RULE, { id, filter })).applyRule;
}

export interface RuleChange {
  transaction: { id: string; description: string };
  changedFields: string[];
  category: { id: string } | null;
  description: string | null;
  notes: string | null;
  transferAccount: { id: string } | null;
  splits: { amount: string; category: { id: string } | null; notes: string }[];
}

export async function previewOf(client: ApiClient, input: Record<string, unknown>, filter?: Record<string, unknown>, first = 100) {
  return (await client.ok(PREVIEW_RULE, { input, filter, first })).previewRule as { matchCount: number; changeCount: number; changes: RuleChange[] };
}

export async function ruledTransaction(client: ApiClient, id: string) {
  return (await client.ok(RULED_TRANSACTION, { id })).transaction;
}

/** The user's rules, suggestions and ledger: what a refused rule operation must leave as it was. */
export async function rulesAndLedgerOf(client: ApiClient): Promise<unknown> {
  return { rules: await rulesOf(client), suggestions: (await client.ok(SUGGESTIONS)).ruleSuggestions, ledger: await ledgerOf(client) };
}

/** A refused rule operation: its code (and, when given, a message it must match), and nothing of the user's changed. */
export async function expectRuleRefused(client: ApiClient, operation: () => Promise<any>, code: string, message?: RegExp): Promise<any> {
  const before = await rulesAndLedgerOf(client);
  const result = await operation();
  expect(codeOf(result)).toBe(code);
  if (message) expect(result.errors[0].message).toMatch(message);
  expect(await rulesAndLedgerOf(client)).toEqual(before);
  return result;
}

/** Texts as the contract compares them: case and accents aside. The tests' own, not the app's. */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const PREVIEW_IMPORT = `mutation ($accountId: ID!, $file: Upload!, $options: ImportOptions) {
  previewImport(accountId: $accountId, file: $file, options: $options) { id newCount
    rows(first: 100) { edges { node { line status description notes amount category { id } categoryRule { id } transactionDescription appliedRules { id } } } } } }`;
const COMMIT_IMPORT = 'mutation ($previewId: ID!) { commitImport(previewId: $previewId) { id createdCount matchedCount } }';

export interface ImportedRow {
  line: number;
  status: string;
  description: string;
  notes: string;
  amount: string;
  category: { id: string } | null;
  categoryRule: { id: string } | null;
  transactionDescription: string;
  appliedRules: { id: string }[];
}

/** previewImport of a CSV text (header line first): the preview's id and rows, as the import screen shows them. */
export async function previewCsv(client: ApiClient, accountId: string, lines: string[], options?: Record<string, unknown>) {
  const file = { name: 'bank.csv', type: 'text/csv', body: Buffer.from(`${lines.join('\n')}\n`) };
  const result = await client.upload(PREVIEW_IMPORT, { accountId, options }, file);
  expect(result.errors).toBeUndefined();
  const preview = result.data.previewImport;
  return { id: preview.id as string, newCount: preview.newCount as number, rows: preview.rows.edges.map((edge: { node: ImportedRow }) => edge.node) as ImportedRow[] };
}

export async function commitPreview(client: ApiClient, previewId: string): Promise<{ createdCount: number; matchedCount: number }> {
  return (await client.ok(COMMIT_IMPORT, { previewId })).commitImport;
}

/** previewImport and commitImport of a CSV text. */
export async function importCsv(client: ApiClient, accountId: string, lines: string[], options?: Record<string, unknown>) {
  const preview = await previewCsv(client, accountId, lines, options);
  await commitPreview(client, preview.id);
  return preview;
}

const LISTED = `query ($filter: TransactionFilter) { transactions(first: 100, filter: $filter) { totalCount edges { node {
  id date amount description importedDescription notes handSetFields account { id } category { id } transfer { id } splits { amount category { id } notes } } } } }`;

export interface Listed {
  id: string;
  date: string;
  amount: string;
  description: string;
  importedDescription: string;
  notes: string;
  handSetFields: string[];
  account: { id: string };
  category: { id: string } | null;
  transfer: { id: string } | null;
  splits: { amount: string; category: { id: string } | null; notes: string }[];
}

/** Every transaction of the user's (in a filter), as the list shows them. */
export async function listedOf(client: ApiClient, filter?: Record<string, unknown>): Promise<Listed[]> {
  const { transactions } = await client.ok(LISTED, { filter });
  expect(transactions.totalCount).toBeLessThanOrEqual(100);
  return transactions.edges.map((edge: { node: Listed }) => edge.node);
}
