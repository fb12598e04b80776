import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlFrom, launch, newUser, screenshots, screenshotOnFailure, signUp } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const dana = { name: 'Dana Imports', email: `dana-${Date.now()}@example.com`, password: 'correct horse battery' };

// A German bank's export: semicolons, decimal commas, an amount with an S/H (debit/credit) column,
// and dates that read as DD/MM or MM/DD alike (no day above 12). The guess puts the purpose text
// in the description; the user wants the payee there and the purpose as notes.
const GIRO_CSV = [
  'Datum;Empfaenger;Verwendungszweck;Betrag;S/H',
  '03/04/2026;REWE Markt;Einkauf Lebensmittel;12,50;S',
  '05/04/2026;ACME GmbH;Gehalt April;2.345,67;H',
  '07/04/2026;Stadtwerke;Strom Abschlag;1.234,56;S',
  '11/04/2026;Baeckerei Korn;Broetchen;3,20;S',
  '',
].join('\r\n');

// A plain export whose memo column the server guesses as notes.
const SHOP_CSV = 'Date,Description,Amount,Memo\n2026-04-01,SHOP,-4.00,card 1234\n2026-04-02,CAFE,-3.00,card 1234\n';

// An OFX 2.x (XML) credit-card statement with bank ids (FITID).
const CARD_OFX = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX>
  <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>20260420120000</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>
  <CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
    <CCSTMTRS><CURDEF>USD</CURDEF><CCACCTFROM><ACCTID>4111111111111111</ACCTID></CCACCTFROM>
      <BANKTRANLIST><DTSTART>20260401</DTSTART><DTEND>20260420</DTEND>
        <STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20260402</DTPOSTED><TRNAMT>-42.10</TRNAMT><FITID>CARD-0001</FITID><NAME>Corner Books &amp; Co</NAME></STMTTRN>
        <STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20260409120000[-5:EST]</DTPOSTED><TRNAMT>-7.99</TRNAMT><FITID>CARD-0002</FITID><NAME>Streaming Service</NAME><MEMO>Monthly plan</MEMO></STMTTRN>
        <STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20260415</DTPOSTED><TRNAMT>100.00</TRNAMT><FITID>CARD-0003</FITID><NAME>Payment thank you</NAME></STMTTRN>
      </BANKTRANLIST>
      <LEDGERBAL><BALAMT>49.91</BALAMT><DTASOF>20260420</DTASOF></LEDGERBAL>
    </CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1>
