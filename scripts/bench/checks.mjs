// The answers must agree: the floor and the stack floor read the rows the app reads, and a timed request must have succeeded.
import { SEARCH_TERM } from './cli.mjs';
import { operations } from './operations.mjs';
import { toJson } from './plan-runner.mjs';
import { stackFloorRequest } from './servers.mjs';

/** Whether a stack floor (whole or in part) answers the floor's rows: the same SQL, read the same way. */
export async function answersFloorRows(stack, key, floorBody) {
  const answer = JSON.parse((await stackFloorRequest(stack, key)).body);
  const stackBody = toJson(answer.data?.plan);
  // An edit stamps its row's updated_at at each request (Postgres): the one value that may differ.
  return stackBody === floorBody || withoutUpdatedAt(stackBody) === withoutUpdatedAt(floorBody);
}

const withoutUpdatedAt = (body) => body.replace(/"(\w*updated_at)":"[^"]*"/g, '"$1":null');

/** A timed request must have been answered well: an error answered fast would be timed as a fast request. */
export function expectAnswer(side, key, response, { graphql = true } = {}) {
  if (response.status !== 200 || (graphql && response.body.includes('"errors"'))) throw new Error(`${side} ${key}: ${response.body.slice(0, 300)}`);
}

/** The floor must answer the rows the app answered: otherwise it is not the same SQL. */
export function checkCase(entry, answer, floorRows) {
  const failures = [];
  const rowsWithIds = floorRows.find((rows) => rows.length && 't_id' in rows[0]) ?? [];
  const floorIds = rowsWithIds.map((row) => String(row.t_id));
  if (entry.query === operations.transactions) {
    const nodes = answer.transactions.edges.map((edge) => edge.node);
    if (nodes.length !== Math.min(50, entry.size)) failures.push(`${entry.key}: ${nodes.length} rows, not 50`);
    if (JSON.stringify(nodes.map((node) => node.id)) !== JSON.stringify(floorIds.slice(0, nodes.length))) failures.push(`${entry.key}: the floor answered other rows`);
    // Search reads a split transaction's parts' notes too.
    const searchedText = (node) => [node.description, node.notes, ...(node.splits ?? []).map((part) => part.notes)].join('\n').toLowerCase();
    if (entry.name === 'search' && !nodes.every((node) => searchedText(node).includes(SEARCH_TERM))) failures.push(`${entry.key}: a row without "${SEARCH_TERM}"`);
    if (entry.name === 'deep' && !nodes.every((node) => node.date <= entry.cursorDate)) failures.push(`${entry.key}: a row after the cursor`);
  }
  if (entry.query === operations.dashboard) {
    if (JSON.stringify(answer.dashboard.recent.map((row) => row.id)) !== JSON.stringify(floorIds.slice(0, answer.dashboard.recent.length))) failures.push(`${entry.key}: the floor answered other recent rows`);
    if (entry.name === 'dashboard-month' && answer.dashboard.byCategory.length === 0) failures.push(`${entry.key}: no spending this month`);
  }
  if (entry.query === operations.budgetMonth) {
    // The seed budgets every expense category this month, and spends in most of them.
    const categories = answer.budgetMonth.categories;
    if (!categories.length || (entry.name === 'budget-month' && !categories.every((category) => category.budgetSet))) failures.push(`${entry.key}: categories without this month's budget`);
    if (!categories.some((category) => category.spent !== '0.00')) failures.push(`${entry.key}: no spending this month`);
    const sum = (key) => categories.reduce((total, category) => total + cents(category[key]), 0n);
    for (const key of ['budgeted', 'spent', 'available']) if (sum(key) !== cents(answer.budgetMonth[key])) failures.push(`${entry.key}: ${key} is not the sum of the categories'`);
  }
  if (entry.query === operations.budgetHistory) {
    const months = answer.budgetHistory;
    if (months.length !== 12) failures.push(`${entry.key}: ${months.length} months, not 12`);
    // Each month's available is its budget, its spending and what it carried in.
    for (const month of months) if (cents(month.available) !== cents(month.budgeted) + cents(month.spent) + cents(month.carriedOver)) failures.push(`${entry.key}: ${month.month} does not add up`);
    if (!months.some((month) => month.spent !== '0.00')) failures.push(`${entry.key}: no spending in the year`);
  }
  if (entry.query === operations.updateTransaction && answer.updateTransaction.amount !== '-5.10') failures.push(`${entry.key}: the edit did not take`);
  return failures;
}

const cents = (decimal) => BigInt(decimal.replace('.', ''));
