// Rules × rows: previewImport and commitImport of the same 10 000-row CSV for users with 0, 100 and
// 300 enabled rules, over HTTP, interleaved (each round rotates who goes first, fresh accounts each
// time). What the rules add is the difference to the user with none: per import, per row, and per
// row and rule. The quick run (inside npm test) checks every row's category and description against
// the rules evaluated here, independently of the app's engine.
import crypto from 'node:crypto';
import { args, log, options, PASSWORD } from './cli.mjs';
import { GraphQLClient, multipartBody } from './http-client.mjs';
import { csvStatement } from './import-files.mjs';
import { median, timed } from './measurement.mjs';
import { operations } from './operations.mjs';

const PREVIEW = `mutation PreviewImport($accountId: ID!, $file: Upload!) {
  previewImport(accountId: $accountId, file: $file) { id newCount invalidCount }
}`;
const PREVIEW_ROWS = `query PreviewRows($id: ID!, $after: String) {
  importPreview(id: $id) {
    rows(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { line description amount transactionDescription category { name } } } }
  }
}`;
const COMMIT = `mutation CommitImport($previewId: ID!) { commitImport(previewId: $previewId) { createdCount } }`;
const CREATE_CATEGORY = `mutation CreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id } }`;
const CREATE_RULE = `mutation CreateRule($input: RuleInput!) { createRule(input: $input) { id } }`;

const CURRENCY = 'USD';
const RULE_COUNTS = [0, 100, 300];
/** The bound: 300 rules over a 10 000-row import add at most a second. */
export const RULES_TARGET = { rules: 300, rows: 10_000, addedMs: 1000 };

const CATEGORIES = ['Coffee', 'Online shopping', 'Shopping', 'Groceries', 'Fuel', 'Transport', 'Dining', 'Health', 'Home', 'Subscriptions', 'Travel', 'Utilities', 'Salary'];

// Rules for merchants the file has, in the order a household adds them. "amzn" comes before
// "amazon mktplace" and both match "AMAZON MKTPLACE PMTS AMZN.COM/BILL": the first one wins.
const MATCHING = [
  { token: 'starbucks', category: 'Coffee' },
  { token: 'blue bottle', category: 'Coffee' },
  { token: 'amzn', category: 'Online shopping' },
  { token: 'amazon mktplace', category: 'Shopping' },
  { token: 'wholefds', category: 'Groceries' },
  { token: "trader joe's", category: 'Groceries' },
  { token: 'safeway', category: 'Groceries' },
  { token: 'costco', category: 'Groceries' },
  { token: 'target', category: 'Shopping' },
  { token: 'shell oil', category: 'Fuel' },
  { token: 'chevron', category: 'Fuel' },
  { token: 'uber', category: 'Transport' },
  { token: 'lyft', category: 'Transport' },
  { token: 'doordash', category: 'Dining' },
  { token: "mcdonald's", category: 'Dining' },
  { token: 'cvs/pharmacy', category: 'Health' },
  { token: 'home depot', category: 'Home' },
  { token: 'ikea', category: 'Home' },
  { token: 'netflix', category: 'Subscriptions' },
  { token: 'spotify', category: 'Subscriptions', rename: 'Spotify' },
  { token: 'apple.com/bill', category: 'Subscriptions' },
  { token: 'delta air', category: 'Travel' },
  { token: 'airbnb', category: 'Travel' },
  { token: 'pg&e', category: 'Utilities' },
  { token: 'comcast', category: 'Utilities' },
  { token: 'verizon', category: 'Utilities' },
  { token: 'payroll', category: 'Salary', moneyIn: true },
];

const text = (field, operator, value) => ({ field, operator, value });

/**
 * Rules for merchants this file never names (other cities, older years), in every shape a rule
 * takes: each is evaluated on every row and matches none, the engine's worst case. Their tokens
 * start with "zq", which no row has, so a filler that matched would show in the quick check.
 */
