import fs from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlFrom, launch, newUser, screenshots, screenshotOnFailure, signUp } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const erin = { name: 'Erin Exports', email: `erin-${Date.now()}@example.com`, password: 'correct horse battery' };

describe.skipIf(!executable)('exporting transactions in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const gql = (query: string, variables: Record<string, unknown> = {}) => graphqlFrom(page, query, variables);
  const textOf = async (download: Download) => fs.readFile(await download.path(), 'utf8');
  /** Clicks the link and answers the file the browser saved. */
  const downloadFrom = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    return { filename: download.suggestedFilename(), text: await textOf(download) };
  };

  beforeAll(async () => {
    browser = await launch(executable);
    ({ page } = await newUser(browser, baseURL, outside));
    await page.goto('/signup');
    await signUp(page, erin);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const account = (await gql('mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name: 'Everyday', currency: 'USD' } })).createAccount.id;
    const add = (date: string, amount: string, description: string) =>
      gql('mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', { input: { accountId: account, date, amount, description } });
    await add('2026-05-01', '-3.50', 'Coffee at the station');
    await add('2026-05-02', '-1200', 'Rent');
    await add('2026-05-03', '-4.25', 'Coffee with Sam, "oat"');
  });
  afterAll(async () => {
    await browser?.close();
  });
  screenshotOnFailure('export', () => page);

  it('exports what the filtered list shows, as CSV', async () => {
    await page.goto('/transactions?q=coffee');
    await expect.poll(() => page.locator('.transactions li').count()).toBe(2);
    await screenshots(page, 'export-transactions');
    const { filename, text } = await downloadFrom('Export CSV');
    expect(filename).toMatch(/^transactions-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Id,Parent id,Date,Account,Amount,Currency,Category,Description,Imported description,Notes,Transfer account,Receipts');
    expect(lines.slice(1).map((line) => line.split(',').slice(2, 6).join(','))).toEqual(['2026-05-03,Everyday,-4.25,USD', '2026-05-01,Everyday,-3.50,USD']);
    expect(lines[1]).toContain('"Coffee with Sam, ""oat"""');
    expect(text).not.toContain('Rent');
    expect(outside).toEqual([]);
  });

  it('exports every transaction from Settings, as JSON', async () => {
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Export all transactions' }).waitFor();
    const { filename, text } = await downloadFrom('Export JSON');
    expect(filename).toMatch(/^transactions-\d{4}-\d{2}-\d{2}\.json$/);
    const rows = JSON.parse(text) as { description: string; amount: string }[];
    expect(rows.map((row) => [row.description, row.amount])).toEqual([
      ['Coffee with Sam, "oat"', '-4.25'],
      ['Rent', '-1200.00'],
      ['Coffee at the station', '-3.50'],
    ]);
  });
});
