import { codeOf, DELETE_ACCOUNT, DELETE_TRANSACTION } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';
import {
  addRow,
  BUDGET_HISTORY,
  BUDGET_MONTH,
  budgetHouseholdOf,
  budgetMonthOf,
  byName,
  expectMonthsMatch,
  monthPlus,
  monthRange,
  seeded,
  setBudget,
  setRollover,
  shuffled,
  type BudgetHousehold,
  type ModelRow,
} from './support/budgets';
import { DELETE_WITH_LEG, LINK_TRANSFER, SET_SPLITS, transferOf, UNLINK_TRANSFER, UPDATE_LEDGER_TRANSACTION as UPDATE_TRANSACTION } from './support/transfers';

/** Issue 19: what rolls over from month to month, and that the cache of it never goes stale. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const CATEGORIES = [['Car', 'EXPENSE'], ['Fun', 'EXPENSE'], ['Groceries', 'EXPENSE'], ['Rent', 'EXPENSE'], ['Salary', 'INCOME']] as const;
const EXPENSE = ['Car', 'Fun', 'Groceries', 'Rent'];
const day = (month: string, value: number) => `${month}-${String(value).padStart(2, '0')}`;

/** A month of seeded rows and budgets: a salary most months, 2–4 expenses, now and then a refund, and some budgets (0 too). */
async function randomMonth(h: BudgetHousehold, month: string, next: () => number): Promise<void> {
  if (next() < 0.8) await addRow(h, { date: day(month, 1), cents: 150000 + Math.floor(next() * 100000), category: 'Salary' });
  const count = 2 + Math.floor(next() * 3);
  for (let i = 0; i < count; i += 1) {
    await addRow(h, { date: day(month, 1 + Math.floor(next() * 28)), cents: -1 - Math.floor(next() * 40000), category: EXPENSE[Math.floor(next() * EXPENSE.length)] });
  }
  if (next() < 0.3) await addRow(h, { date: day(month, 15), cents: 1 + Math.floor(next() * 5000), category: EXPENSE[Math.floor(next() * EXPENSE.length)] });
  for (const name of EXPENSE) if (next() < 0.55) await setBudget(h, month, name, next() < 0.15 ? 0 : Math.floor(next() * 30000));
}

