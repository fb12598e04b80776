import { buildAppSchema } from '../src/api/graphql/schema';
import { ApiClient, signUp } from './support/client';
import { receiptFiles } from './support/fixtures';
import {
  codeOf,
  CREATE_ACCOUNT,
  CREATE_CATEGORY,
  CREATE_TRANSACTION,
  DASHBOARD,
  DELETE_ACCOUNT,
  DELETE_CATEGORY,
  DELETE_RECEIPT,
  DELETE_TRANSACTION,
  GET_TRANSACTION,
  LIST_ACCOUNTS,
  LIST_CATEGORIES,
  LIST_TRANSACTIONS,
  UPDATE_ACCOUNT,
  UPDATE_CATEGORY,
  UPDATE_TRANSACTION,
  UPLOAD_RECEIPT,
} from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';
import { CREATE_TRANSFER, LINK_TRANSFER, REJECT_SUGGESTION, SET_SPLITS, UNLINK_TRANSFER } from './support/transfers';
import { BUDGET_HISTORY, BUDGET_MONTH, BUDGETS_FROM_AVERAGE, COPY_BUDGET, SET_BUDGET, SET_ROLLOVER } from './support/budgets';

/** A's ids, which B tries to use. */
interface Ids {
  account: string;
  category: string;
  transaction: string;
  receipt: string;
  /** A's session, as the devices list names it. */
  session: string;
  /** An import preview of A's, and a committed import. */
  importPreview: string;
  importBatch: string;
  /** A's first account, a row there that could be the other leg of \`transaction\`, and a transfer. */
  cashAccount: string;
  inflowRow: string;
  transfer: string;
  /** A's rule and an open learning offer. */
  rule: string;
  ruleSuggestion: string;
}

const PREVIEW_IMPORT = 'mutation ($accountId: ID!, $file: Upload!) { previewImport(accountId: $accountId, file: $file) { id newCount } }';
const COMMIT_IMPORT = 'mutation ($previewId: ID!) { commitImport(previewId: $previewId) { id createdCount } }';
const UNDO_IMPORT = 'mutation ($batchId: ID!) { undoImport(batchId: $batchId) { id undone } }';
const RULE_INPUT = (categoryId: string) => ({ name: 'Novel shelf', conditions: [{ field: 'DESCRIPTION', operator: 'CONTAINS', value: 'novel' }], actions: [{ type: 'SET_CATEGORY', value: categoryId }] });
const CREATE_RULE = 'mutation ($input: RuleInput!) { createRule(input: $input) { id name } }';
const UPDATE_RULE = 'mutation ($id: ID!, $input: RuleInput!) { updateRule(id: $id, input: $input) { id name } }';
const PREVIEW_RULE = 'mutation ($input: RuleInput!) { previewRule(input: $input) { matchCount changes { transaction { id description } } } }';
const RESTORE_BACKUP = 'mutation ($file: Upload!) { restoreBackup(file: $file, dryRun: true) { dryRun } }';
const notABackup = { name: 'backup.zip', type: 'application/zip', body: Buffer.from('not a zip at all') };
const importFile = { name: 'bank.csv', type: 'text/csv', body: Buffer.from('Date,Description,Amount\n2025-05-02,Bookshop,-7.25\n') };

type Attempt = (client: ApiClient, ids: Ids) => Promise<{ errors?: { extensions?: { code?: string } }[]; data?: any }>;

/**
 * One row per operation in the schema: how a signed-out visitor and another user try it with A's
 * ids, and the code they must get. The table fails when an operation has no row.
 */
