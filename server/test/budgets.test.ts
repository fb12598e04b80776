import { signUp } from './support/client';
import { DELETE_CATEGORY } from './support/operations';
import { applyRule, ruleOf, setCategory, when, previewCsv } from './support/rules';
import { startTestApp, type RunningApp } from './support/test-app';
import {
  addRow,
  BUDGET_HISTORY,
  BUDGET_MONTH,
  budgetHouseholdOf,
  budgetMonthOf,
  BUDGETS_FROM_AVERAGE,
  COPY_BUDGET,
  expectBudgetRefused,
  expectMonthsMatch,
  monthByName,
  monthPlus,
  monthRange,
  SET_BUDGET,
  SET_ROLLOVER,
  setBudget,
  setRollover,
  type BudgetHousehold,
  type MonthFigures,
} from './support/budgets';
import { transferOf } from './support/transfers';

/** Issue 19: a month's budget — spent, income, to-budget — its copies and averages, and what the API refuses. */
let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

const categoryOf = (figures: MonthFigures, name: string) => figures.categories.find((category) => category.name === name);
const cents = (money: string) => Number(money.replace('.', ''));

test('split parts count by their category; transfers, transfer parts and accounts in another currency are left out', async () => {
  const h = await budgetHouseholdOf(running, [['Fun', 'EXPENSE'], ['Groceries', 'EXPENSE'], ['Pharmacy', 'EXPENSE'], ['Salary', 'INCOME']]);
  await addRow(h, { date: '2025-03-02', cents: -10000, category: null, splits: [{ cents: -6000, category: 'Groceries' }, { cents: -4000, category: 'Pharmacy' }] });
  await addRow(h, { date: '2025-03-03', cents: -8000, category: null, splits: [{ cents: -3000, category: 'Fun' }, { cents: -5000, category: null, transfer: true }] });
  await addRow(h, { date: '2025-03-04', cents: 10000, category: null, splits: [{ cents: 7000, category: 'Salary' }, { cents: 3000, category: null }] });
  await addRow(h, { date: '2025-03-05', cents: -555, category: 'Groceries' });
  await transferOf(h.client, { fromAccountId: h.cash, toAccountId: h.checking, date: '2025-03-06', amount: '250.00' });
  await transferOf(h.client, { fromAccountId: h.checking, toAccountId: h.cash, date: '2025-03-07', amount: '40.00' });
  await transferOf(h.client, { fromAccountId: h.cash, toAccountId: h.foreign, date: '2025-03-08', amount: '110.00', inflowAmount: '100.00' });
  h.model.rows.push(
    ...[-25000, 25000, -4000, 4000, -11000].map((value) => ({ date: '2025-03-06', cents: value, category: null, currency: 'USD', transfer: true })),
    { date: '2025-03-08', cents: 10000, category: null, currency: 'EUR', transfer: true },
  );
  await addRow(h, { date: '2025-03-09', cents: -2000, category: 'Groceries', currency: 'EUR' });
  await addRow(h, { date: '2025-03-10', cents: 50000, category: 'Salary', currency: 'EUR' });
  await addRow(h, { date: '2025-03-11', cents: 1200, category: null, currency: 'EUR' });
  await setBudget(h, '2025-03', 'Groceries', 10000);
  await setBudget(h, '2025-03', 'Fun', 5000);
  await setRollover(h, 'Groceries', true);

  const march = await budgetMonthOf(h.client, '2025-03');
  expect(march).toMatchObject({ month: '2025-03', currency: 'USD', income: '100.00', budgeted: '150.00', spent: '-135.55', available: '14.45', toBudget: '-50.00' });
  expect(march.categories.map((category) => [category.name, category.spent])).toEqual([['Fun', '-30.00'], ['Groceries', '-65.55'], ['Pharmacy', '-40.00']]);
  expect(categoryOf(march, 'Groceries')).toMatchObject({ budgeted: '100.00', budgetSet: true, available: '34.45', carriedOver: '0.00', rollover: true });
  expect(categoryOf(march, 'Pharmacy')).toMatchObject({ budgeted: '0.00', budgetSet: false, available: '-40.00' });
  await expectMonthsMatch(h.client, h.model, ['2025-04', '2025-02', '2025-03', '2025-06']);
  expect(categoryOf(await budgetMonthOf(h.client, '2025-04'), 'Groceries')).toMatchObject({ carriedOver: '34.45', averageSpent: '-21.85' });
});

