import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlFrom, launch, newUser, screenshots, screenshotOnFailure, signUp } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const rita = { name: 'Rita Rules', email: `rita-${Date.now()}@example.com`, password: 'correct horse battery' };

// A statement with one row the Tesco rule knows and one it does not.
const STATEMENT = 'Date,Description,Amount\n2026-04-01,TESCO STORES 3297,-23.40\n2026-04-02,Corner Cafe,-4.50\n';

// Rules as a user makes them: one typed on the Rules screen (previewed, then applied to what is
// there), an import it categorises, one learnt from a hand categorisation, and the order changed by keyboard.
describe.skipIf(!executable)('rules in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const ids: Record<string, string> = {};
  const operations: { operationName?: string; variables?: Record<string, unknown> }[] = [];
  const sent = (name: string) => operations.filter((operation) => operation.operationName === name).map((operation) => operation.variables ?? {});
  const gql = (query: string, variables: Record<string, unknown> = {}) => graphqlFrom(page, query, variables);
  const ruleNames = () => page.locator('ol.rules > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')));
  const listRow = (text: string) => page.locator('ul.transactions > li').filter({ hasText: text });
  const openRules = async () => {
    await page.goto('/rules');
    await page.locator('ol.rules, .status.empty').first().waitFor();
  };
  const noSideScroll = async (width: number) => {
    await page.setViewportSize({ width, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.setViewportSize({ width: 1280, height: 860 });
  };

  beforeAll(async () => {
    browser = await launch(executable);
    ({ page } = await newUser(browser, baseURL, outside));
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST' && /json/.test(request.headers()['content-type'] ?? '')) operations.push(request.postDataJSON());
    });
    await page.goto('/signup');
    await signUp(page, rita);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    ids.checking = (await gql('mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name: 'Checking', currency: 'USD' } })).createAccount.id;
    // Before any rule: it stays uncategorised until the rule is applied to what is already here.
    await gql('mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', {
      input: { accountId: ids.checking, date: '2026-03-30', amount: '-12.00', description: 'TESCO EXPRESS 11' },
    });
  });
  afterAll(async () => {
    await browser?.close();
    expect(outside).toEqual([]);
  });
  screenshotOnFailure('rules', () => page);

  it('creates a rule on the Rules screen, sees what it would change, and applies it to an existing transaction', async () => {
    await page.getByRole('link', { name: 'Rules' }).first().click();
    await page.getByRole('heading', { name: 'Rules', level: 1 }).waitFor();
    await page.getByText('No rules yet.').waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    const editor = page.locator('#rule-editor');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rule-name');
    await page.getByLabel('Name', { exact: true }).fill('Groceries at Tesco');
    expect(await editor.getByLabel('Field of condition 1').inputValue()).toBe('DESCRIPTION');
    expect(await editor.getByLabel('Test of condition 1').inputValue()).toBe('CONTAINS');
    await editor.getByLabel('Value of condition 1').fill('tesco');
    await editor.getByLabel('Category of action 1').selectOption({ label: 'Groceries' });

    // The preview follows the typing: the existing row matches, and would get the category.
    await expect.poll(() => page.getByTestId('rule-preview-counts').innerText()).toBe('Matches 1 transaction; 1 would change.');
    expect(await editor.locator('.preview').innerText()).toMatch(/TESCO EXPRESS 11[\s\S]*Category: Uncategorised → Groceries/);
    // An amount condition with a comma is refused beside its line, before the server is asked.
    await editor.getByRole('button', { name: 'Add condition' }).click();
    await editor.getByLabel('Field of condition 2').selectOption('AMOUNT');
    await editor.getByLabel('Value of condition 2').fill('12,00');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await editor.getByRole('alert').filter({ hasText: 'Write amounts with a dot' }).waitFor();
    await editor.getByRole('button', { name: 'Remove condition 2' }).click();
    await screenshots(page, 'rules-editor');
    await noSideScroll(390);

    await editor.getByRole('button', { name: 'Apply to existing transactions' }).click();
    await editor.getByRole('status').filter({ hasText: 'Saved, and changed 1 transaction.' }).waitFor();
    await expect.poll(() => page.getByTestId('rule-preview-counts').innerText()).toBe('Matches 1 transaction; 0 would change.');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await page.locator('#rule-editor').waitFor({ state: 'detached' });
    expect(await ruleNames()).toEqual(['Groceries at Tesco']);
    expect(await page.locator('ol.rules').innerText()).toMatch(/Description contains “tesco” → set category Groceries[\s\S]*Changed 1 transaction/);
    const { rules } = await gql('{ rules { name matchAll conditions { field operator value } actions { type value } } }');
    const { categories } = await gql('{ categories { id name } }');
    for (const category of categories as { id: string; name: string }[]) ids[category.name] = category.id;
    expect(rules).toEqual([{ name: 'Groceries at Tesco', matchAll: true, conditions: [{ field: 'DESCRIPTION', operator: 'CONTAINS', value: 'tesco' }],
      actions: [{ type: 'SET_CATEGORY', value: ids.Groceries }] }]);
    await page.goto('/transactions');
    await expect.poll(() => listRow('TESCO EXPRESS 11').innerText()).toContain('Groceries');
  });

  it('imports a statement whose preview shows the category the rule gives a row, and the rule’s name', async () => {
    await page.goto(`/import?account=${ids.checking}`);
    await page.locator('#import-file').setInputFiles([{ name: 'april.csv', mimeType: 'text/csv', buffer: Buffer.from(STATEMENT, 'utf8') }]);
    const line = (n: number) => page.locator(`tr[data-line="${n}"]`);
    await expect.poll(() => line(2).innerText()).toMatch(/TESCO STORES 3297[\s\S]*Groceries\s*by rule Groceries at Tesco/);
    expect(await line(3).innerText()).not.toContain('by rule');
    await screenshots(page, 'rules-import-preview');
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toBe('2 created, 0 matched, 0 skipped, in Checking.');
    await page.goto(`/transactions?account=${ids.checking}`);
    await expect.poll(() => listRow('TESCO STORES 3297').innerText()).toContain('Groceries');
    expect(await listRow('Corner Cafe').innerText()).toContain('Uncategorised');
  });

  it('offers a rule after a row no rule matches is categorised by hand, and makes it when accepted', async () => {
    await listRow('Corner Cafe').getByRole('link').click();
    await page.getByRole('heading', { name: 'Corner Cafe', level: 1 }).waitFor();
    await page.locator('#tx-category').selectOption({ label: 'Eating out' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    const prompt = page.getByRole('region', { name: /^Always categorise “corner cafe” as Eating out\?$/i });
    await prompt.waitFor();
    await screenshots(page, 'rules-learning-prompt');
    await prompt.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('Rule created').waitFor();
    await prompt.waitFor({ state: 'detached' });

    await openRules();
    expect(await ruleNames()).toHaveLength(2);
    expect((await ruleNames())[0]).toBe('Groceries at Tesco');
    expect(await page.locator('ol.rules > li').nth(1).innerText()).toMatch(/Description starts with “corner cafe” → set category Eating out/i);
    expect(await page.getByRole('region', { name: 'Suggested rules' }).count()).toBe(0);
  });

  it('moves a rule up with Alt+↑, keeping the focus on it, and the server keeps the new order', async () => {
    const [first, second] = (await ruleNames()) as string[];
    const handle = page.getByRole('button', { name: `Move ${second}, position 2 of 2` });
    await handle.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(ruleNames).toEqual([second, first]);
    await page.getByRole('status').filter({ hasText: `“${second}” moved to position 1 of 2.` }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move ${second}, position 1 of 2`);
    const byId = Object.fromEntries(((await gql('{ rules { id name } }')).rules as { id: string; name: string }[]).map((rule) => [rule.name, rule.id]));
    await expect.poll(() => sent('ReorderRules').at(-1)).toEqual({ ids: [byId[second], byId[first]] });
    await openRules();
    expect(await ruleNames()).toEqual([second, first]);
    await screenshots(page, 'rules-list');
    // Eight sections fit the header at every width: labels on a wide screen, icons on a narrower one, a tab bar on a phone.
    for (const width of [390, 1024, 1280]) await noSideScroll(width);

    // The arrow buttons do the same, for a pointer or a phone.
    await page.getByRole('button', { name: `Move ${second} down` }).click();
    await expect.poll(ruleNames).toEqual([first, second]);
    await expect.poll(async () => (await gql('{ rules { name } }')).rules.map((rule: { name: string }) => rule.name)).toEqual([first, second]);
  });

  it('switches a rule off and deletes one after asking', async () => {
    await page.getByRole('switch', { name: 'Enabled: Groceries at Tesco' }).uncheck();
    await expect.poll(async () => (await gql('{ rules { name enabled } }')).rules.find((rule: { name: string }) => rule.name === 'Groceries at Tesco').enabled).toBe(false);
    const second = (await ruleNames())[1] as string;
    await page.getByRole('button', { name: `Delete ${second}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete rule' }).click();
    await expect.poll(ruleNames).toEqual(['Groceries at Tesco']);
  });

  it('starts a rule from a transaction, prefilled with its description and category', async () => {
    await page.goto(`/transactions?account=${ids.checking}`);
    await listRow('Corner Cafe').getByRole('link').click();
    await page.getByRole('link', { name: 'Create rule from this transaction' }).click();
    await page.getByRole('heading', { name: 'New rule' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/rules');
    const editor = page.locator('#rule-editor');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Corner Cafe');
    expect(await editor.getByLabel('Test of condition 1').inputValue()).toBe('CONTAINS');
    expect(await editor.getByLabel('Value of condition 1').inputValue()).toBe('Corner Cafe');
    expect(await editor.getByLabel('Category of action 1').inputValue()).toBe(ids['Eating out']);
    await expect.poll(() => page.getByTestId('rule-preview-counts').innerText()).toBe('Matches 1 transaction; 0 would change.');
  });
});