const operations: Record<string, { signedOut: string | null; asOtherUser: { code: string | null; attempt: Attempt } }> = {
  me: { signedOut: null, asOtherUser: { code: null, attempt: (c) => c.gql('{ me { id } }') } },
  accounts: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c) => c.gql(LIST_ACCOUNTS) } },
  categories: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c) => c.gql(LIST_CATEGORIES) } },
  transactions: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: null, attempt: (c, ids) => c.gql(LIST_TRANSACTIONS, { filter: { accountId: ids.account } }) },
  },
  transaction: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(GET_TRANSACTION, { id: ids.transaction }) } },
  dashboard: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c) => c.gql(DASHBOARD, { from: '2025-01-01', to: '2025-12-31' }) } },
  register: { signedOut: null, asOtherUser: { code: null, attempt: async () => ({}) } },
  login: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  logout: { signedOut: null, asOtherUser: { code: null, attempt: async () => ({}) } },
  updateMe: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  // These act on the signed-in user only: there is no id of someone else's to pass.
  changePassword: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  deleteMe: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  startTwoFactorSetup: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  enableTwoFactor: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  disableTwoFactor: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  // Public: the sign-up and upload screens read the limits before anyone signs in.
  serverLimits: { signedOut: null, asOtherUser: { code: null, attempt: (c) => c.gql('{ serverLimits { receiptMaxBytes } }') } },
  sessions: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c) => c.gql('{ sessions { id device } }') } },
  revokeSession: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql('mutation ($id: ID!) { revokeSession(id: $id) }', { id: ids.session }) },
  },
  revokeOtherSessions: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  createAccount: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  updateAccount: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(UPDATE_ACCOUNT, { id: ids.account, input: { name: 'Mine now', archived: true } }) },
  },
  deleteAccount: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(DELETE_ACCOUNT, { id: ids.account, deleteTransactions: true }) },
  },
  createCategory: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: async () => ({}) } },
  updateCategory: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(UPDATE_CATEGORY, { id: ids.category, input: { name: 'Mine now' } }) },
  },
  deleteCategory: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(DELETE_CATEGORY, { id: ids.category }) } },
  createTransaction: {
    signedOut: 'UNAUTHENTICATED',
    // Ids inside an input are bad input on that field, for someone else's ids exactly as for unknown ones.
    asOtherUser: {
      code: 'BAD_USER_INPUT',
      attempt: (c, ids) => c.gql(CREATE_TRANSACTION, { input: { accountId: ids.account, date: '2025-05-05', amount: '-1.00' } }),
    },
  },
  updateTransaction: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(UPDATE_TRANSACTION, { id: ids.transaction, input: { amount: '-999.00' } }) },
  },
  deleteTransaction: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(DELETE_TRANSACTION, { id: ids.transaction }) } },
  uploadReceipt: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.upload(UPLOAD_RECEIPT, { transactionId: ids.transaction }, receiptFiles.png) },
  },
  deleteReceipt: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(DELETE_RECEIPT, { id: ids.receipt }) } },
  previewImport: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.upload(PREVIEW_IMPORT, { accountId: ids.account }, importFile) },
  },
  commitImport: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(COMMIT_IMPORT, { previewId: ids.importPreview }) } },
  undoImport: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(UNDO_IMPORT, { batchId: ids.importBatch }) } },
  importPreview: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql('query ($id: ID!) { importPreview(id: $id) { id } }', { id: ids.importPreview }) } },
  // Another's preview is not theirs to drop: false, as for one that is not there (the owner's stays: see imports.test.ts).
  discardImportPreview: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c, ids) => c.gql('mutation ($id: ID!) { discardImportPreview(id: $id) }', { id: ids.importPreview }) } },
  importBatches: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: null, attempt: (c, ids) => c.gql('query ($accountId: ID) { importBatches(accountId: $accountId) { id filename } }', { accountId: ids.account }) },
  },
  createTransfer: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: {
      code: 'BAD_USER_INPUT',
      attempt: (c, ids) => c.gql(CREATE_TRANSFER, { input: { fromAccountId: ids.account, toAccountId: ids.cashAccount, date: '2025-05-05', amount: '1.00' } }),
    },
  },
  linkTransfer: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(LINK_TRANSFER, { outflowId: ids.transaction, inflowId: ids.inflowRow }) },
  },
  unlinkTransfer: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(UNLINK_TRANSFER, { id: ids.transfer }) } },
  rejectTransferSuggestion: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(REJECT_SUGGESTION, { transactionId: ids.transaction, suggestedId: ids.inflowRow }) },
  },
  setSplits: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(SET_SPLITS, { transactionId: ids.transaction, splits: [{ amount: '-6.25' }, { amount: '-6.25' }] }) },
  },
  rules: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c) => c.gql('{ rules { id name conditions { value } } }') } },
  ruleSuggestions: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c) => c.gql('{ ruleSuggestions { id description } }') } },
  rule: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql('query ($id: ID!) { rule(id: $id) { id name } }', { id: ids.rule }) } },
  createRule: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'BAD_USER_INPUT', attempt: (c, ids) => c.gql(CREATE_RULE, { input: RULE_INPUT(ids.category) }) } },
  updateRule: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(UPDATE_RULE, { id: ids.rule, input: { ...RULE_INPUT('1'), actions: [{ type: 'APPEND_NOTES', value: 'x' }] } }) } },
  deleteRule: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql('mutation ($id: ID!) { deleteRule(id: $id) }', { id: ids.rule }) } },
  reorderRules: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql('mutation ($ids: [ID!]!) { reorderRules(ids: $ids) { id } }', { ids: [ids.rule] }) } },
  previewRule: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: {
      code: 'BAD_USER_INPUT',
      attempt: (c, ids) => c.gql(PREVIEW_RULE, { input: { ...RULE_INPUT(ids.category), conditions: [{ field: 'ACCOUNT', operator: 'IS', value: ids.account }] } }),
    },
  },
  applyRule: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql('mutation ($id: ID!) { applyRule(id: $id) }', { id: ids.rule }) } },
  acceptRuleSuggestion: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql('mutation ($id: ID!) { acceptRuleSuggestion(id: $id) { id } }', { id: ids.ruleSuggestion }) },
  },
  dismissRuleSuggestion: {
    signedOut: 'UNAUTHENTICATED',
    asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql('mutation ($id: ID!) { dismissRuleSuggestion(id: $id) }', { id: ids.ruleSuggestion }) },
  },
  // The budget's month and copies are of the signed-in user's own categories: nothing of A's to name.
  budgetMonth: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c) => c.gql(BUDGET_MONTH, { month: '2025-05' }) } },
  budgetHistory: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(BUDGET_HISTORY, { categoryId: ids.category, from: '2025-04', to: '2025-06' }) } },
  setBudget: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(SET_BUDGET, { month: '2025-05', categoryId: ids.category, amount: '999.00' }) } },
  setBudgetRollover: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'NOT_FOUND', attempt: (c, ids) => c.gql(SET_ROLLOVER, { categoryId: ids.category, rollover: false }) } },
  copyBudget: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c) => c.gql(COPY_BUDGET, { fromMonth: '2025-05', toMonth: '2025-06' }) } },
  // A restore names no ids: it reads into the caller's own data, and a file that is no backup changes nothing.
  restoreBackup: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: 'BAD_USER_INPUT', attempt: (c) => c.upload(RESTORE_BACKUP, {}, notABackup) } },
  setBudgetsFromAverage: { signedOut: 'UNAUTHENTICATED', asOtherUser: { code: null, attempt: (c) => c.gql(BUDGETS_FROM_AVERAGE, { month: '2025-06' }) } },
};