test('income is money in INCOME categories and uncategorised money in; refunds lower spent; toBudget chains and goes negative when overbudgeted', async () => {
  const h = await budgetHouseholdOf(running, [['Groceries', 'EXPENSE'], ['Rent', 'EXPENSE'], ['Salary', 'INCOME']]);
  await addRow(h, { date: '2025-01-01', cents: 200000, category: 'Salary' });
  await addRow(h, { date: '2025-01-02', cents: -10000, category: 'Salary' });
  await addRow(h, { date: '2025-01-03', cents: 20000, category: null });
  await addRow(h, { date: '2025-01-04', cents: -5000, category: null });
  await addRow(h, { date: '2025-01-05', cents: -30000, category: 'Groceries' });
  await addRow(h, { date: '2025-01-06', cents: 2500, category: 'Groceries' });
  await setBudget(h, '2025-01', 'Groceries', 150000);
  await setBudget(h, '2025-01', 'Rent', 80000);
  await addRow(h, { date: '2025-02-01', cents: 100000, category: 'Salary' });
  await setBudget(h, '2025-02', 'Groceries', 50000);

  expect(await budgetMonthOf(h.client, '2025-01')).toMatchObject({ income: '2100.00', budgeted: '2300.00', spent: '-275.00', available: '2025.00', toBudget: '-200.00' });
  expect(categoryOf(await budgetMonthOf(h.client, '2025-01'), 'Groceries')).toMatchObject({ spent: '-275.00', available: '1225.00' });
  expect(await budgetMonthOf(h.client, '2025-02')).toMatchObject({ income: '1000.00', budgeted: '500.00', toBudget: '300.00' });
  expect(await budgetMonthOf(h.client, '2025-03')).toMatchObject({ income: '0.00', budgeted: '0.00', spent: '0.00', toBudget: '300.00' });
  // Before the first month there is nothing to chain from.
  expect(await budgetMonthOf(h.client, '2024-12')).toMatchObject({ income: '0.00', toBudget: '0.00' });
  await expectMonthsMatch(h.client, h.model, monthRange('2024-11', '2025-04'));
  // A budget raised in January moves every to-budget after it.
  await setBudget(h, '2025-01', 'Rent', 90000);
  expect((await budgetMonthOf(h.client, '2025-03')).toBudget).toBe('200.00');
  await expectMonthsMatch(h.client, h.model, monthRange('2024-12', '2025-04'));
});

