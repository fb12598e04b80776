// What each request sends to the database: the cases the benchmark times, and the statements of each.
import { GraphQLClient } from './http-client.mjs';
import { PASSWORD, SEARCH_TERM } from './cli.mjs';
import { operations } from './operations.mjs';
import { createApp, createLogger, loadConfig } from './server-dist.mjs';

/**
 * Runs the app in this process once, records every statement each benchmarked request sends
 * through TypeORM (with its parameters, and which ones were in flight together).
 */
export async function capture(backend, users) {
  const app = await createApp(loadConfig({ ...backend.env, LOG_LEVEL: 'silent' }), createLogger({ logLevel: 'silent' }));
  const server = await new Promise((resolve) => {
    const listening = app.express.listen(0, '127.0.0.1', () => resolve(listening));
  });
  let recording = null;
  let completed = 0;
  const createQueryRunner = app.dataSource.createQueryRunner.bind(app.dataSource);
  app.dataSource.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    if (!runner.benchWrapped) {
      const query = runner.query.bind(runner);
      runner.query = async (sql, params, ...rest) => {
        recording?.push({ sql, params: params ?? [], wave: completed });
        try {
          return await query(sql, params, ...rest);
        } finally {
          completed += 1;
        }
      };
      runner.benchWrapped = true;
    }
    return runner;
  };

  const placeholder = backend.kind === 'postgres' ? ['$1', '$2'] : ['?', '?'];
  const plans = {};
  const cases = [];
  try {
    const baseUrl = `http://127.0.0.1:${server.address().port}`;
    for (const user of users) {
      const client = new GraphQLClient(baseUrl);
      await client.send(operations.login, { email: user.email, password: PASSWORD });
      const [middle] = await app.dataSource.query(
        `SELECT "date", "id" FROM "transactions" WHERE "user_id" = ${placeholder[0]} ORDER BY "date" DESC, "id" DESC LIMIT 1 OFFSET ${placeholder[1]}`,
        [user.userId, Math.floor(user.size / 2) - 1],
      );
      const year = new Date().getUTCFullYear();
      const [newest] = await app.dataSource.query(`SELECT "id" FROM "transactions" WHERE "user_id" = ${placeholder[0]} ORDER BY "date" DESC, "id" DESC LIMIT 1`, [user.userId]);
      const categories = (await client.send(operations.categories)).categories;
      const userCases = [
        { name: 'page', label: 'transactions(first: 50), newest page', query: operations.transactions, variables: { first: 50 } },
        {
          name: 'deep',
          label: `deep page (after ${Math.floor(user.size / 2)} rows)`,
          query: operations.transactions,
          variables: { first: 50, withTotal: false, after: Buffer.from(`${middle.date}|${middle.id}`).toString('base64url') },
          cursorDate: middle.date,
        },
        { name: 'search', label: `search "${SEARCH_TERM}"`, query: operations.transactions, variables: { first: 50, withTotal: false, filter: { search: SEARCH_TERM } } },
        { name: 'dashboard-month', label: 'dashboard, this month', query: operations.dashboard, variables: {} },
        { name: 'dashboard-year', label: 'dashboard, this year', query: operations.dashboard, variables: { from: `${year}-01-01`, to: `${year}-12-31` } },
        // Asked once before it is recorded: the first read after the seed extends the cached closings, later ones read them.
        { name: 'budget-month', label: 'budgetMonth, this month', query: operations.budgetMonth, variables: { month: new Date().toISOString().slice(0, 7) }, warm: true },
        // Nine years fewer months behind it than this month, and as many rows in its four months: flat in the past months means the same time.
        { name: 'budget-month-early', label: `budgetMonth, ${year - 9}-06`, query: operations.budgetMonth, variables: { month: `${year - 9}-06` }, warm: true },
        // A year of one category's budgets: twelve months, read from the cached closings and the monthly sums.
        {
          name: 'budget-year',
          label: `budgetHistory, ${year}-01 to ${year}-12`,
          query: operations.budgetHistory,
          variables: { categoryId: categories.find((category) => category.kind === 'EXPENSE').id, from: `${year}-01`, to: `${year}-12` },
          warm: true,
        },
        {
          name: 'create',
          label: 'createTransaction',
          query: operations.createTransaction,
          variables: { input: { date: new Date().toISOString().slice(0, 10), amount: '-4.20', description: 'Bench coffee', categoryId: categories[0].id } },
        },
        // The same edit each time (the floor replays its statements): amount, text and category of the newest row,
        // recorded once it is made (the first also counts a hand categorisation for learning; the rest do not).
        {
          name: 'update',
          label: 'updateTransaction',
          query: operations.updateTransaction,
          variables: { id: String(newest.id), input: { amount: '-5.10', description: 'Bench edit', categoryId: categories[0].id } },
          warm: true,
        },
      ];
      for (const entry of userCases) {
        const key = `${entry.name}@${user.size}`;
        if (entry.warm) await client.send(entry.query, entry.variables);
        recording = [];
        await client.send(entry.query, entry.variables);
        plans[key] = { statements: recording };
        recording = null;
        cases.push({ ...entry, key, size: user.size, user, cookie: client.cookie, body: JSON.stringify({ query: entry.query, variables: entry.variables }) });
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  }
  return { plans, cases };
}