/** Minimal valid arguments for the signed-out run. */
const signedOutCalls: Record<string, Attempt> = {
  me: (c) => c.gql('{ me { id } }'),
  accounts: (c) => c.gql(LIST_ACCOUNTS),
  categories: (c) => c.gql(LIST_CATEGORIES),
  transactions: (c) => c.gql(LIST_TRANSACTIONS),
  transaction: (c) => c.gql(GET_TRANSACTION, { id: '1' }),
  dashboard: (c) => c.gql(DASHBOARD),
  register: async () => ({}),
  login: (c) => c.gql('mutation { login(email: "a@b.co", password: "whatever1") { id } }'),
  logout: (c) => c.gql('mutation { logout }'),
  updateMe: (c) => c.gql('mutation { updateMe(input: { name: "x" }) { id } }'),
  changePassword: (c) => c.gql('mutation { changePassword(currentPassword: "whatever1", newPassword: "whatever2 long") { id } }'),
  deleteMe: (c) => c.gql('mutation { deleteMe(password: "whatever1") }'),
  startTwoFactorSetup: (c) => c.gql('mutation { startTwoFactorSetup { secret } }'),
  enableTwoFactor: (c) => c.gql('mutation { enableTwoFactor(code: "123456") }'),
  disableTwoFactor: (c) => c.gql('mutation { disableTwoFactor(password: "whatever1") }'),
  serverLimits: (c) => c.gql('{ serverLimits { receiptMaxBytes } }'),
  sessions: (c) => c.gql('{ sessions { id } }'),
  revokeSession: (c) => c.gql('mutation { revokeSession(id: "x") }'),
  revokeOtherSessions: (c) => c.gql('mutation { revokeOtherSessions }'),
  createAccount: (c) => c.gql(CREATE_ACCOUNT, { input: { name: 'x' } }),
  updateAccount: (c) => c.gql(UPDATE_ACCOUNT, { id: '1', input: { name: 'x' } }),
  deleteAccount: (c) => c.gql(DELETE_ACCOUNT, { id: '1' }),
  createCategory: (c) => c.gql(CREATE_CATEGORY, { input: { name: 'x' } }),
  updateCategory: (c) => c.gql(UPDATE_CATEGORY, { id: '1', input: { name: 'x' } }),
  deleteCategory: (c) => c.gql(DELETE_CATEGORY, { id: '1' }),
  createTransaction: (c) => c.gql(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '1.00' } }),
  updateTransaction: (c) => c.gql(UPDATE_TRANSACTION, { id: '1', input: { amount: '1.00' } }),
  deleteTransaction: (c) => c.gql(DELETE_TRANSACTION, { id: '1' }),
  uploadReceipt: (c) => c.upload(UPLOAD_RECEIPT, { transactionId: '1' }, receiptFiles.png),
  deleteReceipt: (c) => c.gql(DELETE_RECEIPT, { id: '1' }),
  previewImport: (c) => c.upload(PREVIEW_IMPORT, { accountId: '1' }, importFile),
  commitImport: (c) => c.gql(COMMIT_IMPORT, { previewId: '1' }),
  undoImport: (c) => c.gql(UNDO_IMPORT, { batchId: '1' }),
  importBatches: (c) => c.gql('{ importBatches { id } }'),
  importPreview: (c) => c.gql('{ importPreview(id: "1") { id } }'),
  discardImportPreview: (c) => c.gql('mutation { discardImportPreview(id: "1") }'),
  createTransfer: (c) => c.gql(CREATE_TRANSFER, { input: { fromAccountId: '1', toAccountId: '2', date: '2025-01-01', amount: '1.00' } }),
  linkTransfer: (c) => c.gql(LINK_TRANSFER, { outflowId: '1', inflowId: '2' }),
  unlinkTransfer: (c) => c.gql(UNLINK_TRANSFER, { id: '1' }),
  rejectTransferSuggestion: (c) => c.gql(REJECT_SUGGESTION, { transactionId: '1', suggestedId: '2' }),
  setSplits: (c) => c.gql(SET_SPLITS, { transactionId: '1', splits: [] }),
  rules: (c) => c.gql('{ rules { id } }'),
  ruleSuggestions: (c) => c.gql('{ ruleSuggestions { id } }'),
  rule: (c) => c.gql('{ rule(id: "1") { id } }'),
  createRule: (c) => c.gql(CREATE_RULE, { input: RULE_INPUT('1') }),
  updateRule: (c) => c.gql(UPDATE_RULE, { id: '1', input: RULE_INPUT('1') }),
  deleteRule: (c) => c.gql('mutation { deleteRule(id: "1") }'),
  reorderRules: (c) => c.gql('mutation { reorderRules(ids: ["1"]) { id } }'),
  previewRule: (c) => c.gql(PREVIEW_RULE, { input: RULE_INPUT('1') }),
  applyRule: (c) => c.gql('mutation { applyRule(id: "1") }'),
  acceptRuleSuggestion: (c) => c.gql('mutation { acceptRuleSuggestion(id: "1") { id } }'),
  dismissRuleSuggestion: (c) => c.gql('mutation { dismissRuleSuggestion(id: "1") }'),
  budgetMonth: (c) => c.gql(BUDGET_MONTH, { month: '2025-05' }),
  budgetHistory: (c) => c.gql(BUDGET_HISTORY, { categoryId: '1', from: '2025-04', to: '2025-06' }),
  setBudget: (c) => c.gql(SET_BUDGET, { month: '2025-05', categoryId: '1', amount: '1.00' }),
  setBudgetRollover: (c) => c.gql(SET_ROLLOVER, { categoryId: '1', rollover: true }),
  copyBudget: (c) => c.gql(COPY_BUDGET, { fromMonth: '2025-05', toMonth: '2025-06' }),
  restoreBackup: (c) => c.upload(RESTORE_BACKUP, {}, notABackup),
  setBudgetsFromAverage: (c) => c.gql(BUDGETS_FROM_AVERAGE, { month: '2025-06' }),
};