describe('copyBudget and setBudgetsFromAverage leave amounts already set alone', () => {
  test('copyBudget copies only where the target month has none set, an explicit 0 included', async () => {
    const h = await budgetHouseholdOf(running, [['Car', 'EXPENSE'], ['Fun', 'EXPENSE'], ['Groceries', 'EXPENSE'], ['Pharmacy', 'EXPENSE'], ['Rent', 'EXPENSE'], ['Salary', 'INCOME']]);
    await addRow(h, { date: '2025-01-01', cents: 300000, category: 'Salary' });
    for (const [name, amount] of [['Groceries', 30000], ['Fun', 5000], ['Rent', 70000], ['Car', 0]] as const) await setBudget(h, '2025-01', name, amount);
    await setBudget(h, '2025-02', 'Fun', 0);
    await setBudget(h, '2025-02', 'Rent', 65000);
    const { copyBudget } = await h.client.ok(COPY_BUDGET, { fromMonth: '2025-01', toMonth: '2025-02' });
    for (const name of ['Groceries', 'Car']) h.model.setBudget('2025-02', name, h.model.budgetOf('2025-01', name)!);
    const copied = monthByName(copyBudget);
    expect(copied).toEqual(h.model.month('2025-02'));
    expect(copied.categories.map((c) => [c.name, c.budgeted, c.budgetSet])).toEqual([
      ['Car', '0.00', true], ['Fun', '0.00', true], ['Groceries', '300.00', true], ['Pharmacy', '0.00', false], ['Rent', '650.00', true],
    ]);
    // Again: everything is set now, nothing moves; from an empty month, nothing either.
    expect(monthByName((await h.client.ok(COPY_BUDGET, { fromMonth: '2025-01', toMonth: '2025-02' })).copyBudget)).toEqual(copied);
    expect(monthByName((await h.client.ok(COPY_BUDGET, { fromMonth: '2024-06', toMonth: '2025-02' })).copyBudget)).toEqual(copied);
    await expectMonthsMatch(h.client, h.model, monthRange('2024-12', '2025-03'));
  });

  test('setBudgetsFromAverage sets the 3 months’ mean money out, to the cent and truncated, where none is set and money went out', async () => {
    const h = await budgetHouseholdOf(running, [['Car', 'EXPENSE'], ['Fun', 'EXPENSE'], ['Gifts', 'EXPENSE'], ['Groceries', 'EXPENSE'], ['Pharmacy', 'EXPENSE'], ['Rent', 'EXPENSE']]);
    const spend: [string, string, number][] = [
      ['2025-02-10', 'Groceries', -99900], // four months back: not in the average
      ['2025-03-10', 'Groceries', -10000], ['2025-04-10', 'Groceries', -10000], ['2025-05-10', 'Groceries', -10001],
      ['2025-03-11', 'Car', -1000], ['2025-04-11', 'Car', -1000], ['2025-05-11', 'Car', -1002],
      ['2025-03-12', 'Fun', -1],
      ['2025-04-13', 'Pharmacy', -3000], ['2025-05-13', 'Pharmacy', 4500],
      ['2025-03-14', 'Rent', -100000], ['2025-04-14', 'Rent', -100000], ['2025-05-14', 'Rent', -100000],
      ['2025-03-15', 'Gifts', -100], ['2025-05-15', 'Gifts', -300],
      ['2025-06-01', 'Groceries', -777], // the month itself: not in the average
    ];
    for (const [date, category, value] of spend) await addRow(h, { date, cents: value, category });
    await addRow(h, { date: '2025-04-16', cents: -250, category: null, splits: [{ cents: -200, category: 'Gifts' }, { cents: -50, category: 'Pharmacy' }] });
    await setBudget(h, '2025-06', 'Rent', 90000);

    const before = await budgetMonthOf(h.client, '2025-06');
    expect(before).toEqual(h.model.month('2025-06'));
    expect(before.categories.map((c) => [c.name, c.averageSpent])).toEqual([
      ['Car', '-10.00'], ['Fun', '0.00'], ['Gifts', '-2.00'], ['Groceries', '-100.00'], ['Pharmacy', '4.83'], ['Rent', '-1000.00'],
    ]);
    const { setBudgetsFromAverage } = await h.client.ok(BUDGETS_FROM_AVERAGE, { month: '2025-06' });
    for (const category of before.categories) if (!category.budgetSet && cents(category.averageSpent) < 0) h.model.setBudget('2025-06', category.name, -cents(category.averageSpent));
    const after = monthByName(setBudgetsFromAverage);
    expect(after).toEqual(h.model.month('2025-06'));
    expect(after.categories.map((c) => [c.name, c.budgeted, c.budgetSet])).toEqual([
      ['Car', '10.00', true], ['Fun', '0.00', false], ['Gifts', '2.00', true], ['Groceries', '100.00', true], ['Pharmacy', '0.00', false], ['Rent', '900.00', true],
    ]);
    // Again: nothing more to set.
    expect(monthByName((await h.client.ok(BUDGETS_FROM_AVERAGE, { month: '2025-06' })).setBudgetsFromAverage)).toEqual(after);
    await expectMonthsMatch(h.client, h.model, ['2025-06', '2025-07', '2025-05']);
  });

  test('a currency without decimals truncates to whole units', async () => {
    const h = await budgetHouseholdOf(running, [['Food', 'EXPENSE']], 'JPY', 0);
    for (const [date, value] of [['2025-01-05', -100], ['2025-02-05', -100], ['2025-03-05', -101]] as const) await addRow(h, { date, cents: value, category: 'Food' });
    const { setBudgetsFromAverage } = await h.client.ok(BUDGETS_FROM_AVERAGE, { month: '2025-04' });
    h.model.setBudget('2025-04', 'Food', 100);
    expect(monthByName(setBudgetsFromAverage)).toEqual(h.model.month('2025-04'));
    expect(setBudgetsFromAverage.categories[0]).toMatchObject({ averageSpent: '-100', budgeted: '100', budgetSet: true });
  });
});

