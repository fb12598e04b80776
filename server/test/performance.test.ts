import { statementCounterOf } from '../src/db/statement-counter';
import { backend } from './support/backends';
import { signUp, type ApiClient } from './support/client';
import { receiptFiles } from './support/fixtures';
import {
  CREATE_ACCOUNT,
  CREATE_CATEGORY,
  CREATE_TRANSACTION,
  UPLOAD_RECEIPT,
} from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';
import { decimalOf } from './support/money';

/**
 * What the list costs as data grows: a page is a fixed number of SQL statements, an unfiltered
 * count reads the per-account totals, and the page queries walk an index (account-totals.test.ts
 * proves those totals exact).
 */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const PAGE_FIELDS = `edges { cursor node { id date amount description notes account { id name currency }
  category { id name color } receipts { id filename url } } } pageInfo { hasNextPage endCursor }`;
const PAGE = `query ($first: Int, $after: String, $filter: TransactionFilter) {
  transactions(first: $first, after: $after, filter: $filter) { ${PAGE_FIELDS} } }`;
const PAGE_WITH_COUNT = `query ($first: Int, $after: String, $filter: TransactionFilter) {
  transactions(first: $first, after: $after, filter: $filter) { totalCount ${PAGE_FIELDS} } }`;

interface Statement {
  sql: string;
  parameters: readonly unknown[] | undefined;
}

/** Every SQL statement TypeORM sends while the action runs (the tests of a file run one at a time). */
async function statementsDuring(action: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const stop = statementCounterOf(running.app.dataSource).listen((sql, parameters) => statements.push({ sql, parameters }));
  try {
    await action();
  } finally {
    stop();
  }
  return statements;
}

/** The statement that reads the page itself: the one over transactions with the list's order. */
function pageStatementOf(statements: Statement[]): Statement {
  const pages = statements.filter(({ sql }) => /FROM "transactions"/.test(sql) && /ORDER BY/.test(sql));
  expect(pages).toHaveLength(1);
  return pages[0];
}

function isoDate(daysAfterNewYear: number): string {
  return new Date(Date.UTC(2025, 0, 1 + daysAfterNewYear)).toISOString().slice(0, 10);
}

interface Ledger {
  client: ApiClient;
  userId: number;
  accounts: string[];
  categories: string[];
  /** Ids in creation order; two share each date, so the id breaks ties. */
  transactions: string[];
  /** How many receipts each transaction has, by id. */
  receipts: Map<string, number>;
}

let ledger: Promise<Ledger> | null = null;

/** One user with 60 transactions over two accounts and three categories, some with receipts; made once. */
function ledgerWithReceipts(): Promise<Ledger> {
  ledger ??= (async () => {
    const { client, user } = await signUp(running.baseUrl);
    const accounts: string[] = [];
    for (const name of ['Checking', 'Card']) accounts.push((await client.ok(CREATE_ACCOUNT, { input: { name } })).createAccount.id);
    const categories: string[] = [];
    for (const [name, color] of [['Coffee', '#6f4e37'], ['Housing', '#3366cc'], ['Books', '#aa3377']]) {
      categories.push((await client.ok(CREATE_CATEGORY, { input: { name, color } })).createCategory.id);
    }
    const transactions: string[] = [];
    const receipts = new Map<string, number>();
    for (let i = 0; i < 60; i += 1) {
      const input = {
        accountId: accounts[i % 2],
        categoryId: i % 4 === 3 ? null : categories[i % 3],
        date: isoDate(Math.floor(i / 2)),
        amount: decimalOf(i % 10 === 0 ? 250_000 + i : -((i * 137) % 9000) - 1),
        description: i % 5 === 0 ? `Coffee with friend ${i}` : `Shop ${i}`,
        notes: i % 7 === 0 ? 'beans for the coffee machine' : '',
      };
      transactions.push((await client.ok(CREATE_TRANSACTION, { input })).createTransaction.id);
    }
    // Receipts on every sixth, and two on the newest, so both page sizes carry some.
    for (const [index, transactionId] of transactions.entries()) {
      const count = index === 59 ? 2 : index % 6 === 5 ? 1 : 0;
      for (let n = 0; n < count; n += 1) {
        const result = await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.png);
        expect(result.errors).toBeUndefined();
      }
      receipts.set(transactionId, count);
    }
    return { client, userId: Number(user.id), accounts, categories, transactions, receipts };
  })();
  return ledger;
}