let running: RunningApp;
let owner: ApiClient;
let ids: Ids;

/** Everything A can see, to compare before and after B's attempts. */
async function ownersView(): Promise<unknown> {
  return owner.ok(`{
    accounts { id name currency openingBalance balance archived }
    categories { id name kind color }
    transactions(first: 20) { totalCount edges { node { id date amount description notes category { id } account { id } receipts { id filename size }
      transfer { id outflow { id } inflow { id } } splits { id amount category { id } } transferSuggestion { id } handSetFields } } }
    rules { id name position enabled appliedCount conditions { value } actions { value } }
    ruleSuggestions { id description }
    may: budgetMonth(month: "2025-05") { income budgeted spent available toBudget categories { category { id rollover } budgeted budgetSet spent carriedOver available averageSpent } }
    june: budgetMonth(month: "2025-06") { budgeted toBudget categories { category { id } budgeted budgetSet carriedOver available } }
  }`);
}

beforeAll(async () => {
  running = await startTestApp();
  owner = (await signUp(running.baseUrl, { name: 'Owner' })).client;
  const account = (await owner.ok(CREATE_ACCOUNT, { input: { name: 'Savings', openingBalance: '100.00' } })).createAccount;
  const category = (await owner.ok(CREATE_CATEGORY, { input: { name: 'Books', kind: 'EXPENSE' } })).createCategory;
  const transaction = (
    await owner.ok(CREATE_TRANSACTION, { input: { accountId: account.id, categoryId: category.id, date: '2025-05-01', amount: '-12.50', description: 'Novel' } })
  ).createTransaction;
  const receipt = await owner.upload(UPLOAD_RECEIPT, { transactionId: transaction.id }, receiptFiles.png);
  const [session] = (await owner.ok('{ sessions { id } }')).sessions;
  const committed = (await owner.upload(PREVIEW_IMPORT, { accountId: account.id }, importFile)).data.previewImport;
  const importBatch = (await owner.ok(COMMIT_IMPORT, { previewId: committed.id })).commitImport;
  const importPreview = (await owner.upload(PREVIEW_IMPORT, { accountId: account.id }, importFile)).data.previewImport;
  const cashAccount = (await owner.ok('{ accounts { id name } }')).accounts.find((a: { name: string }) => a.name !== 'Savings').id;
  const inflowRow = (await owner.ok(CREATE_TRANSACTION, { input: { accountId: cashAccount, date: '2025-05-02', amount: '12.50', description: 'Novel refund' } })).createTransaction;
  const transfer = (await owner.ok(CREATE_TRANSFER, { input: { fromAccountId: cashAccount, toAccountId: account.id, date: '2025-05-03', amount: '3.00' } })).createTransfer;
  // A row no rule matches, categorised by hand: learning offers a rule.
  const bakery = (await owner.ok(CREATE_TRANSACTION, { input: { accountId: account.id, date: '2025-05-04', amount: '-2.00', description: 'Novel Bakery' } })).createTransaction;
  await owner.ok(UPDATE_TRANSACTION, { id: bakery.id, input: { categoryId: category.id } });
  const [ruleSuggestion] = (await owner.ok('{ ruleSuggestions { id } }')).ruleSuggestions;
  const rule = (await owner.ok(CREATE_RULE, { input: RULE_INPUT(category.id) })).createRule;
  await owner.ok(SET_BUDGET, { month: '2025-05', categoryId: category.id, amount: '40.00' });
  await owner.ok(SET_ROLLOVER, { categoryId: category.id, rollover: true });
  ids = {
    account: account.id, category: category.id, transaction: transaction.id, receipt: receipt.data.uploadReceipt.id, session: session.id,
    importPreview: importPreview.id, importBatch: importBatch.id, cashAccount, inflowRow: inflowRow.id, transfer: transfer.id,
    rule: rule.id, ruleSuggestion: ruleSuggestion.id,
  };
});
afterAll(() => running.destroy());