describe('what the API refuses, changing nothing', () => {
  const MONTHS = ['2025-01', '2025-02'];
  let h: BudgetHousehold;
  beforeAll(async () => {
    h = await budgetHouseholdOf(running, [['Groceries', 'EXPENSE'], ['Salary', 'INCOME']]);
    await addRow(h, { date: '2025-01-03', cents: -4200, category: 'Groceries' });
    await setBudget(h, '2025-01', 'Groceries', 10000);
    await setRollover(h, 'Groceries', true);
  });

  test.each(['2025-13', '2025-1', 'abc', '1899-12', '2025-00', '2025-01-01', ''])('the month "%s" is BAD_USER_INPUT everywhere', async (bad) => {
    const categoryId = h.categoryIds.Groceries;
    const attempts = [
      () => h.client.gql(BUDGET_MONTH, { month: bad }),
      () => h.client.gql(BUDGET_HISTORY, { categoryId, from: bad, to: '2025-02' }),
      () => h.client.gql(BUDGET_HISTORY, { categoryId, from: '2025-01', to: bad }),
      () => h.client.gql(SET_BUDGET, { month: bad, categoryId, amount: '5.00' }),
      () => h.client.gql(COPY_BUDGET, { fromMonth: bad, toMonth: '2025-02' }),
      () => h.client.gql(COPY_BUDGET, { fromMonth: '2025-01', toMonth: bad }),
      () => h.client.gql(BUDGETS_FROM_AVERAGE, { month: bad }),
    ];
    for (const attempt of attempts) await expectBudgetRefused(h.client, MONTHS, attempt, 'BAD_USER_INPUT');
  });

  test.each(['10.001', '-1.00', '-0.01', '1e3', '10,00', 'ten'])('setBudget of "%s" dollars is BAD_USER_INPUT', async (amount) => {
    await expectBudgetRefused(h.client, MONTHS, () => h.client.gql(SET_BUDGET, { month: '2025-02', categoryId: h.categoryIds.Groceries, amount }), 'BAD_USER_INPUT');
  });

  test('a yen user budgets in whole yen', async () => {
    const yen = await budgetHouseholdOf(running, [['Food', 'EXPENSE']], 'JPY', 0);
    const categoryId = yen.categoryIds.Food;
    await expectBudgetRefused(yen.client, MONTHS, () => yen.client.gql(SET_BUDGET, { month: '2025-01', categoryId, amount: '10.5' }), 'BAD_USER_INPUT');
    await expectBudgetRefused(yen.client, MONTHS, () => yen.client.gql(SET_BUDGET, { month: '2025-01', categoryId, amount: '10.00' }), 'BAD_USER_INPUT');
    expect((await yen.client.ok(SET_BUDGET, { month: '2025-01', categoryId, amount: '1500' })).setBudget).toMatchObject({ budgeted: '1500', budgetSet: true, available: '1500' });
    expect(await budgetMonthOf(yen.client, '2025-01')).toMatchObject({ currency: 'JPY', budgeted: '1500', toBudget: '-1500' });
  });

  test('an INCOME category takes no budget', async () => {
    await expectBudgetRefused(h.client, MONTHS, () => h.client.gql(SET_BUDGET, { month: '2025-01', categoryId: h.categoryIds.Salary, amount: '5.00' }), 'BAD_USER_INPUT');
  });

  test('another user’s categories, and unknown ones, are NOT_FOUND', async () => {
    const intruder = (await signUp(running.baseUrl)).client;
    for (const categoryId of [h.categoryIds.Groceries, '999999']) {
      const attempts = [
        () => intruder.gql(SET_BUDGET, { month: '2025-01', categoryId, amount: '1.00' }),
        () => intruder.gql(SET_ROLLOVER, { categoryId, rollover: false }),
        () => intruder.gql(BUDGET_HISTORY, { categoryId, from: '2025-01', to: '2025-02' }),
      ];
      for (const attempt of attempts) await expectBudgetRefused(h.client, MONTHS, attempt, 'NOT_FOUND');
    }
    // The intruder's own month shows none of the owner's categories.
    const theirs = (await intruder.ok(BUDGET_MONTH, { month: '2025-01' })).budgetMonth.categories.map((c: { category: { id: string } }) => c.category.id);
    expect(theirs).not.toContain(h.categoryIds.Groceries);
    await expectMonthsMatch(h.client, h.model, MONTHS);
  });
});