describe('the transaction list', () => {
  test('a page of transactions costs the same number of SQL statements whatever its size (no N+1)', async () => {
    const { client, transactions, receipts } = await ledgerWithReceipts();
    const pageOf = async (first: number) => {
      let data: any;
      const statements = await statementsDuring(async () => {
        data = await client.ok(PAGE, { first });
      });
      return { edges: data.transactions.edges as { node: any }[], statements };
    };

    const small = await pageOf(5);
    const large = await pageOf(50);

    // The pages are what they should be: newest first, each node complete, receipts included.
    const newestFirst = [...transactions].reverse();
    expect(small.edges.map(({ node }) => node.id)).toEqual(newestFirst.slice(0, 5));
    expect(large.edges.map(({ node }) => node.id)).toEqual(newestFirst.slice(0, 50));
    for (const { node } of large.edges) {
      expect(node.account).toEqual(expect.objectContaining({ name: expect.any(String), currency: 'USD' }));
      expect(node.receipts).toHaveLength(receipts.get(node.id)!);
      for (const receipt of node.receipts) expect(receipt).toEqual({ id: expect.any(String), filename: 'scan.png', url: `/receipts/${receipt.id}` });
    }
    expect(large.edges.filter(({ node }) => node.category === null).length).toBeGreaterThan(0);
    expect(large.edges.filter(({ node }) => node.category?.color === '#6f4e37').length).toBeGreaterThan(0);
    expect(small.edges.some(({ node }) => node.receipts.length > 0)).toBe(true);
    expect(large.edges.filter(({ node }) => node.receipts.length > 0).length).toBeGreaterThan(5);

    // The session check, the page (accounts and categories joined in), and one receipts query for the whole page.
    expect(large.statements.length).toBe(small.statements.length);
    expect(small.statements.length).toBeLessThanOrEqual(3);
    expect(pageStatementOf(large.statements).sql).toMatch(/JOIN "accounts"[\s\S]*JOIN "categories"/);
    expect(large.statements.filter(({ sql }) => /FROM "receipts"/.test(sql))).toHaveLength(1);
  });

  test('with transfers, splits and suggested pairs in it, a page still costs a fixed number of statements', async () => {
    const { client } = await signUp(running.baseUrl);
    const accounts: string[] = [];
    for (const name of ['Checking', 'Savings']) accounts.push((await client.ok(CREATE_ACCOUNT, { input: { name } })).createAccount.id);
    const food = (await client.ok(CREATE_CATEGORY, { input: { name: 'Food' } })).createCategory.id;
    const home = (await client.ok(CREATE_CATEGORY, { input: { name: 'Home' } })).createCategory.id;
    // Each day: a transfer, a split purchase, a pair that looks like a transfer, and a plain row.
    for (let day = 0; day < 10; day += 1) {
      const date = isoDate(day);
      await client.ok(`mutation ($input: CreateTransferInput!) { createTransfer(input: $input) { id } }`, {
        input: { fromAccountId: accounts[0], toAccountId: accounts[1], date, amount: decimalOf(10_000 + day) },
      });
      await client.ok(CREATE_TRANSACTION, {
        input: { accountId: accounts[0], date, amount: decimalOf(-3_000), splits: [{ amount: decimalOf(-2_000), categoryId: food }, { amount: decimalOf(-1_000), categoryId: home, notes: 'lamp' }] },
      });
      await client.ok(CREATE_TRANSACTION, { input: { accountId: accounts[0], date, amount: decimalOf(-5_000 - day) } });
      await client.ok(CREATE_TRANSACTION, { input: { accountId: accounts[1], date, amount: decimalOf(5_000 + day) } });
      await client.ok(CREATE_TRANSACTION, { input: { accountId: accounts[0], date, amount: decimalOf(-77), categoryId: food } });
    }
    const LINKED_PAGE = `query ($first: Int) { transactions(first: $first) { edges { node { id amount kind account { name } category { name }
      transfer { id rate outflow { id account { name } } inflow { id account { name } } outflowSplit { id } inflowSplit { id } }
      splits { id amount notes category { name } transfer { id } } transferSuggestion { id amount account { name } } receipts { id } } } } }`;
    const pageOf = async (first: number) => {
      let data: any;
      const statements = await statementsDuring(async () => {
        data = await client.ok(LINKED_PAGE, { first });
      });
      return { nodes: data.transactions.edges.map((edge: { node: any }) => edge.node), statements };
    };
    const small = await pageOf(6);
    const large = await pageOf(60);
    for (const page of [small, large]) {
      expect(page.nodes.some((node: any) => node.transfer?.outflow.account.name === 'Checking')).toBe(true);
      expect(page.nodes.some((node: any) => node.splits.length === 2 && node.splits[1].category.name === 'Home')).toBe(true);
      expect(page.nodes.some((node: any) => node.transferSuggestion !== null)).toBe(true);
    }
    expect(large.nodes).toHaveLength(60);
    expect(large.statements.length).toBe(small.statements.length);
    // The session, the page, its receipts; the suggestions (candidates, rejections, currencies, the
    // rows), the transfers, their legs, the parts (of the page, of the transfers) and the parts' categories.
    expect(large.statements.length).toBeLessThanOrEqual(12);
  });

  test('an unfiltered totalCount is one statement over the accounts, never over the transactions', async () => {
    const { client, transactions } = await ledgerWithReceipts();
    const without = await statementsDuring(() => client.ok(PAGE, { first: 5 }));
    let totalCount = -1;
    const withCount = await statementsDuring(async () => {
      totalCount = (await client.ok(PAGE_WITH_COUNT, { first: 5 })).transactions.totalCount;
    });
    expect(totalCount).toBe(transactions.length);
    expect(withCount).toHaveLength(without.length + 1);
    const pageSql = new Set(without.map(({ sql }) => sql));
    const added = withCount.filter(({ sql }) => !pageSql.has(sql));
    expect(added).toHaveLength(1);
    expect(added[0].sql).toMatch(/FROM "accounts"/);
    expect(added[0].sql).not.toMatch(/"transactions"/);
  });
});

