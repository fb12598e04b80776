import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlFrom, launch, newUser, pdfFile, screenshots, signUp, screenshotOnFailure } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const carol = { name: 'Carol Views', email: `carol-${Date.now()}@example.com`, password: 'correct horse battery' };

// The screens' views: charts that follow the period, search totals, the receipt viewer, titles,
// focus and unsaved edits. The clock is fixed in December, when "12 months" and "This year" meet.
describe.skipIf(!executable)('views in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const consoleErrors: string[] = [];
  const ids: Record<string, string> = {};

  /** A GraphQL call from the page, with its session cookie. */
  const gql = (query: string, variables: Record<string, unknown> = {}) => graphqlFrom(page, query, variables);

  const activeElement = () => page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { tag: active?.tagName ?? '', id: active?.id ?? '', text: active?.textContent?.trim() ?? '', inQuickEntry: Boolean(active?.closest('#quick-entry')) };
  });

  /** What a chart drew, read back from the Chart.js instance through its canvas. */
  const chartData = (name: RegExp) =>
    page.getByRole('img', { name }).locator('canvas').evaluate((canvas: HTMLCanvasElement) => canvas.dataset.chartData ?? null)
      .then((text) => (text ? (JSON.parse(text) as { labels: string[]; datasets: number[][] }) : null));
  const money = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

  beforeAll(async () => {
    browser = await launch(executable);
    let context;
    ({ context, page } = await newUser(browser, baseURL, outside));
    // Time starts on 10 December 2026 and flows from there (charts animate with it).
    await context.clock.install({ time: new Date('2026-12-10T12:00:00Z') });
    await context.clock.resume();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto('/signup');
    await signUp(page, carol);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const { categories } = await gql('{ categories { id name } }');
    const category = (name: string) => categories.find((c: { name: string }) => c.name === name).id;
    const { createCategory } = await gql('mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id } }', { input: { name: 'Pet food', kind: 'EXPENSE' } });
    const add = async (key: string, input: Record<string, unknown>) => {
      ids[key] = (await gql('mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', { input })).createTransaction.id;
    };
    await add('salary', { date: '2026-12-01', amount: '3000.00', description: 'Salary December', categoryId: category('Salary') });
    await add('kibble', { date: '2026-12-03', amount: '-38.50', description: 'Kibble', categoryId: createCategory.id });
    await add('market', { date: '2026-12-04', amount: '-61.50', description: 'Market', categoryId: category('Groceries') });
    await add('rent', { date: '2026-11-02', amount: '-900.00', description: 'Rent November', categoryId: category('Rent') });
    await add('treats', { date: '2026-11-05', amount: '-12.25', description: 'Treats', categoryId: createCategory.id });
  });
  afterAll(async () => {
    await browser?.close();
  });
  screenshotOnFailure('views', () => page);

  it('redraws both charts when the period changes, with the data the totals show', async () => {
    await page.goto('/');
    const expenses = page.getByTestId('total-expenses');
    await expect.poll(() => expenses.innerText()).toBe('$100.00');
    const donut = () => chartData(/^Spending by category/);
    const bars = () => chartData(/^Income and expenses by month/);
    await expect.poll(async () => (await donut())?.datasets[0]).toEqual([61.5, 38.5]);
    expect((await bars())?.labels.at(-1)).toBe('Dec 2026');
    await screenshots(page, 'views-dashboard');

    await page.getByRole('button', { name: 'Last month' }).click();
    await expect.poll(() => expenses.innerText()).toBe('$912.25');
    // The donut's slices are the period's spending and add up to its expenses.
    await expect.poll(async () => (await donut())?.datasets[0]).toEqual([900, 12.25]);
    const drawn = (await donut())!.datasets[0].reduce((sum, value) => sum + value, 0);
    expect(drawn).toBeCloseTo(money(await expenses.innerText()));
    // The bars end with the period's month, and that month's bars are its totals.
    await expect.poll(async () => (await bars())?.labels.at(-1)).toBe('Nov 2026');
    const trend = (await bars())!;
    expect(trend.datasets[0].at(-1)).toBe(money(await page.getByTestId('total-income').innerText()));
    expect(trend.datasets[1].at(-1)).toBe(912.25);
  });

  it('lights only the chosen quick pick when "12 months" and "This year" are the same dates', async () => {
    await page.goto('/');
    const pressed = () => page.getByRole('group', { name: 'Period' }).locator('button[aria-pressed="true"]').allInnerTexts();
    await page.getByRole('button', { name: '12 months' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('2026-01-01');
    expect(new URL(page.url()).searchParams.get('to')).toBe('2026-12-31');
    await expect.poll(pressed).toEqual(['12 months']);
    await page.getByRole('button', { name: 'This year' }).click();
    await expect.poll(pressed).toEqual(['This year']);
  });

  it('names each page in the tab title and lands "Add transaction" on the quick entry form, focused', async () => {
    await page.goto('/');
    await expect.poll(() => page.title()).toBe('Dashboard · Finance Tracker');
    await page.getByRole('link', { name: 'Add transaction' }).click();
    await expect.poll(() => page.url()).toBe(`${baseURL}/transactions#quick-entry`);
    await expect.poll(() => page.title()).toBe('Transactions · Finance Tracker');
    await expect.poll(async () => (await activeElement()).inQuickEntry).toBe(true);
    expect((await activeElement()).id).toBe('quick-amount');
    const box = await page.locator('#quick-entry').boundingBox();
    expect(box!.y).toBeLessThan(860);
  });

  it('moves focus to the transaction’s heading when it opens', async () => {
    await page.goto('/transactions');
    await page.getByRole('link', { name: /Kibble/ }).click();
    await page.getByRole('heading', { name: 'Kibble', level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe('Transaction · Finance Tracker');
    // Wait past the load: the heading is the same element before and after the data arrives.
    await page.locator('#tx-description').waitFor();
    await expect.poll(activeElement).toMatchObject({ tag: 'H1', text: 'Kibble' });
  });

  it('searches by category name and amount and shows the count and sum of what matches', async () => {
    await page.goto('/transactions');
    const summary = page.getByTestId('match-summary');
    await expect.poll(() => summary.innerText()).toBe('5 transactions');
    await page.keyboard.press('/');
    await page.keyboard.type('pet food');
    await expect.poll(() => summary.innerText()).toBe('2 transactions, totalling -$50.75');
    expect(await page.locator('.transactions li').count()).toBe(2);
    await screenshots(page, 'views-transactions-search');
    await page.locator('#filter-search').fill('38,50');
    await expect.poll(() => summary.innerText()).toBe('1 transaction, totalling -$38.50');
    await page.getByRole('link', { name: /Kibble/ }).waitFor();
  });

  it('says why a reversed date filter matches nothing, and swaps it', async () => {
    await page.goto('/transactions?from=2026-12-31&to=2026-11-01');
    await page.getByText('The from date (Dec 31, 2026) is after the to date (Nov 1, 2026)').waitFor();
    await screenshots(page, 'views-transactions-reversed');
    await page.getByRole('button', { name: 'Swap dates' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?from=2026-11-01&to=2026-12-31');
    await expect.poll(() => page.getByTestId('match-summary').innerText()).toBe('5 transactions, totalling +$1,987.75');
  });

  it('warns before leaving a transaction with unsaved edits, in the app and when closing the tab', async () => {
    await page.goto(`/transactions/${ids.market}`);
    const description = page.locator('#tx-description');
    await description.waitFor();
    const unloadBlocked = () => page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(await unloadBlocked()).toBe(false);
    await description.fill('Market stall');
    expect(await unloadBlocked()).toBe(true);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Transactions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(new URL(page.url()).pathname).toBe(`/transactions/${ids.market}`);
    expect(await description.inputValue()).toBe('Market stall');
    // Saved, it leaves without asking.
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Market stall', level: 1 }).waitFor();
    await expect.poll(unloadBlocked).toBe(false);
    await nav.getByRole('link', { name: 'Transactions' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/transactions');
    // Edited again, "Leave" goes on.
    await page.goto(`/transactions/${ids.market}`);
    await description.fill('Something else');
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    await dialog.getByRole('button', { name: 'Leave' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  });

  it('shows receipts in a viewer: an image and a PDF, zoom, next and previous, Escape closes', async () => {
    await page.goto(`/transactions/${ids.kibble}`);
    await page.getByRole('heading', { name: 'Kibble', level: 1 }).waitFor();
    const image = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 400, height: 300 } });
    // One after the other, so the image is the first receipt and the PDF the second.
    await page.locator('#receipt-file').setInputFiles([{ name: 'kibble.png', mimeType: 'image/png', buffer: image }]);
    const openImage = page.getByRole('button', { name: 'View receipt kibble.png' });
    await openImage.waitFor();
    await page.locator('#receipt-file').setInputFiles([{ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: twoPagePdf() }]);
    await page.getByRole('button', { name: 'View receipt invoice.pdf' }).waitFor();
    await openImage.click();
    const viewer = page.getByRole('dialog', { name: /kibble\.png/ });
    await viewer.waitFor();
    const shown = viewer.getByRole('img', { name: 'Receipt kibble.png' });
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(400);
    expect(await viewer.getByRole('link', { name: 'Download' }).getAttribute('href')).toMatch(/^\/receipts\/\d+\?download=1$/);
    const width = () => shown.evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width);
    const fitted = await width();
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => viewer.getByLabel('Zoom', { exact: true }).innerText()).toBe('150%');
    await expect.poll(width).toBeCloseTo(fitted * 1.5, 0);
    await page.keyboard.press('-');
    await expect.poll(width).toBeCloseTo(fitted, 0);
    await screenshots(page, 'views-receipt-image');

    // Next: the PDF, every page drawn by pdf.js.
    await page.keyboard.press('ArrowRight');
    const pdfViewer = page.getByRole('dialog', { name: /invoice\.pdf/ });
    await pdfViewer.getByText('2 of 2').waitFor();
    await expect.poll(() => pdfViewer.locator('[data-pdf-status]').getAttribute('data-pdf-status'), { timeout: 30_000 }).toBe('drawn');
    const pages = pdfViewer.locator('canvas');
    expect(await pages.count()).toBe(2);
    const inked = await pages.first().evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 300) count++;
      return count;
    });
    expect(inked).toBeGreaterThan(100);
    const pageWidth = () => pages.first().evaluate((canvas: HTMLCanvasElement) => canvas.getBoundingClientRect().width);
    const pdfFitted = await pageWidth();
    await page.keyboard.press('+');
    await expect.poll(pageWidth).toBeCloseTo(pdfFitted * 1.5, 0);
    await screenshots(page, 'views-receipt-pdf');

    // Next wraps to the first, Previous goes back; Escape closes and gives focus back.
    await pdfViewer.getByRole('button', { name: 'Next' }).click();
    await viewer.getByText('1 of 2').waitFor();
    await viewer.getByRole('button', { name: 'Previous' }).click();
    await pdfViewer.getByText('2 of 2').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(async () => (await activeElement()).tag).toBe('BUTTON');
    expect(consoleErrors.filter((text) => !/favicon/.test(text))).toEqual([]);
  });

  it('refuses a receipt over the server’s limit before sending it', async () => {
    await page.goto(`/transactions/${ids.kibble}`);
    await page.getByText(/up to 10 MB each/).waitFor();
    const uploads: Request[] = [];
    const onRequest = (request: Request) => {
      if (request.method() === 'POST' && (request.headers()['content-type'] ?? '').startsWith('multipart/')) uploads.push(request);
    };
    page.on('request', onRequest);
    await page.locator('#receipt-file').setInputFiles([{ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(12 * 1024 * 1024, 0x25) }]);
    await page.getByRole('alert').filter({ hasText: 'huge.pdf: The file is 12 MB; receipts can be at most 10 MB.' }).waitFor();
    await page.waitForTimeout(500);
    page.off('request', onRequest);
    expect(uploads).toEqual([]);
  });

  it('says which accounts the dashboard leaves out for their currency', async () => {
    await page.goto('/');
    await page.getByTestId('total-expenses').waitFor();
    expect(await page.getByTestId('other-currencies').count()).toBe(0);
    await gql('mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name: 'Paris', currency: 'EUR' } });
    await page.reload();
    await page.getByTestId('other-currencies').filter({ hasText: '1 account in EUR is not included: these totals are in USD only.' }).waitFor();
    await screenshots(page, 'views-dashboard-currencies');
  });

  it('loaded nothing from outside this server', () => {
    expect(outside).toEqual([]);
  });
});

/** A two-page PDF, a dark band on the first page. */
function twoPagePdf(): Buffer {
  const first = '0.1 0.2 0.5 rg 40 700 515 80 re f BT /F1 36 Tf 0 0 0 rg 40 600 Td (Invoice 42) Tj ET';
  const second = 'BT /F1 24 Tf 0 0 0 rg 40 700 Td (Page two) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${first.length} >>\nstream\n${first}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${second.length} >>\nstream\n${second}\nendstream`,
  ];
  return pdfFile(objects);
}