describe('deleting a category and importing rows reach the cached months', () => {
  const PAST = '2024-03';
  const THIS = '2026-03';
  let h: BudgetHousehold;
  beforeAll(async () => {
    h = await budgetHouseholdOf(running, [['Gifts', 'EXPENSE'], ['Groceries', 'EXPENSE'], ['Salary', 'INCOME']]);
    await setRollover(h, 'Gifts', true);
    await setRollover(h, 'Groceries', true);
    await addRow(h, { date: `${PAST}-01`, cents: 100000, category: 'Salary' });
    await addRow(h, { date: `${PAST}-02`, cents: -3500, category: 'Gifts' });
    await addRow(h, { date: `${PAST}-03`, cents: 2000, category: 'Gifts' });
    await setBudget(h, PAST, 'Gifts', 2000);
    await setBudget(h, THIS, 'Gifts', 5000);
    await setBudget(h, THIS, 'Groceries', 10000);
  });

  test('a deleted category’s budgets no longer count, and its refunds become uncategorised money in', async () => {
    const before = await budgetMonthOf(h.client, THIS);
    expect(before).toEqual(h.model.month(THIS));
    expect(await h.client.ok(DELETE_CATEGORY, { id: h.categoryIds.Gifts })).toEqual({ deleteCategory: true });
    h.model.deleteCategory('Gifts');
    const after = await budgetMonthOf(h.client, THIS);
    expect(after).toEqual(h.model.month(THIS));
    // 50.00 and 20.00 of budgets gone, and the 20.00 refund now income.
    expect(cents(after.toBudget) - cents(before.toBudget)).toBe(9000);
    expect(after.categories.map((c) => c.name)).toEqual(['Groceries']);
    await expectMonthsMatch(h.client, h.model, monthRange(PAST, monthPlus(PAST, 1)));
  });

  test('an import into a past month, a rule applied to its rows, and its undo move this month’s figures', async () => {
    await ruleOf(h.client, [when('DESCRIPTION', 'CONTAINS', 'grocery')], [setCategory(h.categoryIds.Groceries)]);
    await expectMonthsMatch(h.client, h.model, [THIS]);
    const preview = await previewCsv(h.client, h.cash, ['Date,Description,Amount', `${PAST}-10,GROCERY MART,-42.10`, `${PAST}-11,REFUND SHOP,15.00`, `${PAST}-12,PAYROLL,2500.00`, `${PAST}-13,KIOSK,-3.00`]);
    expect(preview.newCount).toBe(4);
    const batch = (await h.client.ok('mutation ($previewId: ID!) { commitImport(previewId: $previewId) { id createdCount } }', { previewId: preview.id })).commitImport;
    expect(batch.createdCount).toBe(4);
    const imported: { date: string; cents: number; category: string | null; currency: string }[] = [
      { date: `${PAST}-10`, cents: -4210, category: 'Groceries', currency: 'USD' },
      { date: `${PAST}-11`, cents: 1500, category: null, currency: 'USD' },
      { date: `${PAST}-12`, cents: 250000, category: null, currency: 'USD' },
      { date: `${PAST}-13`, cents: -300, category: null, currency: 'USD' },
    ];
    h.model.rows.push(...imported);
    await expectMonthsMatch(h.client, h.model, [THIS, PAST]);
    // A rule applied to the imported rows afterwards: one statement over past rows.
    const before = await budgetMonthOf(h.client, THIS);
    const kiosk = await ruleOf(h.client, [when('DESCRIPTION', 'CONTAINS', 'kiosk')], [setCategory(h.categoryIds.Groceries)]);
    expect(await applyRule(h.client, kiosk.id)).toBe(1);
    imported[3].category = 'Groceries';
    const after = await budgetMonthOf(h.client, THIS);
    expect(after).toEqual(h.model.month(THIS));
    expect(cents(after.available) - cents(before.available)).toBe(-300);
    await h.client.ok('mutation ($batchId: ID!) { undoImport(batchId: $batchId) { id undone } }', { batchId: batch.id });
    for (const row of imported) h.model.rows.splice(h.model.rows.indexOf(row), 1);
    await expectMonthsMatch(h.client, h.model, [THIS, PAST, monthPlus(PAST, 1)]);
  });

});