/** Counts and sums straight from the transactions table, beside each account's opening balance. */
if (backend === 'embedded') {
  describe('query plans on SQLite', () => {
    test.each([
      ['the newest page', 'transactions_user_date_idx', {}],
      ['a page after a cursor', 'transactions_user_date_idx', { after: true }],
      ['one account', 'transactions_account_date_idx', { filter: 'account' }],
      ['one category', 'transactions_category_date_idx', { filter: 'category' }],
      ['the uncategorised', 'transactions_uncategorized_idx', { filter: 'uncategorized' }],
    ] as const)('%s is read through %s, in index order', async (_name, index, shape) => {
      const { client, accounts, categories, transactions } = await ledgerWithReceipts();
      const filter = !('filter' in shape)
        ? null
        : shape.filter === 'account'
          ? { accountId: accounts[1] }
          : shape.filter === 'category'
            ? { categoryId: categories[1] }
            : { uncategorized: true };
      let after: string | null = null;
      if ('after' in shape) after = (await client.ok(PAGE, { first: 10 })).transactions.pageInfo.endCursor;
      let edges: unknown[] = [];
      const statements = await statementsDuring(async () => {
        edges = (await client.ok(PAGE, { first: 10, after, filter })).transactions.edges;
      });
      expect(edges.length).toBeGreaterThan(0);
      expect(edges.length).toBeLessThan(transactions.length);
      const { sql, parameters } = pageStatementOf(statements);

      const plan: { detail: string }[] = await running.app.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, [...(parameters ?? [])]);
      const details = plan.map(({ detail }) => detail);
      expect(details).toContainEqual(expect.stringMatching(new RegExp(`^SEARCH t USING (COVERING )?INDEX ${index} \\(`)));
      expect(details).not.toContainEqual(expect.stringMatching(/^SCAN t\b/));
      expect(details).not.toContainEqual(expect.stringMatching(/TEMP B-TREE/));
    });
  });
}

