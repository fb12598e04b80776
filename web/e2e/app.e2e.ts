import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, launch, newUser, pdfFile, quickAdd, screenshots, signIn, signUp, screenshotOnFailure } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const alice = { name: 'Alice Example', email: `alice-${Date.now()}@example.com`, password: 'correct horse battery' };
const bob = { name: 'Bob Other', email: `bob-${Date.now()}@example.com`, password: 'another good password' };

// One user's story from sign-up to sign-out, then a second user who must see none of it.
describe.skipIf(!executable)('the web client in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  let coffeeId = '';

  beforeAll(async () => {
    browser = await launch(executable);
    ({ page } = await newUser(browser, baseURL, outside));
  });
  afterAll(async () => {
    await browser?.close();
  });
  screenshotOnFailure('app', () => page);

  const totals = async () => ({
    income: await page.getByTestId('total-income').innerText(),
    expenses: await page.getByTestId('total-expenses').innerText(),
    net: await page.getByTestId('total-net').innerText(),
  });

  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/signin');
  };

  it('sends a signed-out visitor to sign in, and back to the page after signing up', async () => {
    await page.goto('/transactions?q=flat');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/signin');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/transactions?q=flat');
    await screenshots(page, 'signin');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await signUp(page, alice);
    await expect.poll(() => page.url()).toBe(`${baseURL}/transactions?q=flat`);
    await page.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.url()).toBe(`${baseURL}/transactions`);
  });

  it('creates a category', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Categories' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Coffee');
    await page.getByRole('button', { name: 'Create' }).click();
    const name = page.getByLabel('Name of Coffee');
    await name.waitFor();
    coffeeId = (await name.getAttribute('id'))!.replace('name-', '');
    await screenshots(page, 'categories');
  });

  it('adds transactions by keyboard and sees the dashboard totals change', async () => {
    await page.goto('/transactions');
    await quickAdd(page, { amount: '2500', description: 'Salary March', category: 'Salary' });
    await quickAdd(page, { amount: '4.50', description: 'Flat white', category: 'Coffee' });
    await quickAdd(page, { amount: '62.10', description: 'Weekly groceries', category: 'Groceries' });
    await page.getByText('3 transactions').waitFor();

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(totals).toEqual({ income: '$2,500.00', expenses: '$66.60', net: '+$2,433.40' });
    await page.getByRole('heading', { name: 'Spending by category' }).waitFor();
    await page.locator('.legend', { hasText: 'Coffee' }).waitFor();

    await page.getByRole('link', { name: 'Add transaction' }).click();
    await quickAdd(page, { amount: '3.20', description: 'Espresso to go', category: 'Coffee' });
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(totals).toEqual({ income: '$2,500.00', expenses: '$69.80', net: '+$2,430.20' });
    await page.waitForTimeout(500);
    await screenshots(page, 'dashboard');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshots(page, 'dashboard-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('attaches a receipt and shows its preview', async () => {
    await page.goto('/transactions');
    await page.getByRole('link', { name: /Flat white/ }).click();
    await page.getByRole('heading', { name: 'Flat white', level: 1 }).waitFor();
    const image = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 320, height: 240 } });
    await page.locator('#receipt-file').setInputFiles([
      { name: 'flat-white.png', mimeType: 'image/png', buffer: image },
      { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: invoicePdf() },
    ]);
    const preview = page.getByRole('img', { name: 'Receipt flat-white.png' });
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await page.getByText('invoice.pdf').waitFor();
    // pdf.js draws the PDF's first page into a canvas: wait for it, then check it holds dark (non-white) pixels.
    const pdfPage = page.getByRole('img', { name: 'First page of receipt invoice.pdf' });
    await expect.poll(() => pdfPage.getAttribute('data-pdf-status'), { timeout: 30_000 }).toBe('drawn');
    const pdfCanvas = pdfPage.locator('canvas');
    const inked = await pdfCanvas.evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 300) count++;
      return count;
    });
    expect(inked).toBeGreaterThan(100);
    await pdfCanvas.screenshot({ path: path.join(ARTIFACTS, 'receipt-pdf-thumbnail.png') });
    await screenshots(page, 'transaction');
  });

  it('filters and searches, with the filter kept in the URL', async () => {
    await page.goto('/transactions');
    await page.getByText('4 transactions').waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('FLAT');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('FLAT');
    await expect.poll(() => page.locator('.transactions li').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.locator('.transactions li').count()).toBe(1);
    expect(await page.locator('#filter-search').inputValue()).toBe('FLAT');

    await page.goto(`/transactions?category=${coffeeId}`);
    await page.getByText('2 transactions').waitFor();
    await page.getByLabel('Amount from').fill('-4');
    await page.getByLabel('Amount from').press('Tab');
    await expect.poll(() => page.locator('.transactions li').count()).toBe(1);
    await page.getByText('Espresso to go').waitFor();
    await screenshots(page, 'transactions');
  });

  it('scrolls past the first page, keeping the count it got with the first page', async () => {
    // 55 old transactions in an account of their own, added through the API, removed at the end.
    const accountId = await page.evaluate(async () => {
      const gql = async (query: string, variables: Record<string, unknown>) => {
        const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
        return (await response.json()).data;
      };
      const { createAccount } = await gql('mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name: 'Old card' } });
      for (let i = 1; i <= 55; i += 1) {
        await gql('mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', {
          input: { accountId: createAccount.id, date: '2020-01-15', amount: '-1.00', description: `Bulk ${i}` },
        });
      }
      return createAccount.id as string;
    });
    await page.goto(`/transactions?account=${accountId}`);
    await page.getByText('55 transactions').waitFor();
    await expect.poll(() => page.locator('.transactions li').count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => page.locator('.transactions li').count()).toBe(55);
    await page.getByText('55 transactions').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await page.evaluate(async (id) => {
      await fetch('/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation ($id: ID!) { deleteAccount(id: $id, deleteTransactions: true) }', variables: { id } }),
      });
    }, accountId);
  });

  it('creates an account, and deletes it with its transactions only after asking', async () => {
    await page.goto('/accounts');
    await page.getByLabel('Name of account Cash').waitFor();
    expect(await page.locator('.balance').first().innerText()).toContain('$2,430.20');
    await page.getByLabel('Name', { exact: true }).fill('Old card');
    await page.getByLabel('Opening balance').fill('100');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Name of account Old card').waitFor();
    await screenshots(page, 'accounts');

    await page.goto('/transactions');
    await quickAdd(page, { amount: '12', description: 'Card fee', account: 'Old card' });
    await page.goto('/accounts');
    await page.getByRole('button', { name: 'Delete account Old card' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete account', exact: true }).click();
    await page.getByRole('dialog').getByText('has transactions').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete account and transactions' }).click();
    await expect.poll(() => page.getByLabel('Name of account Old card').count()).toBe(0);
    expect(await page.locator('.balance').first().innerText()).toContain('$2,430.20');
  });

  it('shows the settings screen', async () => {
    await page.goto('/settings');
    await page.getByLabel('Name', { exact: true }).waitFor();
    await screenshots(page, 'settings');
  });

  it('signs out, returns to a page after signing back in, and keeps the data', async () => {
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/signin');
    await page.goto('/categories');
    await expect.poll(() => new URL(page.url()).searchParams.get('next')).toBe('/categories');
    await signIn(page, alice.email, 'not the password');
    await page.getByText('The email or password is not right.').waitFor();
    await signIn(page, alice.email, alice.password);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/categories');
    await page.getByLabel('Name of Coffee').waitFor();
    await page.goto('/');
    await expect.poll(totals).toEqual({ income: '$2,500.00', expenses: '$69.80', net: '+$2,430.20' });
  });

  it('serves the GraphQL playground from this server', async () => {
    await page.goto('/playground.html');
    await page.locator('.graphiql-container').waitFor();
    // GraphiQL loads CodeMirror on demand; a run before the editor exists does nothing.
    await page.locator('.graphiql-query-editor .CodeMirror-code', { hasText: 'query Overview' }).waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await page.locator('.graphiql-response', { hasText: alice.email }).waitFor();
    await screenshots(page, 'playground');
  });

  it('shows a second user none of the first one’s data', async () => {
    const receiptUrl = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ transactions(filter: {search: "flat"}) { edges { node { id receipts { url } } } } }' }),
      });
      const body = await response.json();
      const node = body.data.transactions.edges[0].node;
      return { id: node.id as string, url: node.receipts[0].url as string };
    });

    const other = await newUser(browser, baseURL, outside);
    const bobPage = other.page;
    await bobPage.goto('/signup');
    await signUp(bobPage, bob);
    await bobPage.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect.poll(() => bobPage.getByTestId('total-expenses').innerText()).toBe('$0.00');
    await bobPage.goto('/transactions');
    await bobPage.getByText('No transactions yet').waitFor();
    await bobPage.goto('/categories');
    await bobPage.getByLabel('Name of Groceries').waitFor();
    expect(await bobPage.getByLabel('Name of Coffee').count()).toBe(0);
    await bobPage.goto(`/transactions/${receiptUrl.id}`);
    await bobPage.getByText('That item no longer exists').waitFor();
    expect((await bobPage.request.get(receiptUrl.url)).status()).toBe(404);
    await other.context.close();
  });

  it('changes the password, with each mistake shown beside its field, and signs in with the new one', async () => {
    await page.goto('/settings');
    const current = page.getByLabel('Current password');
    const fresh = page.getByLabel('New password');
    await current.fill('not the password');
    await fresh.fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#current-password-error', { hasText: 'The current password is not right.' }).waitFor();
    await current.fill(alice.password);
    await fresh.fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#new-password-error', { hasText: 'at least 8 characters' }).waitFor();
    expect(await page.locator('#current-password-error').count()).toBe(0);
    await fresh.fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    alice.password = 'a brand new passphrase';

    await signOut();
    await signIn(page, alice.email, alice.password);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  });

  it('turns on two-factor sign-in, then signs in with a code and with a recovery code', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const qr = page.getByRole('img', { name: /QR code/ });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await screenshots(page, 'settings-two-factor-setup');
    await page.getByLabel('Code from your authenticator app').fill('000000');
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.locator('#totp-code-error', { hasText: 'That code is not right' }).waitFor();
    await page.getByLabel('Code from your authenticator app').fill(authenticator.generate(secret));
    await page.getByLabel('Code from your authenticator app').press('Enter');

    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await page.getByRole('heading', { name: 'Save these recovery codes now' }).waitFor();
    expect(await codes.count()).toBe(10);
    const recoveryCodes = await codes.allInnerTexts();
    await page.getByRole('button', { name: 'Copy codes' }).click();
    await page.getByText('Recovery codes copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(recoveryCodes.join('\n'));
    await screenshots(page, 'settings-recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByRole('button', { name: 'Turn off…' }).waitFor();
    expect(await codes.count()).toBe(0);

    const codeField = page.getByLabel('Code from your authenticator app (or a recovery code)');
    await signOut();
    await signIn(page, alice.email, alice.password);
    await codeField.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('otp');
    await screenshots(page, 'signin-code');
    // enableTwoFactor used up this 30-second step; the server takes the next one (one step of drift).
    const nextCode = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
    await page.keyboard.type(nextCode === '123456' ? '654321' : '123456');
    await page.keyboard.press('Enter');
    await page.locator('#otp-error', { hasText: 'That code is not right' }).waitFor();
    await codeField.fill(nextCode);
    await codeField.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    await page.goto('/settings');
    await signOut();
    await signIn(page, alice.email, alice.password);
    await codeField.fill(recoveryCodes[0]);
    await codeField.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  });

  it('turns two-factor sign-in off only with the password', async () => {
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Turn off…' }).click();
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await page.locator('#two-factor-password-error', { hasText: 'The password is not right.' }).waitFor();
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(alice.password);
    await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).waitFor();
    await screenshots(page, 'settings-security');
  });

  it('deletes the account after the password and a confirmation, and then cannot sign in', async () => {
    await page.goto('/settings');
    const password = page.getByLabel('Your password');
    const dialog = page.getByRole('dialog');
    await password.fill('not the password');
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await page.locator('#delete-password-error', { hasText: 'The password is not right.' }).waitFor();
    await password.fill(alice.password);
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(new URL(page.url()).pathname).toBe('/settings');
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await expect.poll(() => page.url()).toBe(`${baseURL}/signin`);
    await page.getByText('Your account and all its data were deleted.').waitFor();
    await signIn(page, alice.email, alice.password);
    await page.getByText('The email or password is not right.').waitFor();
  });

  it('loaded nothing from outside this server', () => {
    expect(outside).toEqual([]);
  });
});

/** A one-page PDF with a dark band and a line of text. */
function invoicePdf(): Buffer {
  const content = '0.1 0.2 0.5 rg 40 700 515 80 re f BT /F1 36 Tf 0 0 0 rg 40 600 Td (Invoice 42) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  return pdfFile(objects);
}