describe('rollover chains over 26 months of seeded rows and budgets', () => {
  const FIRST = '2023-01';
  const months = monthRange(FIRST, monthPlus(FIRST, 25));
  let h: BudgetHousehold;
  const next = seeded(19);

  beforeAll(async () => {
    h = await budgetHouseholdOf(running, CATEGORIES);
    await setRollover(h, 'Groceries', true);
    await setRollover(h, 'Fun', true);
  });

  test('every month matches the model as rows are added, and after each rollover toggle (surplus and deficit both roll)', async () => {
    const firstHalf = months.slice(0, 13);
    for (const month of firstHalf) await randomMonth(h, month, next);
    await expectMonthsMatch(h.client, h.model, shuffled(firstHalf, 1));
    await setRollover(h, 'Rent', true);
    await expectMonthsMatch(h.client, h.model, shuffled(firstHalf, 2));
    // Rows and budgets after the months now cached, and one into a cached month.
    for (const month of months.slice(13)) await randomMonth(h, month, next);
    await addRow(h, { date: day(months[3], 9), cents: -4321, category: 'Groceries' });
    await expectMonthsMatch(h.client, h.model, shuffled(months, 3));
    await setRollover(h, 'Groceries', false);
    await expectMonthsMatch(h.client, h.model, shuffled(months, 4));
    await setRollover(h, 'Groceries', true);
    await setRollover(h, 'Fun', false);
    await setRollover(h, 'Car', true);
    await expectMonthsMatch(h.client, h.model, shuffled(months, 5));
    // The data does what the test claims: surpluses and deficits both carried.
    const carried = h.model.months(months[0], months[25]).flatMap((month) => month.categories.map((category) => Number(category.carriedOver)));
    expect(carried.some((value) => value > 0)).toBe(true);
    expect(carried.some((value) => value < 0)).toBe(true);
  });

  test('budgetHistory equals budgetMonth’s figures for the category, month by month, and the model', async () => {
    const from = monthPlus(FIRST, -3);
    const to = monthPlus(FIRST, 28);
    const expected = h.model.months(from, to);
    for (const name of ['Groceries', 'Rent']) {
      const history = (await h.client.ok(BUDGET_HISTORY, { categoryId: h.categoryIds[name], from, to })).budgetHistory.map(byName);
      expect(history.map((entry: { month: string }) => entry.month)).toEqual(monthRange(from, to));
      expect(history).toEqual(expected.map((month) => month.categories.find((category) => category.name === name)));
      for (const month of [from, FIRST, months[12], months[25], to]) {
        expect(history.find((entry: { month: string }) => entry.month === month)).toEqual((await budgetMonthOf(h.client, month)).categories.find((category) => category.name === name));
      }
    }
  });

  test('budgetHistory takes 120 months at most, from no later than to', async () => {
    const categoryId = h.categoryIds.Groceries;
    expect((await h.client.ok(BUDGET_HISTORY, { categoryId, from: '2016-01', to: '2025-12' })).budgetHistory).toHaveLength(120);
    expect(codeOf(await h.client.gql(BUDGET_HISTORY, { categoryId, from: '2015-12', to: '2025-12' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await h.client.gql(BUDGET_HISTORY, { categoryId, from: '2025-02', to: '2025-01' }))).toBe('BAD_USER_INPUT');
    expect((await h.client.ok(BUDGET_HISTORY, { categoryId, from: '2025-01', to: '2025-01' })).budgetHistory).toHaveLength(1);
  });
});

describe('a change two years back moves this month’s figures exactly as the model says', () => {
  const THIS = new Date().toISOString().slice(0, 7);
  const PAST = monthPlus(THIS, -24);
  let h: BudgetHousehold;
  const rows: Record<string, { id: string; row: ModelRow }> = {};

  beforeAll(async () => {
    h = await budgetHouseholdOf(running, [...CATEGORIES, ['Gifts', 'EXPENSE']]);
    await setRollover(h, 'Groceries', true);
    await setRollover(h, 'Fun', true);
    rows.groceries = await addRow(h, { date: day(PAST, 3), cents: -5000, category: 'Groceries' });
    rows.fun = await addRow(h, { date: day(PAST, 4), cents: -2500, category: 'Fun' });
    rows.rent = await addRow(h, { date: day(PAST, 5), cents: -10000, category: 'Rent' });
    rows.later = await addRow(h, { date: day(PAST, 6), cents: -700, category: 'Groceries' });
    rows.outflow = await addRow(h, { date: day(PAST, 7), cents: -2500, category: 'Groceries' });
    rows.inflow = await addRow(h, { date: day(PAST, 7), cents: 2500, category: 'Salary' }, h.checking);
    rows.pay = await addRow(h, { date: day(PAST, 1), cents: 300000, category: 'Salary' }, h.checking);
    rows.gift = await addRow(h, { date: day(PAST, 8), cents: -3000, category: 'Gifts' });
    rows.euro = await addRow(h, { date: day(PAST, 9), cents: 90000, category: 'Salary', currency: 'EUR' });
    rows.splitMoved = await addRow(h, { date: day(PAST, 10), cents: -5000, category: null, splits: [{ cents: -2000, category: 'Groceries' }, { cents: -3000, category: 'Fun' }] });
    rows.splitDeleted = await addRow(h, { date: day(PAST, 11), cents: -4400, category: null, splits: [{ cents: -4000, category: 'Fun' }, { cents: -400, category: 'Rent' }] });
    await addRow(h, { date: day(THIS, 2), cents: -1500, category: 'Groceries', currency: 'EUR' });
    for (const month of [monthPlus(THIS, -13), monthPlus(THIS, -1), THIS]) {
      await addRow(h, { date: day(month, 1), cents: 200000, category: 'Salary' });
      await addRow(h, { date: day(month, 10), cents: -8000, category: 'Groceries' });
      await addRow(h, { date: day(month, 11), cents: -1999, category: 'Fun' });
    }
    for (const month of [PAST, monthPlus(THIS, -12), THIS]) {
      await setBudget(h, month, 'Groceries', 10000);
      await setBudget(h, month, 'Fun', 3000);
      await setBudget(h, month, 'Rent', 9000);
    }
  });

  /** Warms the cache with this month, makes the change, and checks this month moved as the model says. */
  async function expectChange(change: () => Promise<void>): Promise<void> {
    await expectMonthsMatch(h.client, h.model, [THIS]);
    const before = h.model.month(THIS);
    await change();
    const after = h.model.month(THIS);
    // The change reaches this month: a stale cache would answer `before`.
    expect([after.available, after.toBudget, after.categories.map((c) => c.carriedOver)]).not.toEqual([before.available, before.toBudget, before.categories.map((c) => c.carriedOver)]);
    expect(await budgetMonthOf(h.client, THIS)).toEqual(after);
  }

  const update = async (key: string, input: Record<string, unknown>) => h.client.ok(UPDATE_TRANSACTION, { id: rows[key].id, input });

  test('an amount, a deletion, a new row, a category and a date', async () => {
    await expectChange(async () => {
      await update('groceries', { amount: '-70.00' });
      rows.groceries.row.cents = -7000;
    });
    await expectChange(async () => {
      await h.client.ok(DELETE_TRANSACTION, { id: rows.fun.id });
      h.model.rows.splice(h.model.rows.indexOf(rows.fun.row), 1);
    });
    await expectChange(async () => {
      await addRow(h, { date: day(PAST, 20), cents: -1234, category: 'Fun' });
    });
    await expectChange(async () => {
      await update('rent', { categoryId: h.categoryIds.Groceries });
      rows.rent.row.category = 'Groceries';
    });
    // From two years back to next month: the earlier of the two months is stale.
    await expectChange(async () => {
      await update('later', { date: day(monthPlus(THIS, 1), 2) });
      rows.later.row.date = day(monthPlus(THIS, 1), 2);
    });
    // Into the account in another currency: left out.
    await expectChange(async () => {
      await update('groceries', { accountId: h.foreign, amount: '-65.00' });
      Object.assign(rows.groceries.row, { currency: 'EUR', cents: -6500 });
    });
  });

  test('splits made, changed, moved and deleted, transfers linked, unlinked and half deleted, a budget set', async () => {
    await expectChange(async () => {
      await h.client.ok(SET_SPLITS, { transactionId: rows.rent.id, splits: [{ amount: '-60.00', categoryId: h.categoryIds.Rent }, { amount: '-40.00', categoryId: h.categoryIds.Fun }] });
      rows.rent.row.splits = [{ cents: -6000, category: 'Rent' }, { cents: -4000, category: 'Fun' }];
    });
    await expectChange(async () => {
      await h.client.ok(SET_SPLITS, { transactionId: rows.rent.id, splits: [{ amount: '-10.00', categoryId: h.categoryIds.Groceries }, { amount: '-90.00', categoryId: h.categoryIds.Rent }] });
      rows.rent.row.splits = [{ cents: -1000, category: 'Groceries' }, { cents: -9000, category: 'Rent' }];
    });
    // A part turned into a transfer to Savings: left out, as the leg it makes there.
    await expectChange(async () => {
      await h.client.ok(SET_SPLITS, { transactionId: rows.rent.id, splits: [{ amount: '-10.00', categoryId: h.categoryIds.Rent }, { amount: '-90.00', transferAccountId: h.savings }] });
      rows.rent.row.splits = [{ cents: -1000, category: 'Rent' }, { cents: -9000, category: null, transfer: true }];
      h.model.rows.push({ date: rows.rent.row.date, cents: 9000, category: null, currency: 'USD', transfer: true });
    });
    // A split row moved from two years back to this month, and another deleted with its parts.
    await expectChange(async () => {
      await update('splitMoved', { date: day(THIS, 12) });
      rows.splitMoved.row.date = day(THIS, 12);
    });
    await expectChange(async () => {
      await h.client.ok(DELETE_TRANSACTION, { id: rows.splitDeleted.id });
      h.model.rows.splice(h.model.rows.indexOf(rows.splitDeleted.row), 1);
    });
    // A transfer's leg deleted, the other kept: a plain row now, uncategorised money in.
    await expectChange(async () => {
      const transfer = await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.cash, date: day(PAST, 12), amount: '33.00' });
      const inflow: ModelRow = { date: day(PAST, 12), cents: 3300, category: null, currency: 'USD', transfer: true };
      h.model.rows.push(inflow);
      await expectMonthsMatch(h.client, h.model, [THIS]);
      await h.client.ok(DELETE_WITH_LEG, { id: transfer.outflow.id, otherLeg: 'UNLINK' });
      inflow.transfer = false;
    });
    let transferId = '';
    await expectChange(async () => {
      transferId = (await h.client.ok(LINK_TRANSFER, { outflowId: rows.outflow.id, inflowId: rows.inflow.id })).linkTransfer.id;
      for (const key of ['outflow', 'inflow']) Object.assign(rows[key].row, { transfer: true, category: null });
    });
    // Unlinked, both legs stay uncategorised: the money in counts as income.
    await expectChange(async () => {
      await h.client.ok(UNLINK_TRANSFER, { id: transferId });
      for (const key of ['outflow', 'inflow']) rows[key].row.transfer = false;
    });
    await expectChange(async () => {
      await setBudget(h, PAST, 'Groceries', 12345);
    });
  });

  test('a category turned into income, an account deleted with its rows, and the user’s currency changed', async () => {
    await expectChange(async () => {
      await h.client.ok('mutation ($id: ID!) { updateCategory(id: $id, input: { kind: INCOME }) { id } }', { id: h.categoryIds.Gifts });
      h.model.category('Gifts').kind = 'INCOME';
    });
    await expectChange(async () => {
      await h.client.ok(DELETE_ACCOUNT, { id: h.checking, deleteTransactions: true });
      for (const key of ['inflow', 'pay']) h.model.rows.splice(h.model.rows.indexOf(rows[key].row), 1);
    });
    await expectChange(async () => {
      await h.client.ok('mutation { updateMe(input: { currency: "EUR" }) { id currency } }');
      h.model.currency = 'EUR';
    });
    await expectMonthsMatch(h.client, h.model, shuffled(monthRange(PAST, THIS), 7));
  });
});

