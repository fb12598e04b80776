import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlFrom, launch, newUser, screenshotOnFailure, signUp } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const erin = { name: 'Erin Backups', email: `erin-${Date.now()}@example.com`, password: 'correct horse battery' };
const frank = { name: 'Frank Restores', email: `frank-${Date.now()}@example.com`, password: 'correct horse battery' };

// Erin downloads a backup from Settings; Frank, on another browser, restores it after reading what it adds.
describe.skipIf(!executable)('backing up and restoring in Chromium', () => {
  let browser: Browser;
  let erinPage: Page;
  let frankPage: Page;
  let archive: Buffer;
  const outside: string[] = [];

  beforeAll(async () => {
    browser = await launch(executable);
    ({ page: erinPage } = await newUser(browser, baseURL, outside));
    ({ page: frankPage } = await newUser(browser, baseURL, outside));
  });
  afterAll(async () => {
    await browser?.close();
  });
  screenshotOnFailure('backups', () => frankPage);

  const openSettings = async (page: Page, user: typeof erin) => {
    await page.goto('/signup');
    await signUp(page, user);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  };

  it('downloads a dated zip of everything from Settings, and offers it again before deleting the account', async () => {
    await openSettings(erinPage, erin);
    await graphqlFrom(erinPage, 'mutation { createTransaction(input: { date: "2026-04-02", amount: "-12.34", description: "Bookshop" }) { id } }');
    const [download] = await Promise.all([erinPage.waitForEvent('download'), erinPage.getByRole('link', { name: 'Download a backup', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^finance-backup-\d{4}-\d{2}-\d{2}\.zip$/);
    archive = fs.readFileSync(await download.path());
    expect(archive.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await erinPage.getByRole('link', { name: 'Download a backup first' }).getAttribute('href')).toBe('/backup');
  });

  it('shows what a restore would add before restoring it', async () => {
    await openSettings(frankPage, frank);
    await frankPage.locator('#restore-file').setInputFiles([{ name: 'backup.zip', mimeType: 'application/zip', buffer: archive }]);
    const report = frankPage.getByRole('table', { name: 'What the restore adds' });
    await expect.poll(() => report.getByRole('row', { name: /^Transactions/ }).innerText()).toMatch(/Transactions\s+1\s+0/);
    // Nothing is written by the dry run.
    expect((await graphqlFrom(frankPage, '{ transactions(first: 5) { totalCount } }')).transactions.totalCount).toBe(0);
    await frankPage.getByRole('button', { name: 'Restore this backup' }).click();
    await frankPage.getByText('Backup restored.').waitFor();
    const { transactions } = await graphqlFrom(frankPage, '{ transactions(first: 5) { totalCount edges { node { description amount } } } }');
    expect(transactions.edges.map((edge: { node: unknown }) => edge.node)).toEqual([{ description: 'Bookshop', amount: '-12.34' }]);
  });

  it('refuses a file that is not a backup, saying why', async () => {
    await frankPage.locator('#restore-file').setInputFiles([{ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') }]);
    await frankPage.getByRole('alert').filter({ hasText: 'not a zip archive' }).waitFor();
    expect(outside).toEqual([]);
  });
});
