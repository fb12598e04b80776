import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, newUser, PHONE, screenshotOnFailure } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const erika = { name: 'Erika Muster', email: `erika-${Date.now()}@example.com`, password: 'correct horse battery' };

// Forms as a user in a EUR profile meets them: amounts typed their way, quick entry, accounts, categories.
describe.skipIf(!executable)('forms say what they will do and refuse what they cannot read', () => {
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    browser = await launch(executable);
    ({ page } = await newUser(browser, baseURL, outside));
  });
  afterAll(async () => {
    await browser?.close();
  });
  screenshotOnFailure('forms', () => page);

  /** What the API holds, read with the page's own session. */
  const api = (query: string) =>
    page.evaluate(async (body) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: body }) });
      return (await response.json()).data;
    }, query);
  const savedAmounts = async () =>
    (await api('{ transactions(first: 50) { edges { node { amount description } } } }')).transactions.edges.map(
      (edge: { node: { amount: string; description: string } }) => `${edge.node.description} ${edge.node.amount}`,
    );
  const amountError = () => page.locator('#quick-amount-error').innerText();
  /** Enter saves; the form is ready for the next one once it says what it added. */
  async function save(description: string) {
    await page.locator('#quick-description').press('Enter');
    await page.getByText(`Added “${description}”.`).last().waitFor();
    await expect.poll(() => page.locator('#quick-amount').inputValue()).toBe('');
  }

  async function typeAmount(amount: string, description: string) {
    await page.locator('#quick-amount').fill('');
    await page.locator('#quick-amount').pressSequentially(amount);
    await page.locator('#quick-description').fill(description);
  }

  it('flags every empty field of the sign-up form at once', async () => {
    await page.goto('/signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    for (const [id, message] of [['name', 'Enter your name.'], ['email', 'Enter your email address.'], ['password', 'Choose a password of at least 8 characters.']]) {
      await expect.poll(() => page.locator(`#${id}-error`).innerText()).toBe(message);
      expect(await page.locator(`#${id}`).getAttribute('aria-invalid')).toBe('true');
    }
    await page.getByLabel('Your name').fill(erika.name);
    await page.getByLabel('Email').fill(erika.email);
    await page.getByLabel('Password').fill(erika.password);
    await page.getByLabel('Currency').selectOption('EUR');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/signup');
  });

  it('quick entry shows the account it will use, and reads "12,50" in a EUR profile as 12.50', async () => {
    await page.goto('/transactions');
    await page.locator('#quick-amount').waitFor();
    await expect.poll(() => page.locator('#quick-account option:checked').innerText()).toBe('Cash');
    expect(await page.locator('#quick-description').getAttribute('maxlength')).toBe('500');
    await typeAmount('12,50', 'Bakery');
    await expect.poll(() => page.locator('#quick-amount-hint').innerText()).toBe('Will save -€12.50 (money out) to Cash.');
    await save('Bakery');
    await expect.poll(savedAmounts).toEqual(['Bakery -12.50']);
  });

  it('refuses "1e3", "12abc" and 0 with a sentence, saving nothing', async () => {
    await typeAmount('1e3', 'Exponent');
    await page.locator('#quick-description').press('Enter');
    await expect.poll(amountError).toBe('“1e3” is not a number: write the amount with digits only, such as 12.50.');
    await typeAmount('12abc', 'Letters');
    await page.locator('#quick-description').press('Enter');
    await expect.poll(amountError).toBe('“12abc” is not a number: write the amount with digits only, such as 12.50.');
    await typeAmount('0', 'Nothing');
    await page.locator('#quick-description').press('Enter');
    await expect.poll(amountError).toBe('Enter an amount other than 0.');
    expect(await savedAmounts()).toEqual(['Bakery -12.50']);
  });

  it('keeps Type and sign in agreement: a typed minus sets Expense, a category sets its kind, visibly', async () => {
    await page.locator('#quick-direction').selectOption('in');
    await typeAmount('-42', 'Refund that was not');
    await expect.poll(() => page.locator('#quick-direction').inputValue()).toBe('out');
    expect(await page.locator('#quick-amount').inputValue()).toBe('42');
    await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Salary' });
    await expect.poll(() => page.locator('#quick-direction').inputValue()).toBe('in');
    await expect.poll(() => page.locator('#quick-amount-hint').innerText()).toBe('Will save +€42.00 (money in) to Cash.');
    await save('Refund that was not');
    await expect.poll(savedAmounts).toContain('Refund that was not 42.00');
    await typeAmount('-3', 'Coffee');
    await expect.poll(() => page.locator('#quick-direction').inputValue()).toBe('out');
    await save('Coffee');
    await expect.poll(savedAmounts).toContain('Coffee -3.00');
  });

  it('says a typed date is not valid and how to write it', async () => {
    await typeAmount('5', 'Bus ticket');
    await page.locator('#quick-date').click();
    await page.keyboard.press('Backspace'); // one part of the date cleared: the browser holds no date
    await page.locator('#quick-description').press('Enter');
    await expect.poll(() => page.locator('#quick-date-error').innerText())
      .toBe('That is not a valid date: enter day, month and year as MM/DD/YYYY, such as 03/14/2025.');
    expect(await savedAmounts()).not.toContain('Bus ticket -5.00');
  });

  it('offers "Try again" only where it can work', async () => {
    await page.goto('/transactions/999999999');
    await page.getByText('That item no longer exists; it may have been deleted.').waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });

  it('archives an account, corrects its opening balance, and says Saved after an inline rename', async () => {
    await page.goto('/accounts');
    await page.getByLabel('Name', { exact: true }).fill('Travel card');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Name of account Travel card').waitFor();

    await page.getByRole('button', { name: 'Archive account Travel card' }).click();
    await page.getByRole('button', { name: 'Unarchive account Travel card' }).waitFor();
    const accounts = async () => (await api('{ accounts { name archived openingBalance balance } }')).accounts;
    await expect.poll(accounts).toContainEqual({ name: 'Travel card', archived: true, openingBalance: '0.00', balance: '0.00' });

    await page.getByRole('button', { name: 'Correct opening balance of Cash' }).click();
    await page.getByLabel('New opening balance of Cash').fill('1.000,50');
    await page.getByRole('button', { name: 'Save opening balance' }).click();
    await expect.poll(accounts).toContainEqual({ name: 'Cash', archived: false, openingBalance: '1000.50', balance: '1027.00' });

    await page.getByLabel('Name of account Cash').fill('Wallet');
    await page.getByLabel('Name of account Cash').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    await page.getByLabel('Name of account Wallet').fill('travel CARD');
    await page.getByLabel('Name of account Wallet').press('Enter');
    await page.getByText('You already have an account called “Travel card”; choose another name.').waitFor();

    // An archived account is left out of quick entry's choices.
    await page.goto('/transactions');
    await page.locator('#quick-account').waitFor();
    await expect.poll(() => page.locator('#quick-account option').allInnerTexts()).toEqual(['Wallet']);
  });

  it('refuses a duplicate category name and an empty rename, each with a sentence', async () => {
    await page.goto('/categories');
    await page.getByLabel('Name', { exact: true }).fill('groceries');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => page.locator('#category-name-error').innerText()).toBe('You already have a category called “Groceries”; choose another name.');
    expect(await page.getByLabel('Name of groceries', { exact: true }).count()).toBe(0);

    await page.getByLabel('Name of Rent').fill('  ');
    await page.getByLabel('Name of Rent').press('Enter');
    await page.getByText('The name cannot be empty; type a name, or press Escape to keep the old one.').waitFor();
    expect((await api('{ categories { name } }')).categories.map((c: { name: string }) => c.name)).toContain('Rent');
  });

  it('on a 360 px phone, quick entry waits behind "Add transaction" and the list is in the first screen', async () => {
    await page.setViewportSize(PHONE);
    await page.goto('/transactions');
    const add = page.getByRole('button', { name: 'Add transaction' });
    await add.waitFor();
    expect(await page.locator('#quick-amount').count()).toBe(0);
    const list = await page.locator('ul.transactions').boundingBox();
    expect(list && list.y < PHONE.height).toBe(true);
    await add.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('quick-amount');
    // The account rows' new buttons wrap inside the screen.
    await page.goto('/accounts');
    await page.getByLabel('Name of account Wallet').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(DESKTOP);
    expect(outside).toEqual([]);
  });
});