if (backend === 'services') {
  describe('query plans on Postgres', () => {
    const SEARCH_COUNT = 'query ($filter: TransactionFilter) { transactions(first: 0, filter: $filter) { totalCount } }';

    /** EXPLAIN of a captured statement with sequential scans off, inside a transaction that is rolled back. */
    async function planOf(statement: Statement, arrange: (query: (sql: string, parameters?: unknown[]) => Promise<any>) => Promise<void> = async () => {}) {
      const runner = running.app.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        try {
          const query = (sql: string, parameters?: unknown[]) => runner.query(sql, parameters);
          await arrange(query);
          await query('SET LOCAL enable_seqscan = off');
          const plan: Record<string, string>[] = await query(`EXPLAIN ${statement.sql}`, [...(statement.parameters ?? [])]);
          return plan.map((row) => row['QUERY PLAN']).join('\n');
        } finally {
          await runner.rollbackTransaction();
        }
      } finally {
        await runner.release();
      }
    }

    /**
     * On a few rows the planner rightly walks the user's index and filters; the trigram index pays
     * off once the user has many rows and few match. 100 000 more of theirs, rolled back afterwards.
     */
    function manyMoreRows(userId: number, accountId: number) {
      return async (query: (sql: string, parameters?: unknown[]) => Promise<any>) => {
        await query(
          `INSERT INTO transactions (user_id, account_id, date, amount, description, search_text)
           SELECT $1, $2, to_char(DATE '2020-01-01' + (g % 2000), 'YYYY-MM-DD'), -100, 'groceries ' || g, 'groceries ' || g || E'\\n'
           FROM generate_series(1, 100000) g`,
          [userId, accountId],
        );
        await query('ANALYZE transactions');
      };
    }

    test('counting a search in many rows goes through the trigram index', async () => {
      const { client, userId, accounts } = await ledgerWithReceipts();
      let totalCount = -1;
      const statements = await statementsDuring(async () => {
        totalCount = (await client.ok(SEARCH_COUNT, { filter: { search: 'coffee' } })).transactions.totalCount;
      });
      // Every fifth description, every seventh note, and the transactions in the category "Coffee".
      const matching = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 5 === 0 || i % 7 === 0 || (i % 4 !== 3 && i % 3 === 0));
      expect(totalCount).toBe(matching.length);
      const counts = statements.filter(({ sql }) => /COUNT\(/.test(sql) && /FROM "transactions"/.test(sql));
      expect(counts).toHaveLength(1);
      expect(counts[0].sql).toMatch(/LIKE/);
      expect(await planOf(counts[0], manyMoreRows(userId, Number(accounts[0])))).toMatch(/Index Scan on transactions_search_trgm_idx/);
    });

    test('a page of a search in many rows goes through the trigram index', async () => {
      const { client, userId, accounts } = await ledgerWithReceipts();
      let edges: { node: { description: string; notes: string; category: { name: string } | null } }[] = [];
      const statements = await statementsDuring(async () => {
        edges = (await client.ok(PAGE, { first: 10, filter: { search: 'coffee' } })).transactions.edges;
      });
      expect(edges).toHaveLength(10);
      for (const { node } of edges) expect(`${node.description}\n${node.notes}\n${node.category?.name ?? ''}`.toLowerCase()).toContain('coffee');
      const page = pageStatementOf(statements);
      expect(page.sql).toMatch(/LIKE/);

      const plan = await planOf(page, manyMoreRows(userId, Number(accounts[0])));
      expect(plan).toMatch(/Index Scan on transactions_search_trgm_idx/);
      expect(plan).not.toMatch(/Seq Scan on transactions/);
    });
  });
}
