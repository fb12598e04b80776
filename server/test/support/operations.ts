/** GraphQL documents shared by the tests, so each test reads as a user's story. */
export const TRANSACTION_FIELDS = `id date amount description notes createdAt updatedAt
  account { id name currency } category { id name kind } receipts { id filename contentType size url }`;

export const CREATE_TRANSACTION = `mutation ($input: CreateTransactionInput!) {
  createTransaction(input: $input) { ${TRANSACTION_FIELDS} } }`;
export const UPDATE_TRANSACTION = `mutation ($id: ID!, $input: UpdateTransactionInput!) {
  updateTransaction(id: $id, input: $input) { ${TRANSACTION_FIELDS} } }`;
export const DELETE_TRANSACTION = `mutation ($id: ID!) { deleteTransaction(id: $id) }`;
export const GET_TRANSACTION = `query ($id: ID!) { transaction(id: $id) { ${TRANSACTION_FIELDS} } }`;
export const LIST_TRANSACTIONS = `query ($filter: TransactionFilter, $first: Int, $after: String) {
  transactions(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id date amount description } } pageInfo { hasNextPage endCursor } } }`;

export const ACCOUNT_FIELDS = 'id name currency openingBalance balance archived createdAt';
export const LIST_ACCOUNTS = `{ accounts { ${ACCOUNT_FIELDS} } }`;
export const CREATE_ACCOUNT = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { ${ACCOUNT_FIELDS} } }`;
export const UPDATE_ACCOUNT = `mutation ($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { ${ACCOUNT_FIELDS} } }`;
export const DELETE_ACCOUNT = `mutation ($id: ID!, $deleteTransactions: Boolean) { deleteAccount(id: $id, deleteTransactions: $deleteTransactions) }`;

export const CATEGORY_FIELDS = 'id name kind color createdAt';
export const LIST_CATEGORIES = `{ categories { ${CATEGORY_FIELDS} } }`;
export const CREATE_CATEGORY = `mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { ${CATEGORY_FIELDS} } }`;
export const UPDATE_CATEGORY = `mutation ($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { ${CATEGORY_FIELDS} } }`;
export const DELETE_CATEGORY = `mutation ($id: ID!) { deleteCategory(id: $id) }`;

export const UPLOAD_RECEIPT = `mutation ($transactionId: ID!, $file: Upload!) {
  uploadReceipt(transactionId: $transactionId, file: $file) { id filename contentType size url createdAt transaction { id } } }`;
export const DELETE_RECEIPT = `mutation ($id: ID!) { deleteReceipt(id: $id) }`;

export const DASHBOARD = `query ($from: Date, $to: Date) { dashboard(from: $from, to: $to) {
  from to currency income expenses net
  byCategory { category { id name } total count }
  monthly { period income expenses }
  recent { id date amount } } }`;

/** The error code of the first error, for one-line assertions. */
export function codeOf(result: { errors?: { extensions?: { code?: string } }[] }): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

export function fieldOf(result: { errors?: { extensions?: { field?: string } }[] }): string | undefined {
  return result.errors?.[0]?.extensions?.field;
}