</OFX>
`;

describe.skipIf(!executable)('importing statements in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const ids: Record<string, string> = {};
  const uploads: string[] = [];
  /** The JSON GraphQL operations the page sent, and the ids of the previews the server answered. */
  const operations: { operationName?: string; variables?: Record<string, unknown> }[] = [];
  const previewIds: string[] = [];
  const sent = (name: string) => operations.filter((operation) => operation.operationName === name).map((operation) => operation.variables ?? {});

  const gql = (query: string, variables: Record<string, unknown> = {}) => graphqlFrom(page, query, variables);

  const row = (line: number) => page.locator(`tr[data-line="${line}"]`);
  const rowText = (line: number) => row(line).innerText();
  const choose = (name: string, text: string, mimeType = 'text/csv') =>
    page.locator('#import-file').setInputFiles([{ name, mimeType, buffer: Buffer.from(text, 'utf8') }]);
  /** The transactions list of an account: "description … amount" per row, as shown. */
  const transactionsOf = async (accountId: string) => {
    await page.goto(`/transactions?account=${accountId}`);
    await page.locator('ul.transactions, .status.empty').first().waitFor();
    return page.locator('.transactions li').allInnerTexts().then((rows) => rows.map((text) => text.replace(/\s+/g, ' ').trim()));
  };

  beforeAll(async () => {
    browser = await launch(executable);
    ({ page } = await newUser(browser, baseURL, outside));
    page.on('request', (request) => {
      if (!request.url().endsWith('/graphql')) return;
      if (/multipart\/form-data/.test(request.headers()['content-type'] ?? '')) uploads.push(request.url());
      else if (request.method() === 'POST') operations.push(request.postDataJSON());
    });
    page.on('response', async (response) => {
      if (!response.url().endsWith('/graphql') || !/multipart\/form-data/.test(response.request().headers()['content-type'] ?? '')) return;
      const id = await response.json().then((body) => body.data?.previewImport?.id, () => undefined);
      if (id) previewIds.push(id);
    });
    await page.goto('/signup');
    await signUp(page, dana);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const create = async (key: string, input: Record<string, unknown>) => {
      ids[key] = (await gql('mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input })).createAccount.id;
    };
    await create('giro', { name: 'Girokonto', currency: 'EUR' });
    await create('card', { name: 'Visa card', currency: 'USD' });
  });
  afterAll(async () => {
    await browser?.close();
  });
  screenshotOnFailure('imports', () => page);

  it('imports a CSV after the date format is picked and the columns are corrected, leaving out an unticked row', async () => {
    await page.goto('/accounts');
    await page.getByRole('link', { name: 'Import into Visa card' }).waitFor();
    await screenshots(page, 'import-accounts');
    await page.getByRole('link', { name: 'Import into Girokonto' }).click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    expect(new URL(page.url()).search).toBe(`?account=${ids.giro}`);
    await expect.poll(() => page.getByLabel('Account').inputValue()).toBe(ids.giro);
    await choose('giro-april.csv', GIRO_CSV);

    // What was detected, and the ambiguity flagged until the user picks.
    await expect.poll(() => page.getByTestId('import-format').innerText()).toBe('CSV');
    await page.getByText('Ambiguous — pick one').waitFor();
    await expect.poll(() => page.getByLabel('Delimiter').inputValue()).toBe(';');
    expect(await page.getByLabel('Decimal separator').inputValue()).toBe(',');
    expect(await page.getByLabel('Amounts').inputValue()).toBe('indicator');
    expect(await page.getByLabel('Value meaning money out').inputValue()).toBe('S');
    expect(await page.getByTestId('import-counts').innerText()).toMatch(/4\s+new/);
    await screenshots(page, 'import-csv-ambiguous');

    // Month first reads the 3rd of April as the 4th of March; day first as the 3rd of April.
    await page.getByLabel('Date format').selectOption('MM/DD/YYYY');
    await expect.poll(() => rowText(2)).toContain('Mar 4, 2026');
    await expect.poll(() => page.getByText('Ambiguous — pick one').count()).toBe(0);
    await page.getByLabel('Date format').selectOption('DD/MM/YYYY');
    await expect.poll(() => rowText(2)).toContain('Apr 3, 2026');
    expect(await rowText(2)).toContain('Einkauf Lebensmittel');

    // The payee as the description, the purpose as notes: the rows follow the form.
    await page.getByLabel('Description column').selectOption('Empfaenger');
    await expect.poll(() => rowText(2)).toContain('REWE Markt');
    await page.getByLabel('Notes column').selectOption('Verwendungszweck');
    await expect.poll(() => rowText(3)).toContain('Gehalt April');
    expect(await rowText(3)).toContain('+€2,345.67');
    expect(await rowText(4)).toContain('-€1,234.56');
    expect(await rowText(2)).toContain('Apr 3, 2026');

    await row(5).getByRole('checkbox', { name: 'Import line 5' }).uncheck();
    await expect.poll(() => page.getByTestId('import-plan').innerText()).toMatch(/adds 3 new transactions, links 0 rows .* skips 1 row\./);
    await screenshots(page, 'import-csv-mapped');
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toBe('3 created, 0 matched, 1 skipped, in Girokonto.');
    await page.getByRole('link', { name: 'See the transactions of Girokonto' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe(`?account=${ids.giro}`);
    await page.locator('ul.transactions').waitFor();
    expect(await transactionsOf(ids.giro)).toEqual([
      expect.stringMatching(/^Apr 7, 2026 Stadtwerke .*-€1,234\.56$/),
      expect.stringMatching(/^Apr 5, 2026 ACME GmbH .*\+€2,345\.67$/),
      expect.stringMatching(/^Apr 3, 2026 REWE Markt .*-€12\.50$/),
    ]);
  });

  it('finds the same file again all duplicates (the unticked row still new), and writes a ticked duplicate again', async () => {
    await page.goto(`/import?account=${ids.giro}`);
    await choose('giro-april.csv', GIRO_CSV);
    // The mapping that worked is the account's now: payee, notes and the day-first dates come back.
    await expect.poll(() => page.getByTestId('import-counts').innerText()).toMatch(/1\s+new\s+3\s+duplicates/);
    expect(await page.getByText('Ambiguous — pick one').count()).toBe(0);
    expect(await page.getByLabel('Description column').inputValue()).toBe('Empfaenger');
    await page.getByRole('tab', { name: /Duplicates/ }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    expect(await rowText(2)).toMatch(/Already here as Apr 3, 2026 · REWE Markt · -€12\.50/);
    await screenshots(page, 'import-csv-duplicates');

    // "Defaults plus this duplicate": alsoInclude names the duplicate, the default rows are the server's.
    await row(2).getByRole('checkbox', { name: 'Import line 2' }).check();
    await expect.poll(() => page.getByTestId('import-plan').innerText()).toMatch(/adds 2 new transactions/);
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toBe('2 created, 0 matched, 2 skipped, in Girokonto.');
    expect(sent('CommitImport').at(-1)).toEqual({ previewId: expect.any(String), alsoInclude: [2] });
    const rows = await transactionsOf(ids.giro);
    expect(rows.filter((text) => text.includes('REWE Markt'))).toHaveLength(2);
    expect(rows.filter((text) => /Baeckerei Korn .*-€3\.20$/.test(text))).toHaveLength(1);
  });

  it('leaves the notes out when set to None, and drops each preview not committed on the server', async () => {
    const gone = (id: string) => gql('query ($id: ID!) { importPreview(id: $id) { id } }', { id }).then(() => false, (error) => /NOT_FOUND/.test(String(error)));
    await page.goto(`/import?account=${ids.card}`);
    const before = previewIds.length;
    await choose('shop.csv', SHOP_CSV);
    await expect.poll(() => rowText(2)).toContain('card 1234');
    expect(await page.getByLabel('Notes column').inputValue()).toBe('Memo');

    // "None" sticks: sent as '', not as "guess", which would find the memo column again.
    await page.getByLabel('Notes column').selectOption({ label: 'None' });
    await expect.poll(() => rowText(2)).not.toContain('card 1234');
    expect(await rowText(2)).toContain('SHOP');
    expect(await rowText(3)).not.toContain('card 1234');
    expect(await page.getByLabel('Notes column').inputValue()).toBe('');
    await screenshots(page, 'import-csv-no-notes');

    // The re-preview replaced the first preview, and Cancel drops the second.
    const [guessed, none] = previewIds.slice(before);
    await expect.poll(() => gone(guessed)).toBe(true);
    expect(await gone(none)).toBe(false);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => gone(none)).toBe(true);

    // Leaving the screen before committing drops its preview too.
    await choose('shop.csv', SHOP_CSV);
    await expect.poll(() => previewIds.length).toBe(before + 3);
    await row(2).waitFor();
    const left = previewIds.at(-1)!;
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await expect.poll(() => gone(left)).toBe(true);
    expect(sent('DiscardImportPreview').map((variables) => variables.id)).toEqual(expect.arrayContaining([guessed, none, left]));
  });

  it('imports an OFX 2.x card statement with its bank ids', async () => {
    await page.goto('/import');
    await page.getByLabel('Account').selectOption({ label: 'Visa card (USD)' });
    await choose('visa-april.ofx', CARD_OFX, 'application/x-ofx');
    await expect.poll(() => page.getByTestId('import-format').innerText()).toBe('OFX');
    expect(await page.locator('#csv-delimiter').count()).toBe(0);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    expect(await page.locator('tbody').innerText()).toContain('Corner Books & Co');
    await screenshots(page, 'import-ofx-preview');
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toBe('3 created, 0 matched, 0 skipped, in Visa card.');
    expect(await transactionsOf(ids.card)).toEqual([
      expect.stringMatching(/^Apr 15, 2026 Payment thank you .*\+\$100\.00$/),
      expect.stringMatching(/^Apr 9, 2026 Streaming Service .*-\$7\.99$/),
      expect.stringMatching(/^Apr 2, 2026 Corner Books & Co .*-\$42\.10$/),
    ]);
  });

  it('undoes a batch from the history, after asking, and its rows are gone', async () => {
    await page.goto(`/import?account=${ids.giro}`);
    const history = page.getByRole('region', { name: 'Past imports' });
    await expect.poll(() => history.locator('li').count()).toBe(2);
    // Newest first: the re-import that wrote REWE Markt a second time and Baeckerei Korn.
    await history.getByRole('button', { name: /^Undo import of giro-april\.csv/ }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
    await expect.poll(() => history.getByText('Undone').count()).toBe(1);
    await screenshots(page, 'import-history');
    const rows = await transactionsOf(ids.giro);
    expect(rows).toHaveLength(3);
    expect(rows.some((text) => text.includes('Baeckerei'))).toBe(false);
  });

  it('refuses a file over the server’s limit without sending it', async () => {
    await page.goto('/import');
    const { serverLimits } = await gql('{ serverLimits { importMaxBytes } }');
    const before = uploads.length;
    await page.locator('#import-file').setInputFiles([{ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(serverLimits.importMaxBytes + 1, 0x41) }]);
    await page.getByRole('alert').filter({ hasText: 'statement files can be at most' }).waitFor();
    expect(uploads.length).toBe(before);
    expect(outside).toEqual([]);
  });

  it('offers the other leg of a transfer and links it, and shows a QIF row’s split lines, which land as parts', async () => {
    for (const name of ['Checking', 'Savings']) {
      ids[name] = (await gql('mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name, currency: 'USD' } })).createAccount.id;
    }
    const out = await gql('mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', {
      input: { accountId: ids.Checking, date: '2026-11-03', amount: '-500.00', description: 'To savings' },
    });
    await page.goto(`/import?account=${ids.Savings}`);
    await choose('savings.csv', 'Date,Description,Amount\n2026-11-04,FROM CHECKING,500.00\n');
    await expect.poll(() => rowText(2)).toMatch(/Link as transfer with Checking, Nov 3, 2026/);
    expect(await row(2).getByRole('checkbox', { name: /Link as transfer/ }).isChecked()).toBe(true);
    await screenshots(page, 'import-transfer-suggestion');
    await page.getByRole('button', { name: /^Import 1 row/ }).click();
    await page.getByTestId('import-result').waitFor();
    expect(sent('CommitImport').at(-1)).toMatchObject({ linkTransfers: [2] });
    const linked = await gql('query ($id: ID!) { transaction(id: $id) { kind transfer { inflow { account { name } amount } } } }', { id: out.createTransaction.id });
    expect(linked.transaction).toEqual({ kind: 'TRANSFER', transfer: { inflow: { account: { name: 'Savings' }, amount: '500.00' } } });

    const qif = ['!Type:Bank', 'D11/25/2026', 'T-30.00', 'PSuper Store', 'SGroceries', '$-20.00', 'SHealth', 'EVitamins', '$-10.00', '^', ''].join('\n');
    await page.goto(`/import?account=${ids.Checking}`);
    await choose('store.qif', qif, 'application/qif');
    await expect.poll(() => rowText(2)).toMatch(/Split in 2 parts/);
    await page.getByRole('button', { name: /^Import 1 row/ }).click();
    await page.getByTestId('import-result').waitFor();
    const { transactions } = await gql('query ($filter: TransactionFilter) { transactions(filter: $filter, first: 5) { edges { node { amount splits { amount notes category { name } } } } } }', {
      filter: { accountId: ids.Checking, from: '2026-11-25' },
    });
    expect(transactions.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { amount: '-30.00', splits: [{ amount: '-20.00', notes: '', category: { name: 'Groceries' } }, { amount: '-10.00', notes: 'Vitamins', category: { name: 'Health' } }] },
    ]);
  });
});
