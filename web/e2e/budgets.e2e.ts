import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlFrom, launch, newUser, screenshots, screenshotOnFailure, signUp } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const bea = { name: 'Bea Budget', email: `bea-${Date.now()}@example.com`, password: 'correct horse battery' };

// Months around today (the browser runs in UTC, as here), as the screen names them.
const pad = (n: number) => String(n).padStart(2, '0');
const monthAt = (offset: number) => {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
};
const [M3, M2, M1, M, NEXT] = [-3, -2, -1, 0, 1].map(monthAt);
const title = (month: string, style: 'long' | 'short' = 'long') => new Intl.DateTimeFormat('en-US', { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

// Amounts in cents, so the test adds them up itself; shown as the screen shows dollars.
const usd = (cents: number) => `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

// What Bea's money did: a salary this month, spending this month, and transport the two months before.
const SALARY = 200000;
const SPENT: Record<string, Record<string, number[]>> = {
  [M]: { Groceries: [-4550, -3000], 'Eating out': [-1225], Entertainment: [-3000], Transport: [-1002] },
  [M1]: { Transport: [-2000] },
  [M2]: { Transport: [-3000] },
};
const spentIn = (month: string, category: string) => sum(SPENT[month]?.[category] ?? []);
const monthSpent = (month: string) => sum(Object.values(SPENT[month] ?? {}).flat());
// Typed on the screen this month; copied into next month, where Transport gets its average.
const BUDGET: Record<string, number> = { 'Eating out': 4000, Entertainment: 2500, Groceries: 9000 };
const budgeted = sum(Object.values(BUDGET));

// An envelope budget as Bea keeps it: amounts typed down the column, a rollover, next month from
// this one's amounts and her averages, and the figures on the dashboard and a category's months.
describe.skipIf(!executable)('budgets in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const ids: Record<string, string> = {};
  const operations: { operationName?: string; variables?: Record<string, unknown> }[] = [];
  const sent = (name: string) => operations.filter((operation) => operation.operationName === name).map((operation) => operation.variables ?? {});
  const gql = (query: string, variables: Record<string, unknown> = {}) => graphqlFrom(page, query, variables);
  const row = (name: string) => page.locator(`tr[data-category="${name}"]`);
  const cell = (name: string) => page.getByLabel(`Budgeted for ${name}`, { exact: true });
  const figure = (name: string, testId: string) => row(name).getByTestId(testId).innerText();
  const barOf = (name: string) => row(name).locator('.bar').getAttribute('data-state');
  const toBudget = () => page.getByTestId('to-budget').innerText();
  const openBudget = async (month: string) => {
    await page.goto(`/budget/${month}`);
    await page.getByRole('heading', { level: 1, name: `Budget ${title(month)}` }).waitFor();
    await page.locator('table.budget').waitFor();
  };
  const noSideScroll = async (width: number) => {
    await page.setViewportSize({ width, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  };

  beforeAll(async () => {
    browser = await launch(executable);
    ({ page } = await newUser(browser, baseURL, outside));
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST' && /json/.test(request.headers()['content-type'] ?? '')) operations.push(request.postDataJSON());
    });
    await page.goto('/signup');
    await signUp(page, bea);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    // A category of her own, made on the Categories screen; the starter ones come with the account.
    await page.goto('/categories');
    await page.locator('#category-name').fill('Books');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByText('Category “Books” created.').waitFor();
    for (const category of (await gql('{ categories { id name } }')).categories as { id: string; name: string }[]) ids[category.name] = category.id;
    const account = (await gql('mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name: 'Checking', currency: 'USD' } })).createAccount.id;
    const add = (date: string, cents: number, description: string, category: string) => gql('mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', {
      input: { accountId: account, date, amount: (cents / 100).toFixed(2), description, categoryId: ids[category] },
    });
    await add(`${M}-01`, SALARY, 'Salary', 'Salary');
    for (const [month, byCategory] of Object.entries(SPENT)) {
      for (const [category, amounts] of Object.entries(byCategory)) {
        for (const [n, cents] of amounts.entries()) await add(`${month}-${month === M ? '01' : '15'}`, cents, `${category} ${n + 1}`, category);
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    expect(outside).toEqual([]);
  });
  screenshotOnFailure('budgets', () => page);

  it('opens this month’s budget from the navigation: every expense category, by name, and all income to budget', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Budget', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: `Budget ${title(M)}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/budget');
    const names = await page.locator('tbody tr[data-category]').evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-category')));
    expect(names).toEqual(['Books', 'Eating out', 'Entertainment', 'Groceries', 'Health', 'Rent', 'Shopping', 'Transport', 'Utilities']);
    await expect.poll(toBudget).toBe(usd(SALARY));
    expect(await page.getByTestId('budget-spent').innerText()).toBe(usd(-monthSpent(M)));
    expect(await figure('Groceries', 'spent')).toBe(usd(-spentIn(M, 'Groceries')));
    expect(await figure('Transport', 'available')).toBe(usd(spentIn(M, 'Transport')));
    // Transport's average of the three months before, rounded toward zero: (0 + 30.00 + 20.00) / 3.
    expect(await row('Transport').locator('.avg').innerText()).toBe(`avg ${usd(Math.trunc((spentIn(M3, 'Transport') + spentIn(M2, 'Transport') + spentIn(M1, 'Transport')) / -3))}`);
  });

  it('takes amounts typed down the column with Tab, and the figures follow', async () => {
    await cell('Eating out').fill('40');
    await page.keyboard.press('Tab');
    // Tab skips the row's rollover switch: the next category's amount, selected, ready to type over.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe(`budget-${ids.Entertainment}`);
    await page.keyboard.type('25');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe(`budget-${ids.Groceries}`);
    await page.keyboard.type('90');
    await page.keyboard.press('Enter');
    await expect.poll(toBudget).toBe(usd(SALARY - budgeted));
    // Tabbing on through Health without typing sends nothing for it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByTestId('budget-budgeted').innerText()).toBe(usd(budgeted));
    expect(sent('SetBudget')).toEqual([
      { month: M, categoryId: ids['Eating out'], amount: '40.00' },
      { month: M, categoryId: ids.Entertainment, amount: '25.00' },
      { month: M, categoryId: ids.Groceries, amount: '90.00' },
    ]);
    expect(await cell('Groceries').inputValue()).toBe('90.00');
    for (const name of Object.keys(BUDGET)) expect(await figure(name, 'available')).toBe(usd(BUDGET[name] + spentIn(M, name)));
    expect(await page.getByTestId('budget-available').innerText()).toBe(usd(budgeted + monthSpent(M)));
    // 12.25 of 40 is green; 75.50 of 90 (84 %) amber; Entertainment and Transport are overspent.
    expect(await barOf('Eating out')).toBe('ok');
    expect(await barOf('Groceries')).toBe('warn');
    expect(await barOf('Entertainment')).toBe('over');
    expect(await barOf('Transport')).toBe('over');
    expect(await barOf('Books')).toBe('empty');
    await screenshots(page, 'budget-month');
  });

  it('keeps a refused amount as typed, with the server’s reason beside it, until Escape puts the saved one back', async () => {
    const refusal = await gql('mutation ($c: ID!, $m: String!) { setBudget(month: $m, categoryId: $c, amount: "-5.00") { budgeted } }', { c: ids.Books, m: M })
      .then(() => '', (error: Error) => JSON.parse(/\[[\s\S]*\]/.exec(error.message)![0])[0].message as string);
    expect(refusal).not.toBe('');
    await cell('Books').fill('-5');
    await cell('Books').press('Enter');
    await row('Books').getByRole('alert').filter({ hasText: refusal }).waitFor();
    expect(await cell('Books').inputValue()).toBe('-5');
    expect(await cell('Books').getAttribute('aria-invalid')).toBe('true');
    await cell('Books').fill('lots');
    await cell('Books').press('Enter');
    await row('Books').getByRole('alert').filter({ hasText: 'is not a number' }).waitFor();
    await cell('Books').press('Escape');
    expect(await cell('Books').inputValue()).toBe('0.00');
    expect(await row('Books').getByRole('alert').count()).toBe(0);
    expect(await toBudget()).toBe(usd(SALARY - budgeted));
  });

  it('rolls what is left, or overspent, into next month, reached with the arrow key', async () => {
    for (const name of ['Groceries', 'Entertainment']) {
      await page.getByRole('switch', { name: `Roll over what is left of ${name} into next month` }).check();
      await expect.poll(() => page.getByRole('switch', { name: `Roll over what is left of ${name} into next month` }).isEnabled()).toBe(true);
    }
    const { categories } = await gql('{ categories { name rollover } }');
    expect(categories.filter((c: { rollover: boolean }) => c.rollover).map((c: { name: string }) => c.name).sort()).toEqual(['Entertainment', 'Groceries']);
    await page.locator('h1').click();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { level: 1, name: `Budget ${title(NEXT)}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/budget/${NEXT}`);
    const carry = (name: string) => BUDGET[name] + spentIn(M, name);
    await expect.poll(() => figure('Groceries', 'available')).toBe(usd(carry('Groceries')));
    expect(await figure('Groceries', 'carried')).toBe(`+${usd(carry('Groceries'))} from ${title(M, 'short')}`);
    expect(await figure('Entertainment', 'available')).toBe(usd(carry('Entertainment')));
    expect(await barOf('Entertainment')).toBe('over');
    // Eating out does not roll over: it starts the month from nothing.
    expect(await row('Eating out').getByTestId('carried').count()).toBe(0);
    expect(await figure('Eating out', 'available')).toBe(usd(0));
    // Nothing budgeted yet: last month's "to budget" is all there is.
    expect(await toBudget()).toBe(usd(SALARY - budgeted));
  });

  it('copies last month’s amounts, then fills the rest from the averages', async () => {
    const carry = (name: string) => BUDGET[name] + spentIn(M, name);
    await page.getByRole('button', { name: 'Copy last month' }).click();
    await expect.poll(() => page.getByTestId('budget-budgeted').innerText()).toBe(usd(budgeted));
    expect(sent('CopyBudget')).toEqual([{ fromMonth: M, toMonth: NEXT }]);
    expect(await cell('Groceries').inputValue()).toBe('90.00');
    expect(await figure('Groceries', 'available')).toBe(usd(BUDGET.Groceries + carry('Groceries')));
    expect(await figure('Entertainment', 'available')).toBe(usd(BUDGET.Entertainment + carry('Entertainment')));
    expect(await toBudget()).toBe(usd(2 * (SALARY - budgeted) - SALARY));

    // Transport's three months before: 30.00, 20.00 and 10.02 make 20.00 (rounded toward zero, not up).
    const average = Math.trunc(-(spentIn(M2, 'Transport') + spentIn(M1, 'Transport') + spentIn(M, 'Transport')) / 3);
    expect(average).toBe(2000);
    await page.getByRole('button', { name: 'Fill from averages' }).click();
    await expect.poll(() => cell('Transport').inputValue()).toBe('20.00');
    expect(sent('SetBudgetsFromAverage')).toEqual([{ month: NEXT }]);
    // What she set or copied stays as it was.
    expect(await cell('Groceries').inputValue()).toBe('90.00');
    expect(await page.getByTestId('budget-budgeted').innerText()).toBe(usd(budgeted + average));
    expect(await toBudget()).toBe(usd(SALARY - 2 * budgeted - average));
    await screenshots(page, 'budget-next-month');
  });

  it('shows a warning when more is budgeted than there is', async () => {
    await cell('Rent').fill('5000');
    await cell('Rent').press('Enter');
    const short = SALARY - 2 * budgeted - 2000 - 500000;
    await expect.poll(toBudget).toBe(usd(short));
    expect(await page.getByTestId('to-budget-box').getAttribute('class')).toContain('short');
    await page.getByRole('status').filter({ hasText: `Budgeted ${usd(-short)} more than there is` }).waitFor();
    await screenshots(page, 'budget-over');
    await cell('Rent').fill('0');
    await cell('Rent').press('Enter');
    await expect.poll(toBudget).toBe(usd(SALARY - 2 * budgeted - 2000));
  });

  it('fits a phone: each category a card, no side scroll', async () => {
    await openBudget(M);
    // Eight sections fit the header too: a tab bar on a phone, icons up to 1400 px, then labels, then the user's name.
    for (const width of [360, 390, 1024, 1280, 1400, 1560]) await noSideScroll(width);
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.locator('table.budget thead').isVisible()).toBe(false);
    const box = await row('Groceries').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(360);
    expect(await cell('Groceries').isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 860 });
    // ← goes back a month; "This month" comes home.
    await page.locator('h1').click();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('heading', { level: 1, name: `Budget ${title(M1)}` }).waitFor();
    await page.getByRole('link', { name: 'This month' }).click();
    await page.getByRole('heading', { level: 1, name: `Budget ${title(M)}` }).waitFor();
    // A month that is not one gets the server's reason, and a way back.
    const refusal = await gql('{ budgetMonth(month: "2025-13") { month } }')
      .then(() => '', (error: Error) => JSON.parse(/\[[\s\S]*\]/.exec(error.message)![0])[0].message as string);
    expect(refusal).not.toBe('');
    await page.goto('/budget/2025-13');
    await page.getByRole('alert').filter({ hasText: refusal }).waitFor();
    await page.getByRole('link', { name: 'Go to this month' }).click();
    await page.getByRole('heading', { level: 1, name: `Budget ${title(M)}` }).waitFor();
  });

  it('shows the month’s budget on the dashboard beside income and expenses', async () => {
    await page.goto('/');
    const card = page.getByTestId('budget-progress');
    await expect.poll(() => card.getByTestId('progress-budgeted').innerText()).toBe(usd(budgeted));
    expect(await card.getByTestId('progress-spent').innerText()).toBe(usd(-monthSpent(M)));
    expect(await card.getByTestId('progress-available').innerText()).toBe(usd(budgeted + monthSpent(M)));
    expect(await card.getByTestId('progress-to-budget').innerText()).toBe(usd(SALARY - budgeted));
    expect(await page.getByTestId('total-income').innerText()).toBe(usd(SALARY));
    await screenshots(page, 'budget-dashboard');
    await card.getByRole('link', { name: 'Open budget' }).click();
    await page.getByRole('heading', { level: 1, name: `Budget ${title(M)}` }).waitFor();
  });

  it('shows a category’s months on the Categories screen, newest first', async () => {
    await page.goto('/categories');
    await page.getByRole('button', { name: 'Budget months of Groceries' }).click();
    const months = page.locator(`#months-${ids.Groceries}`);
    const line = (month: string) => months.locator(`tr[data-month="${month}"]`);
    await line(M).waitFor();
    const cells = (month: string) => line(month).locator('td .amount').allInnerTexts();
    const carry = BUDGET.Groceries + spentIn(M, 'Groceries');
    expect(await cells(NEXT)).toEqual([usd(BUDGET.Groceries), usd(0), usd(BUDGET.Groceries + carry)]);
    expect(await cells(M)).toEqual([usd(BUDGET.Groceries), usd(-spentIn(M, 'Groceries')), usd(carry)]);
    expect(await cells(M1)).toEqual([usd(0), usd(0), usd(0)]);
    expect(await months.locator('tbody tr').evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-month')))).toEqual([NEXT, M, M1, M2, M3, monthAt(-4), monthAt(-5)]);
    await screenshots(page, 'budget-category-months');
    await line(M).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `Budget ${title(M)}` }).waitFor();
  });

  it('sends a user with no expense categories to make one', async () => {
    const { categories } = await gql('{ categories { id kind } }');
    for (const category of categories as { id: string; kind: string }[]) {
      if (category.kind === 'EXPENSE') await gql('mutation ($id: ID!) { deleteCategory(id: $id) }', { id: category.id });
    }
    await page.goto('/budget');
    await page.getByText('There are no expense categories to budget yet.').waitFor();
    await screenshots(page, 'budget-empty');
    await page.getByRole('link', { name: 'Create a category' }).click();
    await page.getByRole('heading', { level: 1, name: 'Categories' }).waitFor();
  });
});