test('rows written while the month is read, concurrently: no stale figures survive', async () => {
  const h = await budgetHouseholdOf(running, CATEGORIES);
  const THIS = '2026-06';
  await setRollover(h, 'Groceries', true);
  for (const month of ['2024-01', '2025-01', THIS]) {
    await addRow(h, { date: day(month, 1), cents: 100000, category: 'Salary' });
    await setBudget(h, month, 'Groceries', 20000);
  }
  const next = seeded(7);
  for (let round = 0; round < 4; round += 1) {
    const writes = Array.from({ length: 5 }, (_, i) => {
      const month = monthPlus('2024-01', Math.floor(next() * 24));
      const cents = -1 - Math.floor(next() * 9000);
      return addRow(h, { date: day(month, 1 + i), cents, category: i % 2 ? 'Groceries' : 'Car' });
    });
    // Readers of this month and of months between the writes, each extending the closings as far as it needs.
    const reads = Array.from({ length: 6 }, (_, i) => h.client.ok(BUDGET_MONTH, { month: i % 2 ? THIS : monthPlus('2024-01', Math.floor(next() * 30)) }));
    const toggles = round % 2 ? [setRollover(h, 'Car', round === 1)] : [];
    await Promise.all([...writes, ...reads, ...toggles, setBudget(h, monthPlus('2024-02', round), 'Groceries', 1000 * (round + 1), false)]);
    await expectMonthsMatch(h.client, h.model, [THIS, '2025-01']);
  }
  await expectMonthsMatch(h.client, h.model, shuffled(monthRange('2024-01', THIS), 11));
});
