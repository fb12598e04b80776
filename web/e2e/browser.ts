import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../test-artifacts');
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 360, height: 780 };

export function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A fresh browser profile (its own cookies) that refuses and records any request off this server, and any CSP refusal. */
export async function newUser(browser: Browser, baseURL: string, outside: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: DESKTOP, locale: 'en-US', timezoneId: 'UTC' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseURL) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000); // generous: CI shares two cores with other suites
  // A Content-Security-Policy refusal would mean a screen silently lost a script, style or image.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) outside.push(`CSP: ${message.text()}`);
  });
  return { context, page };
}

/** Saves the screen at desktop and phone widths under web/test-artifacts/. */
export async function screenshots(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(600); // charts redraw after a resize
    // Scrolled down, a full-page picture shows the sticky bars over the middle of the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

export async function signUp(page: Page, user: { name: string; email: string; password: string }): Promise<void> {
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByLabel('Currency').selectOption('USD');
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Adds a transaction through quick entry, with the keyboard as far as it goes. */
export async function quickAdd(page: Page, entry: { amount: string; description: string; category?: string; account?: string; income?: boolean; date?: string }) {
  await page.locator('#quick-amount').waitFor();
  await page.locator('ul.transactions, .status.empty').first().waitFor();
  const count = page.locator('.transactions li');
  const before = await count.count();
  await page.keyboard.press('n');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('quick-amount');
  await page.keyboard.type(entry.amount);
  if (entry.category) await page.getByLabel('Category', { exact: true }).first().selectOption({ label: entry.category });
  if (entry.account) await page.locator('#quick-account').selectOption({ label: entry.account });
  if (entry.income !== undefined) await page.locator('#quick-direction').selectOption(entry.income ? 'in' : 'out');
  await page.locator('#quick-description').fill(entry.description);
  if (entry.date) await page.locator('#quick-date').fill(entry.date);
  await page.locator('#quick-description').press('Enter');
  await expect.poll(() => count.count()).toBe(before + 1);
}

/** A PDF of these objects (object 1 the catalog), with the cross-reference offsets pdf.js needs to read it without repair. */
export function pdfFile(objects: string[]): Buffer {
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/**
 * A failed step leaves a picture of what the user saw beside the other artifacts:
 * test-artifacts/failed-<story>-<step>.png, of the page `pageOf` returns then.
 */
export function screenshotOnFailure(story: string, pageOf: () => Page | undefined): void {
  afterEach(async ({ task }) => {
    const page = pageOf();
    if (task.result?.state !== 'fail' || !page) return;
    const file = `failed-${story}-${task.name.replace(/\W+/g, '-').slice(0, 60)}.png`;
    await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true }).catch(() => undefined);
    console.error(`failed at ${page.url()}; screenshot: test-artifacts/${file}`);
  });
}

/** A GraphQL call from the page, with its session cookie; the data, or a throw with the errors. */
export function graphqlFrom(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  return page.evaluate(async ({ query, variables }) => {
    const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }, { query, variables });
}