test('every query and mutation in the schema has a row in the access table', async () => {
  const schema = await buildAppSchema();
  const names = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
  expect(names.filter((name) => !(name in operations)).sort()).toEqual([]);
  expect(Object.keys(signedOutCalls).sort()).toEqual(Object.keys(operations).sort());
});

test.each(Object.keys(signedOutCalls))('signed out: %s', async (name) => {
  const result = await signedOutCalls[name](new ApiClient(running.baseUrl), ids);
  expect(codeOf(result) ?? null).toBe(operations[name].signedOut);
});

describe('another user tries every id of the first', () => {
  let intruder: ApiClient;
  let before: unknown;
  beforeAll(async () => {
    intruder = (await signUp(running.baseUrl, { name: 'Intruder' })).client;
    before = await ownersView();
  });

  test.each(Object.keys(operations).filter((name) => operations[name].asOtherUser.code !== null))('%s', async (name) => {
    const result = await operations[name].asOtherUser.attempt(intruder, ids);
    expect(codeOf(result)).toBe(operations[name].asOtherUser.code);
    expect(JSON.stringify(result)).not.toContain('Novel');
    expect(await ownersView()).toEqual(before);
  });

  test('lists, filters and the dashboard show none of the first user’s data', async () => {
    for (const name of ['accounts', 'categories', 'transactions', 'dashboard', 'importBatches', 'rules', 'ruleSuggestions', 'budgetMonth', 'copyBudget', 'setBudgetsFromAverage']) {
      const result = await operations[name].asOtherUser.attempt(intruder, ids);
      expect(result.errors).toBeUndefined();
      const text = JSON.stringify(result.data);
      // Amounts as the API writes them, a JSON string each: bare, "40.00" is also the seconds of a createdAt ("…:11:40.000Z").
      for (const secret of ['Savings', 'Books', 'Novel', '"-12.50"', '"100.00"', 'Bookshop', 'bank.csv', '"40.00"']) expect(text).not.toContain(secret);
    }
    const { data } = await operations.budgetMonth.asOtherUser.attempt(intruder, ids);
    expect(data.budgetMonth.categories.map((entry: { category: { id: string } }) => entry.category.id)).not.toContain(ids.category);
  });

  test('the receipt download answers 404 to another user and 401 when signed out', async () => {
    expect((await intruder.fetch(`/receipts/${ids.receipt}`)).status).toBe(404);
    expect((await new ApiClient(running.baseUrl).fetch(`/receipts/${ids.receipt}`)).status).toBe(401);
    expect((await owner.fetch(`/receipts/${ids.receipt}`)).status).toBe(200);
  });

  test('the receipt’s transaction cannot be reached through another user’s receipt field either', async () => {
    const result = await intruder.gql(`{ transactions { edges { node { receipts { id } } } } }`);
    expect(JSON.stringify(result.data)).not.toContain(`"id":"${ids.receipt}"`);
  });
});