function fillerRule(i, categoryIds) {
  const token = `zq ${['market', 'deli', 'garage', 'books', 'florist', 'bakery'][i % 6]} ${i}`;
  const category = { type: 'SET_CATEGORY', value: categoryIds[CATEGORIES[i % CATEGORIES.length]] };
  switch (i % 6) {
    case 0:
      return { conditions: [text('DESCRIPTION', 'CONTAINS', token)], actions: [category] };
    case 1:
      return { conditions: [text('AMOUNT', 'BETWEEN', '["-80", "-5"]'), text('DESCRIPTION', 'STARTS_WITH', token)], actions: [category] };
    case 2:
      return { matchAll: false, conditions: [text('DESCRIPTION', 'ONE_OF', JSON.stringify([token, `${token} online`, `${token} #2`])), text('IMPORTED_DESCRIPTION', 'ENDS_WITH', token)], actions: [{ type: 'SET_DESCRIPTION', value: `{{description}} (${i})` }] };
    case 3:
      return { conditions: [text('DATE', 'WEEKDAY', '[6, 7]'), text('DESCRIPTION', 'CONTAINS', token)], actions: [{ type: 'APPEND_NOTES', value: 'weekend' }] };
    case 4:
      return { conditions: [text('AMOUNT', 'APPROX', '["-42.50", "10"]'), text('NOTES', 'NOT_CONTAINS', 'reimbursed'), text('DESCRIPTION', 'IS', token)], actions: [category] };
    default:
      return { conditions: [text('AMOUNT', 'MONEY_OUT', ''), text('DESCRIPTION', 'ENDS_WITH', token)], actions: [category, { type: 'SET_DESCRIPTION', value: token }] };
  }
}

/** `count` rules, the matching ones spread through the list (one in eleven places), every one enabled. */
function ruleList(count, categoryIds) {
  const rules = [];
  let matching = 0;
  for (let i = 0; rules.length < count; i += 1) {
    if (i % 11 === 5 && matching < MATCHING.length) {
      const spec = MATCHING[matching];
      matching += 1;
      const conditions = [text('DESCRIPTION', 'CONTAINS', spec.token), ...(spec.moneyIn ? [text('AMOUNT', 'MONEY_IN', '')] : [])];
      const actions = [{ type: 'SET_CATEGORY', value: categoryIds[spec.category] }, ...(spec.rename ? [{ type: 'SET_DESCRIPTION', value: spec.rename }] : [])];
      rules.push({ name: `${spec.category}: ${spec.token}`, conditions, actions, expect: spec });
    } else {
      rules.push({ name: `Filler ${i}`, ...fillerRule(i, categoryIds) });
    }
  }
  return rules;
}

/** The category and description a row gets from `rules`, by plain string tests (first match per field wins). */
function expectedOutcome(rules, row) {
  const description = row.description.toLowerCase().replace(/\s+/g, ' ').trim();
  const moneyIn = !row.amount.startsWith('-') && !/^0(\.0+)?$/.test(row.amount);
  const outcome = { category: null, description: row.description };
  let renamed = false;
  for (const rule of rules) {
    const spec = rule.expect;
    if (!spec || !description.includes(spec.token) || (spec.moneyIn && !moneyIn)) continue;
    if (outcome.category === null) outcome.category = spec.category;
    if (spec.rename && !renamed) {
      outcome.description = spec.rename;
      renamed = true;
    }
  }
  return outcome;
}

async function freshUser(app, ruleCount) {
  const client = new GraphQLClient(app.baseUrl);
  const email = `bench-rules-${crypto.randomUUID()}@example.com`;
  await client.send(operations.register, { input: { email, password: PASSWORD, name: `Bench ${ruleCount} rules`, currency: CURRENCY } });
  // A new user starts with some of these categories: the rest are made.
  const categoryIds = Object.fromEntries((await client.send(operations.categories)).categories.map((category) => [category.name, category.id]));
  for (const name of CATEGORIES.filter((item) => !(item in categoryIds))) {
    const kind = name === 'Salary' ? 'INCOME' : 'EXPENSE';
    categoryIds[name] = (await client.send(CREATE_CATEGORY, { input: { name, kind } })).createCategory.id;
  }
  const rules = ruleList(ruleCount, categoryIds);
  for (const { expect: _expected, ...input } of rules) await client.send(CREATE_RULE, { input });
  return { client, ruleCount, rules };
}

