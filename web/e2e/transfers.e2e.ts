import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlFrom, launch, newUser, screenshots, screenshotOnFailure, signUp } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const erin = { name: 'Erin Transfers', email: `erin-${Date.now()}@example.com`, password: 'correct horse battery' };

// Transfers and splits as a user makes them: a transfer in quick entry, a receipt split in two
// categories, a suggested pair accepted (and one rejected). The clock is fixed on 10 December 2026.
describe.skipIf(!executable)('transfers and splits in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const ids: Record<string, string> = {};
  const gql = (query: string, variables: Record<string, unknown> = {}) => graphqlFrom(page, query, variables);
  const rows = () => page.locator('ul.transactions > li');
  const row = (text: string) => rows().filter({ hasText: text });

  const add = async (key: string, input: Record<string, unknown>) => {
    ids[key] = (await gql('mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', { input })).createTransaction.id;
  };
  const balances = async () => Object.fromEntries(
    (await gql('{ accounts { name balance } }')).accounts.map((account: { name: string; balance: string }) => [account.name, account.balance]),
  );
  const dashboardTotals = async () => {
    await page.goto('/?from=2026-12-01&to=2026-12-31');
    await page.getByTestId('total-expenses').waitFor();
    const legend = await page.locator('.legend li').evaluateAll((items) => items.map((item) => item.textContent?.replace(/\s+/g, ' ').trim()));
    return { income: await page.getByTestId('total-income').innerText(), expenses: await page.getByTestId('total-expenses').innerText(), legend };
  };

  beforeAll(async () => {
    browser = await launch(executable);
    let context;
    ({ context, page } = await newUser(browser, baseURL, outside));
    await context.clock.install({ time: new Date('2026-12-10T12:00:00Z') });
    await context.clock.resume();
    await page.goto('/signup');
    await signUp(page, erin);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const { categories } = await gql('{ categories { id name } }');
    for (const category of categories as { id: string; name: string }[]) ids[category.name] = category.id;
    const account = async (name: string, openingBalance: string) => {
      ids[name] = (await gql('mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name, openingBalance } })).createAccount.id;
    };
    await account('Checking', '1200.00');
    await account('Savings', '0.00');
    await add('salary', { accountId: ids.Checking, date: '2026-12-01', amount: '100.00', description: 'Salary', categoryId: ids.Salary });
    await add('bakery', { accountId: ids.Checking, date: '2026-12-02', amount: '-40.00', description: 'Bakery', categoryId: ids.Groceries });
  });
  afterAll(async () => {
    await browser?.close();
    expect(outside).toEqual([]);
  });
  screenshotOnFailure('transfers', () => page);

  it('moves money between two accounts from quick entry: two legs, balances moved, income and expenses unchanged', async () => {
    const before = await dashboardTotals();
    expect(before).toMatchObject({ income: '$100.00', expenses: '$40.00' });

    await page.goto('/transactions');
    await page.locator('ul.transactions').waitFor();
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('quick-amount');
    await page.keyboard.type('500');
    await page.locator('#quick-direction').selectOption('transfer');
    await page.locator('#quick-account').selectOption({ label: 'Checking' });
    await page.locator('#quick-to-account').selectOption({ label: 'Savings' });
    // One currency: no second amount to type.
    expect(await page.locator('#quick-inflow-amount').count()).toBe(0);
    await expect.poll(() => page.locator('#quick-amount-hint').innerText()).toBe('Will move $500.00 from Checking to Savings.');
    await page.locator('#quick-description').fill('To savings');
    await page.locator('#quick-description').press('Enter');

    // Both legs are rows of their accounts, each naming both accounts.
    await expect.poll(() => row('To savings').count()).toBe(2);
    for (const leg of await row('To savings').all()) expect(await leg.innerText()).toContain('Checking → Savings');
    expect(await row('To savings').locator('.amount').allInnerTexts()).toEqual(expect.arrayContaining(['-$500.00', '+$500.00']));
    expect(await balances()).toMatchObject({ Checking: '760.00', Savings: '500.00' });
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.locator('#filter-kind').selectOption({ label: 'Transfers' });
    await expect.poll(() => new URL(page.url()).search).toBe('?kind=transfers');
    await expect.poll(() => rows().count()).toBe(2);
    await page.locator('#filter-kind').selectOption({ label: 'Expenses' });
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().innerText()).toContain('Bakery');
    await page.goto('/transactions?kind=transfers');
    await expect.poll(() => rows().count()).toBe(2);
    await screenshots(page, 'transfers-list');

    // A leg's detail links to its other leg.
    await row('To savings').filter({ hasText: '-$500.00' }).locator('a').click();
    await page.getByText('Other leg:').waitFor();
    expect(await page.locator('.transfer-info').innerText()).toContain('Checking → Savings');
    await page.locator('.transfer-info a').click();
    await expect.poll(() => page.locator('.page-head .amount').innerText()).toBe('+$500.00');
    await expect.poll(() => page.locator('#tx-account').inputValue()).toBe(ids.Checking);
    await expect.poll(() => page.locator('#tx-to-account').inputValue()).toBe(ids.Savings);
    await screenshots(page, 'transfers-leg');

    // A transfer is neither income nor expenses.
    const after = await dashboardTotals();
    expect(after).toEqual(before);
  });

  it('splits a receipt into two categories, the remaining amount reaching 0, and the dashboard counts the parts', async () => {
    await add('market', { accountId: ids.Checking, date: '2026-12-05', amount: '-84.20', description: 'Supermarket', categoryId: ids.Groceries });
    await page.goto(`/transactions/${ids.market}`);
    await page.getByRole('button', { name: 'Split this transaction' }).click();
    const remaining = page.getByTestId('split-remaining');
    await expect.poll(() => remaining.innerText()).toContain('Left to assign: $84.20');
    // The first part starts in the transaction's category.
    await expect.poll(() => page.locator('#split-0-category').inputValue()).toBe(`c:${ids.Groceries}`);
    await page.locator('#split-0-amount').fill('60.10');
    await page.locator('#split-0-notes').fill('food');
    await expect.poll(() => remaining.innerText()).toContain('Left to assign: $24.10');
    await page.locator('#split-1-amount').fill('24.2');
    await expect.poll(() => remaining.innerText()).toBe('Too much by $0.10');
    await page.locator('#split-1-amount').fill('');
    await page.getByRole('button', { name: 'Put the rest in part 2' }).click();
    expect(await page.locator('#split-1-amount').inputValue()).toBe('24.10');
    await page.locator('#split-1-category').selectOption({ label: 'Health' });
    await page.locator('#split-1-notes').fill('aspirin');
    await expect.poll(() => remaining.getAttribute('data-state')).toBe('exact');
    expect(await remaining.innerText()).toBe('All assigned');
    // Parts not saved yet: leaving asks first.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transactions' }).click();
    await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Save split' }).click();
    await page.getByText('Split saved.').waitFor();

    await page.reload();
    await page.locator('#split-1-amount').waitFor();
    expect(await page.locator('.parts input[id$="-amount"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual(['60.10', '24.10']);
    await expect.poll(() => page.locator('#split-0-category').inputValue()).toBe(`c:${ids.Groceries}`);
    await expect.poll(() => page.locator('#split-1-category').inputValue()).toBe(`c:${ids.Health}`);
    expect(await page.locator('#split-1-notes').inputValue()).toBe('aspirin');
    expect(await page.locator('#tx-category').inputValue()).toBe('Split in 2 parts');
    await screenshots(page, 'transfers-split');

    // Filtered by a category, the row shows the part in it, of the whole amount.
    await page.goto(`/transactions?category=${ids.Health}`);
    await expect.poll(() => rows().count()).toBe(1);
    expect(await row('Supermarket').innerText()).toMatch(/Split in 2[\s\S]*-\$24\.10[\s\S]*of \$84\.20/);

    // Groceries: the bakery's 40.00 and the part's 60.10; Health: the other part. Transfers count nowhere.
    expect(await dashboardTotals()).toEqual({ income: '$100.00', expenses: '$124.20', legend: ['Groceries $100.10', 'Health $24.10'] });
  });

  it('offers a suggested pair with one click to accept, and forgets a rejected one', async () => {
    await add('atm', { accountId: ids.Checking, date: '2026-12-06', amount: '-200.00', description: 'ATM withdrawal' });
    await add('deposit', { accountId: ids.Savings, date: '2026-12-07', amount: '200.00', description: 'Cash deposit' });
    await add('refund', { accountId: ids.Checking, date: '2026-12-08', amount: '30.00', description: 'Refund' });
    await add('lunch', { accountId: ids.Savings, date: '2026-12-08', amount: '-30.00', description: 'Lunch' });
    await page.goto('/transactions');
    const offers = page.getByRole('group', { name: 'Suggested transfer' });
    // Each pair is offered once, though both of its rows suggest the other.
    await expect.poll(() => offers.count()).toBe(2);
    await screenshots(page, 'transfers-suggestions');

    const pair = offers.filter({ hasText: 'ATM withdrawal' }).or(offers.filter({ hasText: 'Cash deposit' }));
    await pair.getByRole('button', { name: 'Link as transfer' }).click();
    await expect.poll(() => offers.count()).toBe(1);
    await expect.poll(() => row('ATM withdrawal').innerText()).toContain('Checking → Savings');
    expect(await row('Cash deposit').innerText()).toContain('Checking → Savings');
    const { transaction } = await gql('query ($id: ID!) { transaction(id: $id) { kind transfer { outflow { id } inflow { id } } } }', { id: ids.atm });
    expect(transaction).toEqual({ kind: 'TRANSFER', transfer: { outflow: { id: ids.atm }, inflow: { id: ids.deposit } } });

    await offers.getByRole('button', { name: 'Not a transfer' }).click();
    await expect.poll(() => offers.count()).toBe(0);
    const check = await gql('query ($a: ID!, $b: ID!) { a: transaction(id: $a) { transferSuggestion { id } transfer { id } } b: transaction(id: $b) { transferSuggestion { id } transfer { id } } }', { a: ids.refund, b: ids.lunch });
    expect(check).toEqual({ a: { transferSuggestion: null, transfer: null }, b: { transferSuggestion: null, transfer: null } });
  });

  it('asks what happens to the other leg when a leg is deleted', async () => {
    await page.goto(`/transactions/${ids.deposit}`);
    await page.getByRole('button', { name: 'Delete transaction' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Keep the other as a plain transaction' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Delete both' }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Keep the other as a plain transaction' }).click();
    await page.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
    await expect.poll(() => row('Cash deposit').count()).toBe(0);
    await expect.poll(() => row('ATM withdrawal').innerText()).not.toContain('→');
    const { transaction } = await gql('query ($id: ID!) { transaction(id: $id) { kind transfer { id } } }', { id: ids.atm });
    expect(transaction).toEqual({ kind: 'EXPENSE', transfer: null });
  });

  it('makes a plain row a transfer in the edit form, keeps the legs in step, and makes it plain again', async () => {
    await add('move', { accountId: ids.Checking, date: '2026-12-09', amount: '-25.00', description: 'Move to savings', categoryId: ids.Shopping });
    const legs = async () => (await gql('query ($id: ID!) { transaction(id: $id) { kind amount category { id } transfer { outflow { id amount } inflow { id amount account { name } } } } }', { id: ids.move })).transaction;
    await page.goto(`/transactions/${ids.move}`);
    await expect.poll(() => page.locator('#tx-account').inputValue()).toBe(ids.Checking);
    await page.locator('#tx-direction').selectOption('transfer');
    await expect.poll(() => page.locator('#tx-account').inputValue()).toBe(ids.Checking);
    await page.locator('#tx-to-account').selectOption({ label: 'Savings' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Transaction saved.').waitFor();
    await page.locator('.transfer-info').waitFor();
    const linked = await legs();
    expect(linked).toMatchObject({ kind: 'TRANSFER', amount: '-25.00', category: null, transfer: { outflow: { id: ids.move, amount: '-25.00' }, inflow: { amount: '25.00', account: { name: 'Savings' } } } });

    // One currency: a new amount on one leg is the other's too.
    await page.locator('#tx-amount').fill('30');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await legs()).transfer?.inflow.amount).toBe('30.00');
    expect((await legs()).amount).toBe('-30.00');

    // Back to an expense: the other leg goes, as chosen.
    await page.locator('#tx-direction').selectOption('out');
    await page.locator('#tx-category').selectOption({ label: 'Transport' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete the other' }).click();
    // (The toast of the save before may still show: the saved row is what tells.)
    await expect.poll(legs).toEqual({ kind: 'EXPENSE', amount: '-30.00', category: { id: ids.Transport }, transfer: null });
    const { transactions } = await gql('{ transactions(filter: { search: "Move to savings" }) { totalCount } }');
    expect(transactions.totalCount).toBe(1);
  });

  it('splits a paycheck into salary and a transfer to savings', async () => {
    await add('pay', { accountId: ids.Checking, date: '2026-12-09', amount: '800.00', description: 'Paycheck', categoryId: ids.Salary });
    // Savings so far: the 500.00 transfer in, the 30.00 lunch out.
    expect((await balances()).Savings).toBe('470.00');
    await page.goto(`/transactions/${ids.pay}`);
    await page.getByRole('button', { name: 'Split this transaction' }).click();
    await page.locator('#split-0-amount').fill('1000');
    // A sign typed on purpose goes against the transaction: 200 leaves for savings.
    await page.locator('#split-1-amount').fill('-200');
    await page.locator('#split-1-category').selectOption({ label: 'Transfer: Savings' });
    await expect.poll(() => page.getByTestId('split-remaining').innerText()).toBe('All assigned');
    await page.getByRole('button', { name: 'Save split' }).click();
    await page.getByText('Split saved.').waitFor();
    const { transaction } = await gql('query ($id: ID!) { transaction(id: $id) { splits { amount category { name } transfer { inflow { id amount account { name } } } } } }', { id: ids.pay });
    expect(transaction.splits).toEqual([
      { amount: '1000.00', category: { name: 'Salary' }, transfer: null },
      { amount: '-200.00', category: null, transfer: { inflow: { id: expect.any(String), amount: '200.00', account: { name: 'Savings' } } } },
    ]);
    ids.toSavings = transaction.splits[1].transfer.inflow.id;
    expect(await balances()).toMatchObject({ Savings: '670.00' });
    await page.reload();
    await expect.poll(() => page.locator('#split-1-category').inputValue()).toBe(`a:${ids.Savings}`);
    expect(await page.locator('#split-1-amount').inputValue()).toBe('-200.00');
    expect(await page.getByRole('link', { name: 'Its other leg' }).getAttribute('href')).toBe(`/transactions/${ids.toSavings}`);
    await screenshots(page, 'transfers-split-part');

    // The leg on Savings, deleted, leaves the paycheck's part in place, no longer a transfer.
    await page.goto(`/transactions/${ids.toSavings}`);
    await page.locator('.transfer-info').waitFor();
    await page.getByRole('button', { name: 'Delete transaction' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete this row' }).click();
    await page.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
    const parts = await gql('query ($id: ID!) { transaction(id: $id) { splits { amount transfer { id } } } }', { id: ids.pay });
    expect(parts.transaction.splits).toEqual([{ amount: '1000.00', transfer: null }, { amount: '-200.00', transfer: null }]);
    expect(await balances()).toMatchObject({ Savings: '470.00' });
    await page.goto(`/transactions/${ids.pay}`);

    // Unsplit: one row again, in no part's category.
    await page.getByRole('button', { name: 'Unsplit' }).click();
    await page.getByText('No longer split.').waitFor();
    await page.getByRole('button', { name: 'Split this transaction' }).waitFor();
    const unsplit = await gql('query ($id: ID!) { transaction(id: $id) { amount splits { id } } }', { id: ids.pay });
    expect(unsplit.transaction).toEqual({ amount: '800.00', splits: [] });
  });

  it('moves money across currencies with the amount that arrived', async () => {
    ids.Euro = (await gql('mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name: 'Euro cash', currency: 'EUR' } })).createAccount.id;
    await page.goto('/transactions');
    await page.locator('ul.transactions').waitFor();
    await page.keyboard.press('n');
    await page.keyboard.type('100');
    await page.locator('#quick-direction').selectOption('transfer');
    await page.locator('#quick-account').selectOption({ label: 'Checking' });
    await page.locator('#quick-to-account').selectOption({ label: 'Euro cash' });
    await page.getByLabel('Received (EUR)').fill('92,5');
    await page.locator('#quick-description').fill('Exchange');
    await page.locator('#quick-inflow-date').fill('2026-12-12');
    await page.locator('#quick-description').press('Enter');
    await expect.poll(() => row('Exchange').count()).toBe(2);
    const { transactions } = await gql('{ transactions(filter: { search: "Exchange" }) { edges { node { date amount account { currency } transfer { rate } } } } }');
    expect(transactions.edges.map((edge: { node: unknown }) => edge.node)).toEqual(expect.arrayContaining([
      { date: '2026-12-10', amount: '-100.00', account: { currency: 'USD' }, transfer: { rate: expect.any(String) } },
      { date: '2026-12-12', amount: '92.50', account: { currency: 'EUR' }, transfer: { rate: expect.any(String) } },
    ]));
    await screenshots(page, 'transfers-currencies');

    // Across currencies each leg keeps its own amount: the detail edits what arrived on its own.
    await row('Exchange').filter({ hasText: '€92.50' }).locator('a').click();
    await expect.poll(() => page.getByLabel('Received (EUR)').inputValue()).toBe('92.50');
    expect(await page.locator('#tx-inflow-date').inputValue()).toBe('2026-12-12');
    await page.getByLabel('Received (EUR)').fill('93');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await gql('{ transactions(filter: { search: "Exchange" }) { edges { node { amount } } } }')).transactions.edges
      .map((edge: { node: { amount: string } }) => edge.node.amount).sort()).toEqual(['-100.00', '93.00']);
  });
});