/** Every row of a preview, paged as a client would. */
async function previewRows(client, id) {
  const rows = [];
  let after = null;
  for (;;) {
    const page = (await client.send(PREVIEW_ROWS, { id, after })).importPreview.rows;
    rows.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
}

function checkRows(user, file, rows) {
  const failures = [];
  if (rows.length !== file.rows) failures.push(`${user.ruleCount} rules: the preview has ${rows.length} rows of ${file.rows}`);
  let categorised = 0;
  for (const row of rows) {
    const want = expectedOutcome(user.rules, row);
    const got = { category: row.category?.name ?? null, description: row.transactionDescription };
    if (got.category !== null) categorised += 1;
    if (got.category !== want.category || got.description !== want.description) {
      failures.push(`${user.ruleCount} rules, line ${row.line} "${row.description}": got ${JSON.stringify(got)}, the rules say ${JSON.stringify(want)}`);
      if (failures.length >= 5) break;
    }
  }
  // The file's merchants are mostly ones the rules name: a run where none is categorised checks nothing.
  if (user.ruleCount >= MATCHING.length * 11 && categorised < rows.length / 2) failures.push(`${user.ruleCount} rules categorised only ${categorised} of ${rows.length} rows`);
  return failures;
}

/** One user's preview and commit of the file into a fresh account. */
async function importOnce(user, file, body, check) {
  const accountId = (await user.client.send(operations.createAccount, { input: { name: `Checking ${crypto.randomUUID().slice(0, 8)}`, currency: CURRENCY } })).createAccount.id;
  let preview;
  const previewMs = await timed(async () => {
    preview = (await user.client.upload(PREVIEW, { accountId }, file, body(accountId))).previewImport;
  });
  const failures = [];
  if (preview.newCount !== file.rows || preview.invalidCount !== 0) failures.push(`${user.ruleCount} rules: ${preview.newCount} NEW and ${preview.invalidCount} INVALID of ${file.rows} rows`);
  if (check) failures.push(...checkRows(user, file, await previewRows(user.client, preview.id)));
  let created;
  const commitMs = await timed(async () => {
    created = (await user.client.send(COMMIT, { previewId: preview.id })).commitImport.createdCount;
  });
  if (created !== file.rows) failures.push(`${user.ruleCount} rules: the commit created ${created} of ${file.rows} rows`);
  return { previewMs, commitMs, failures };
}

export async function measureRules(backend, app) {
  const rows = args.quick ? 2000 : RULES_TARGET.rows;
  const iterations = args.quick ? 1 : Math.max(5, options.importIterations);
  const file = csvStatement(rows, 18);
  const body = (accountId) => multipartBody(PREVIEW, { accountId }, file);
  const users = [];
  for (const count of RULE_COUNTS) users.push(await freshUser(app, count));
  const failures = [];
  const samples = new Map(users.map((user) => [user.ruleCount, []]));
  // One untimed round first (JIT in the app), checked row by row.
  for (const user of users) failures.push(...(await importOnce(user, file, body, true)).failures);
  for (let round = 0; round < (args.quick ? 0 : iterations); round += 1) {
    const order = users.map((_, i) => users[(i + round) % users.length]);
    for (const user of order) {
      const result = await importOnce(user, file, body, false);
      failures.push(...result.failures);
      samples.get(user.ruleCount).push(result);
    }
  }
  if (args.quick) return { rows, iterations: 0, results: [], failures };
  const none = samples.get(0);
  const pick = (list, key) => median(list.map((sample) => sample[key]));
  const results = users.map((user) => {
    const list = samples.get(user.ruleCount);
    const previewMs = pick(list, 'previewMs');
    const commitMs = pick(list, 'commitMs');
    const addedMs = previewMs - pick(none, 'previewMs');
    const row = {
      backend: backend.kind,
      rules: user.ruleCount,
      rows,
      previewMs,
      commitMs,
      addedPreviewMs: addedMs,
      addedCommitMs: commitMs - pick(none, 'commitMs'),
      addedMicrosecondsPerRow: (addedMs * 1000) / rows,
      addedNanosecondsPerRowRule: user.ruleCount ? (addedMs * 1e6) / (rows * user.ruleCount) : null,
      samples: list.map(({ previewMs: p, commitMs: c }) => ({ previewMs: p, commitMs: c })),
    };
    log(`  rules ${user.ruleCount} x ${rows} rows: preview ${previewMs.toFixed(0)} ms (+${addedMs.toFixed(0)} ms, ${row.addedMicrosecondsPerRow.toFixed(1)} µs a row), commit ${commitMs.toFixed(0)} ms`);
    return row;
  });
  return { rows, iterations, results, failures };
}
