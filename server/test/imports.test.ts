import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, signUp } from './support/client';
import { receiptFiles } from './support/fixtures';
import { codeOf, CREATE_ACCOUNT, CREATE_CATEGORY, CREATE_TRANSACTION, DELETE_TRANSACTION, UPDATE_TRANSACTION, UPLOAD_RECEIPT } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

const PREVIEW = `mutation ($accountId: ID!, $file: Upload!, $options: ImportOptions) {
  previewImport(accountId: $accountId, file: $file, options: $options) {
    id format encoding statements { index accountHint currency rowCount }
    newCount duplicateCount matchedCount invalidCount csvColumns
    suggestedCsvMapping { delimiter hasHeader skipRows dateColumn dateFormat amountColumn descriptionColumn externalIdColumn decimalSeparator invertSign }
    rows(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { line date amount description notes externalId status error matchedTransaction { id description } } } }
  } }`;
const ROWS_PAGE = `mutation ($accountId: ID!, $file: Upload!, $first: Int, $after: String, $status: ImportRowStatus) {
  previewImport(accountId: $accountId, file: $file) { rows(first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } edges { node { line status } } } } }`;
const BATCH_FIELDS = 'id account { id } format filename createdAt createdCount matchedCount skippedCount undone';
const COMMIT = `mutation ($previewId: ID!, $include: [Int!], $exclude: [Int!], $alsoInclude: [Int!]) {
  commitImport(previewId: $previewId, include: $include, exclude: $exclude, alsoInclude: $alsoInclude) { ${BATCH_FIELDS} } }`;
const READ_PREVIEW = `query ($id: ID!, $status: ImportRowStatus, $after: String) { importPreview(id: $id) {
  id format encoding filename account { id } statement expiresAt newCount duplicateCount matchedCount invalidCount csvColumns dateFormatCandidates
  csvMapping { delimiter dateColumn dateFormat amountColumn decimalSeparator invertSign }
  rows(first: 2, status: $status, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { line status included matchedTransaction { id } } } } } }`;
const UNDO = `mutation ($batchId: ID!) { undoImport(batchId: $batchId) { ${BATCH_FIELDS} } }`;
const BATCHES = `query ($accountId: ID) { importBatches(accountId: $accountId) { ${BATCH_FIELDS} } }`;
const ACCOUNT_TRANSACTIONS = `query ($filter: TransactionFilter) { transactions(filter: $filter, first: 200) {
  totalCount edges { node { id date amount description importedDescription notes category { id } } } } }`;

const csv = (text: string, name = 'bank.csv') => ({ name, type: 'text/csv', body: Buffer.from(text, 'utf8') });

/** Header on line 1; two identical coffees (both real), a salary and groceries. */
const MARCH = csv(['Date,Description,Amount', '2026-03-01,COFFEE SHOP,-3.50', '2026-03-01,COFFEE SHOP,-3.50', '2026-03-02,SALARY ACME,2500.00', '2026-03-05,GROCERY MART,-42.10', ''].join('\n'));
/** Overlaps MARCH (the coffees and the groceries) and adds one row. */
const MARCH_LATER = csv(['Date,Description,Amount', '2026-03-01,COFFEE SHOP,-3.50', '2026-03-01,COFFEE SHOP,-3.50', '2026-03-05,GROCERY MART,-42.10', '2026-03-08,BOOKSTORE,-12.00', ''].join('\n'));
/** No header, semicolons, day-first dates, decimal commas, a bank reference column. */
const GERMAN = csv(['01.03.2026;Bäckerei Kamps;-2,40;REF-1', '02.03.2026;Miete März;-800,00;REF-2', '03.03.2026;Gehalt;1.234,56;REF-3', ''].join('\r\n'), 'umsaetze.csv');
const GERMAN_MAPPING = {
  delimiter: ';', hasHeader: false, dateColumn: '1', dateFormat: 'DD.MM.YYYY', amountColumn: '3', descriptionColumn: '2', externalIdColumn: '4', decimalSeparator: ',',
};
const OFX = {
  name: 'card.qfx',
  type: 'application/x-ofx',
  body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>20260401</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>
<CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><CCSTMTRS><CURDEF>USD</CURDEF>
<CCACCTFROM><ACCTID>4111000011112222</ACCTID></CCACCTFROM>
<BANKTRANLIST><DTSTART>20260301</DTSTART><DTEND>20260331</DTEND>
<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20260302</DTPOSTED><TRNAMT>-5.50</TRNAMT><FITID>CC-1</FITID><NAME>BEN &amp; JERRY'S</NAME></STMTTRN>
<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20260310</DTPOSTED><TRNAMT>250.00</TRNAMT><FITID>CC-2</FITID><NAME>PAYMENT THANK YOU</NAME></STMTTRN>
</BANKTRANLIST><LEDGERBAL><BALAMT>-100.00</BALAMT><DTASOF>20260331</DTASOF></LEDGERBAL></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>
`),
};
const CAMT = {
  name: 'statement.xml',
  type: 'application/xml',
  body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-03-01T06:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S-1</Id><CreDtTm>2026-03-01T06:00:00+01:00</CreDtTm>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Ntry><Amt Ccy="EUR">42.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-02-03</Dt></BookgDt><AcctSvcrRef>BANKREF-1</AcctSvcrRef>
        <NtryDtls><TxDtls><RltdPties><Cdtr><Nm>Stadtwerke Köln</Nm></Cdtr></RltdPties><RmtInf><Ustrd>Abschlag Strom</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      <Ntry><Amt Ccy="EUR">2750.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-02-28</Dt></BookgDt><AcctSvcrRef>BANKREF-2</AcctSvcrRef>
        <NtryDtls><TxDtls><RmtInf><Ustrd>Gehalt Februar</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      <Ntry><Amt Ccy="EUR">9.99</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2026-02-29</Dt></BookgDt><AcctSvcrRef>PENDING-1</AcctSvcrRef></Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`),
};

interface Row {
  line: number;
  date: string | null;
  amount: string | null;
  description: string;
  externalId: string | null;
  status: string;
  error: string | null;
  matchedTransaction: { id: string; description: string } | null;
}

let running: RunningApp;
beforeAll(async () => {
  // 50 kB and 100 rows: every fixture fits, and the too-large uploads stay small.
  running = await startTestApp({ IMPORT_MAX_MB: '0.05', IMPORT_MAX_ROWS: '100' });
});
afterAll(() => running.destroy());

async function newUser(currency = 'USD'): Promise<{ client: ApiClient; accountId: string }> {
  const { client } = await signUp(running.baseUrl, { currency });
  const { createAccount } = await client.ok(CREATE_ACCOUNT, { input: { name: 'Checking', currency } });
  return { client, accountId: createAccount.id };
}

async function preview(client: ApiClient, accountId: string, file: { name: string; type: string; body: Buffer }, options?: object) {
  const result = await client.upload(PREVIEW, { accountId, options }, file);
  expect(result.errors).toBeUndefined();
  const preview = result.data.previewImport;
  return { ...preview, rows: preview.rows.edges.map((edge: { node: Row }) => edge.node) as Row[] };
}

async function commit(client: ApiClient, previewId: string, include?: number[], exclude?: number[], alsoInclude?: number[]) {
  return (await client.ok(COMMIT, { previewId, include, exclude, alsoInclude })).commitImport;
}

async function transactionsOf(client: ApiClient, accountId: string) {
  const { transactions } = await client.ok(ACCOUNT_TRANSACTIONS, { filter: { accountId } });
  return transactions.edges.map((edge: { node: unknown }) => edge.node) as { id: string; date: string; amount: string; description: string; importedDescription: string; notes: string; category: { id: string } | null }[];
}

const statuses = (rows: Row[]) => rows.map((row) => row.status);

test('a CSV without a mapping previews with the suggested one, commits, and the same file again creates nothing', async () => {
  const { client, accountId } = await newUser();
  const first = await preview(client, accountId, MARCH);
  expect(first).toMatchObject({ format: 'CSV', encoding: 'UTF-8', newCount: 4, duplicateCount: 0, matchedCount: 0, invalidCount: 0, csvColumns: ['Date', 'Description', 'Amount'] });
  expect(first.suggestedCsvMapping).toMatchObject({ delimiter: ',', hasHeader: true, dateColumn: 'Date', dateFormat: 'YYYY-MM-DD', amountColumn: 'Amount', descriptionColumn: 'Description' });
  expect(first.rows.map((row: Row) => [row.line, row.date, row.amount, row.description])).toEqual([
    [2, '2026-03-01', '-3.50', 'COFFEE SHOP'],
    [3, '2026-03-01', '-3.50', 'COFFEE SHOP'],
    [4, '2026-03-02', '2500.00', 'SALARY ACME'],
    [5, '2026-03-05', '-42.10', 'GROCERY MART'],
  ]);

  const batch = await commit(client, first.id);
  expect(batch).toMatchObject({ account: { id: accountId }, format: 'CSV', filename: 'bank.csv', createdCount: 4, matchedCount: 0, skippedCount: 0, undone: false });
  const written = await transactionsOf(client, accountId);
  // Two coffees on one day are two coffees.
  expect(written.filter((t) => t.description === 'COFFEE SHOP')).toHaveLength(2);
  expect(written.every((t) => t.importedDescription === t.description)).toBe(true);

  const again = await preview(client, accountId, MARCH);
  expect(again).toMatchObject({ newCount: 0, duplicateCount: 4 });
  expect((await commit(client, again.id)).createdCount).toBe(0);
  expect(await transactionsOf(client, accountId)).toHaveLength(4);

  // A committed preview is gone.
  expect(codeOf(await client.gql(COMMIT, { previewId: first.id }))).toBe('NOT_FOUND');
  expect((await client.ok(BATCHES, { accountId })).importBatches.map((b: { id: string }) => b.id)).toEqual([expect.any(String), batch.id]);
});

test('overlapping files create only the new rows', async () => {
  const { client, accountId } = await newUser();
  await commit(client, (await preview(client, accountId, MARCH)).id);
  const later = await preview(client, accountId, MARCH_LATER);
  expect(statuses(later.rows)).toEqual(['DUPLICATE', 'DUPLICATE', 'DUPLICATE', 'NEW']);
  expect(later.rows[0].matchedTransaction).not.toBeNull();
  const batch = await commit(client, later.id);
  expect(batch).toMatchObject({ createdCount: 1, matchedCount: 0, skippedCount: 3 });
  expect((await transactionsOf(client, accountId)).map((t) => t.description).sort()).toEqual(['BOOKSTORE', 'COFFEE SHOP', 'COFFEE SHOP', 'GROCERY MART', 'SALARY ACME']);
});

test('a CSV with a mapping is read with it, and the mapping is remembered for the account', async () => {
  const { client, accountId } = await newUser('EUR');
  const first = await preview(client, accountId, GERMAN, { csv: GERMAN_MAPPING });
  expect(first.invalidCount).toBe(0);
  expect(first.rows.map((row: Row) => [row.line, row.date, row.amount, row.description, row.externalId])).toEqual([
    [1, '2026-03-01', '-2.40', 'Bäckerei Kamps', 'REF-1'],
    [2, '2026-03-02', '-800.00', 'Miete März', 'REF-2'],
    [3, '2026-03-03', '1234.56', 'Gehalt', 'REF-3'],
  ]);
  expect((await commit(client, first.id)).createdCount).toBe(3);

  // No mapping given: the saved one reads the file, and the bank's ids make every row a duplicate.
  const again = await preview(client, accountId, GERMAN);
  expect(again.rows.map((row: Row) => [row.amount, row.externalId, row.status])).toEqual([
    ['-2.40', 'REF-1', 'DUPLICATE'],
    ['-800.00', 'REF-2', 'DUPLICATE'],
    ['1234.56', 'REF-3', 'DUPLICATE'],
  ]);
});

test('an amount with more decimals than the currency has is INVALID with the reason, and the rest import', async () => {
  const { client, accountId } = await newUser();
  const result = await preview(client, accountId, csv('Date,Description,Amount\n2026-04-01,FUEL,-30.123\n2026-04-02,LUNCH,-9.00\n2026-04-03,NO AMOUNT,\n'));
  expect(statuses(result.rows)).toEqual(['INVALID', 'NEW', 'INVALID']);
  expect(result.rows[0].error).toMatch(/decimal/i);
  expect(result.rows[2].error).toBeTruthy();
  // An INVALID row cannot be included.
  expect(await commit(client, result.id, [2, 3, 4])).toMatchObject({ createdCount: 1, skippedCount: 2 });
});

test('an OFX file previews its statement and commits; the bank ids make a re-import a duplicate', async () => {
  const { client, accountId } = await newUser();
  const first = await preview(client, accountId, OFX);
  expect(first).toMatchObject({ format: 'OFX', newCount: 2, csvColumns: null, suggestedCsvMapping: null, statements: [{ index: 0, accountHint: '4111000011112222', currency: 'USD', rowCount: 2 }] });
  expect(first.rows.map((row: Row) => [row.date, row.amount, row.externalId])).toEqual([
    ['2026-03-02', '-5.50', 'CC-1'],
    ['2026-03-10', '250.00', 'CC-2'],
  ]);
  expect((await commit(client, first.id)).createdCount).toBe(2);
  const again = await preview(client, accountId, { ...OFX, name: 'renamed.ofx' });
  expect(statuses(again.rows)).toEqual(['DUPLICATE', 'DUPLICATE']);
});

test('a camt.053 file previews its booked entries and commits', async () => {
  const { client, accountId } = await newUser('EUR');
  const first = await preview(client, accountId, CAMT);
  expect(first).toMatchObject({ format: 'CAMT', newCount: 2, statements: [{ index: 0, currency: 'EUR', rowCount: 2 }] });
  expect(first.statements[0].accountHint).toMatch(/DE89/);
  expect(first.rows.map((row: Row) => [row.date, row.amount, row.externalId])).toEqual([
    ['2026-02-03', '-42.50', 'BANKREF-1'],
    ['2026-02-28', '2750.00', 'BANKREF-2'],
  ]);
  expect((await commit(client, first.id)).createdCount).toBe(2);
  expect((await preview(client, accountId, CAMT)).duplicateCount).toBe(2);
});

test('a MATCHED row links the hand-entered transaction and keeps what the user edited; undo then re-import gives the same result', async () => {
  const { client, accountId } = await newUser();
  const { createCategory } = await client.ok(CREATE_CATEGORY, { input: { name: 'Food' } });
  const typed = (await client.ok(CREATE_TRANSACTION, { input: { accountId, date: '2026-03-04', amount: '-42.10', description: 'Groceries', categoryId: createCategory.id } })).createTransaction;
  await client.ok(UPDATE_TRANSACTION, { id: typed.id, input: { notes: 'for the party' } });

  const run = async () => {
    const result = await preview(client, accountId, MARCH);
    expect(statuses(result.rows)).toEqual(['NEW', 'NEW', 'NEW', 'MATCHED']);
    expect(result.rows[3].matchedTransaction).toEqual({ id: typed.id, description: 'Groceries' });
    const batch = await commit(client, result.id);
    expect(batch).toMatchObject({ createdCount: 3, matchedCount: 1, skippedCount: 0 });
    const all = await transactionsOf(client, accountId);
    expect(all).toHaveLength(4);
    expect(all.find((t) => t.id === typed.id)).toMatchObject({ date: '2026-03-04', description: 'Groceries', importedDescription: 'GROCERY MART', notes: 'for the party', category: { id: createCategory.id } });
    return { batch, all };
  };
  const first = await run();

  const undone = (await client.ok(UNDO, { batchId: first.batch.id })).undoImport;
  expect(undone).toMatchObject({ id: first.batch.id, undone: true });
  const left = await transactionsOf(client, accountId);
  expect(left).toHaveLength(1);
  expect(left[0]).toMatchObject({ id: typed.id, description: 'Groceries', importedDescription: '', notes: 'for the party', category: { id: createCategory.id } });

  const second = await run();
  expect(second.all.map((t) => [t.date, t.amount, t.description]).sort()).toEqual(first.all.map((t) => [t.date, t.amount, t.description]).sort());
  expect((await client.ok(BATCHES, { accountId })).importBatches.map((b: { undone: boolean }) => b.undone)).toEqual([false, true]);
});

test('undo deletes what the batch created, with receipts attached since, and only that', async () => {
  const { client, accountId } = await newUser();
  const kept = (await client.ok(CREATE_TRANSACTION, { input: { accountId, date: '2026-01-01', amount: '-1.00', description: 'Typed' } })).createTransaction;
  const batch = await commit(client, (await preview(client, accountId, MARCH)).id);
  const salary = (await transactionsOf(client, accountId)).find((t) => t.description === 'SALARY ACME')!;
  const uploaded = await client.upload(UPLOAD_RECEIPT, { transactionId: salary.id }, receiptFiles.png);
  expect(uploaded.errors).toBeUndefined();
  const storedKeys = async () => {
    const keys: string[] = [];
    for await (const { key } of running.app.storage.listKeys()) keys.push(key);
    return keys;
  };
  const before = await storedKeys();
  await client.ok(UNDO, { batchId: batch.id });
  expect((await transactionsOf(client, accountId)).map((t) => t.id)).toEqual([kept.id]);
  expect((await storedKeys()).length).toBe(before.length - 1);
  // A second undo changes nothing and answers the batch as it is.
  expect((await client.ok(UNDO, { batchId: batch.id })).undoImport).toMatchObject({ id: batch.id, undone: true, createdCount: 4 });
});

test('a multi-account file lists its statements; the one chosen is the default next time; another currency is INVALID', async () => {
  const file = { name: 'multi.ofx', type: 'application/x-ofx', body: fs.readFileSync(path.join(__dirname, 'fixtures/imports/ofx/multi-account.ofx')) };
  const { client, accountId } = await newUser();
  const first = await preview(client, accountId, file);
  expect(first.statements.map((s: { index: number; currency: string }) => [s.index, s.currency])).toEqual([[0, 'USD'], [1, 'USD'], [2, null], [3, 'CAD']]);
  expect(first.rows.map((row: Row) => row.externalId)).toEqual(['A1', 'A2']);
  const card = await preview(client, accountId, file, { statement: 3 });
  expect(statuses(card.rows)).toEqual(['INVALID']);
  expect(card.rows[0].error).toMatch(/CAD.*USD/);
  // Only a commit makes the choice the account's: previewing statement 3 did not.
  expect((await preview(client, accountId, file)).rows.map((row: Row) => row.externalId)).toEqual(['A1', 'A2']);
  // The hint of statement 3, committed, is remembered: without a choice, it is previewed again.
  expect(await commit(client, card.id)).toMatchObject({ createdCount: 0, skippedCount: 1 });
  expect((await preview(client, accountId, file)).rows.map((row: Row) => row.externalId)).toEqual(['C1']);
  expect(codeOf(await client.upload(PREVIEW, { accountId, options: { statement: 4 } }, file))).toBe('BAD_USER_INPUT');
});

test('a QIF file is detected and previewed', async () => {
  const { client, accountId } = await newUser();
  const qif = { name: 'money.qif', type: 'application/qif', body: Buffer.from('!Type:Bank\nD03/14/2026\nT-12.50\nPCorner Shop\nLFood:Groceries\n^\nD03/15/2026\nT100.00\nPRefund\n^\n') };
  const result = await preview(client, accountId, qif);
  expect(result).toMatchObject({ format: 'QIF', newCount: 2 });
  expect(result.rows.map((row: Row) => [row.date, row.amount, row.description])).toEqual([
    ['2026-03-14', '-12.50', 'Corner Shop'],
    ['2026-03-15', '100.00', 'Refund'],
  ]);
});

test('include and exclude name rows by their line', async () => {
  const { client, accountId } = await newUser();
  const excluded = await commit(client, (await preview(client, accountId, MARCH)).id, undefined, [4]);
  expect(excluded).toMatchObject({ createdCount: 3, skippedCount: 1 });
  expect((await transactionsOf(client, accountId)).map((t) => t.description)).not.toContain('SALARY ACME');

  // The salary is NEW now; everything else is a duplicate, and include takes only line 4.
  const next = await preview(client, accountId, MARCH);
  expect(statuses(next.rows)).toEqual(['DUPLICATE', 'DUPLICATE', 'NEW', 'DUPLICATE']);
  expect(await commit(client, next.id, [4])).toMatchObject({ createdCount: 1, skippedCount: 3 });
  expect(await transactionsOf(client, accountId)).toHaveLength(4);
});

test('rows page by cursor and filter by status', async () => {
  const { client, accountId } = await newUser();
  const first = (await client.upload(ROWS_PAGE, { accountId, first: 3 }, MARCH)).data.previewImport.rows;
  expect(first).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
  expect(first.edges.map((e: { node: Row }) => e.node.line)).toEqual([2, 3, 4]);
  // Any preview's cursors are positions: the next page of a same-file preview continues at line 5.
  const rest = (await client.upload(ROWS_PAGE, { accountId, first: 3, after: first.pageInfo.endCursor }, MARCH)).data.previewImport.rows;
  expect(rest.edges.map((e: { node: Row }) => e.node.line)).toEqual([5]);
  expect(rest.pageInfo.hasNextPage).toBe(false);
  const invalid = (await client.upload(ROWS_PAGE, { accountId, status: 'INVALID' }, MARCH)).data.previewImport.rows;
  expect(invalid).toMatchObject({ totalCount: 0, edges: [] });
  expect(codeOf(await client.upload(ROWS_PAGE, { accountId, after: 'bogus' }, MARCH))).toBe('BAD_USER_INPUT');
});

test('an expired preview and a foreign one are NOT_FOUND; another user sees no batch and cannot undo', async () => {
  const owner = await newUser();
  const other = await newUser();
  const expired = await preview(owner.client, owner.accountId, MARCH);
  await running.app.dataSource.query(`UPDATE "import_previews" SET "expires_at" = '2000-01-01 00:00:00' WHERE "id" = ${Number(expired.id)}`);
  expect(codeOf(await owner.client.gql(COMMIT, { previewId: expired.id }))).toBe('NOT_FOUND');

  const mine = await preview(owner.client, owner.accountId, MARCH);
  expect(codeOf(await other.client.gql(COMMIT, { previewId: mine.id }))).toBe('NOT_FOUND');
  expect(codeOf(await other.client.upload(PREVIEW, { accountId: owner.accountId }, MARCH))).toBe('NOT_FOUND');
  const batch = await commit(owner.client, mine.id);
  expect((await other.client.ok(BATCHES, {})).importBatches).toEqual([]);
  expect((await other.client.ok(BATCHES, { accountId: owner.accountId })).importBatches).toEqual([]);
  expect(codeOf(await other.client.gql(UNDO, { batchId: batch.id }))).toBe('NOT_FOUND');
  expect(await transactionsOf(owner.client, owner.accountId)).toHaveLength(4);
  expect(codeOf(await new ApiClient(running.baseUrl).gql(BATCHES, {}))).toBe('UNAUTHENTICATED');
});

test('a file that cannot be read is BAD_USER_INPUT naming the line; one over the limit is PAYLOAD_TOO_LARGE', async () => {
  const { client, accountId } = await newUser();
  const unreadable = await client.upload(PREVIEW, { accountId }, csv('just some words\nand some more\n', 'notes.txt'));
  expect(codeOf(unreadable)).toBe('BAD_USER_INPUT');
  expect(unreadable.errors![0].message).toMatch(/^Line 1: /);
  // Detected as camt by its namespace; the closing tag on line 8 is misspelt.
  const brokenXml = ['<?xml version="1.0" encoding="UTF-8"?>', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">', '  <BkToCstmrStmt>', '    <Stmt>',
    '      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>', '      <Ntry>', '        <Amt Ccy="EUR">1.00</Amt>', '        <CdtDbtInd>DBIT</Cdtdbtind>', '      </Ntry>',
    '    </Stmt>', '  </BkToCstmrStmt>', '</Document>', ''].join('\n');
  const broken = await client.upload(PREVIEW, { accountId }, { name: 'broken.xml', type: 'application/xml', body: Buffer.from(brokenXml) });
  expect(codeOf(broken)).toBe('BAD_USER_INPUT');
  expect(broken.errors![0].message).toMatch(/^Line 8: /);
  const noBody = await client.upload(PREVIEW, { accountId, options: { format: 'OFX' } }, csv('OFXHEADER:100\nDATA:OFXSGML\n\nno body here', 'empty.ofx'));
  expect(codeOf(noBody)).toBe('BAD_USER_INPUT');
  expect(codeOf(await client.upload(PREVIEW, { accountId }, csv('')))).toBe('BAD_USER_INPUT');

  const huge = csv(`Date,Description,Amount\n${'2026-03-01,COFFEE SHOP,-3.50\n'.repeat(3000)}`);
  expect(huge.body.length).toBeGreaterThan(0.05 * 1024 * 1024);
  expect(codeOf(await client.upload(PREVIEW, { accountId }, huge))).toBe('PAYLOAD_TOO_LARGE');
  // The limit is published, so a client can check before sending.
  expect((await client.ok('{ serverLimits { importMaxBytes } }')).serverLimits.importMaxBytes).toBe(Math.round(0.05 * 1024 * 1024));
});

test('a commit reaching another app instance than its preview writes the batch', async () => {
  const second = await startTestApp({}, running.environment);
  try {
    const { client, accountId } = await newUser();
    const result = await preview(client, accountId, MARCH);
    const elsewhere = new ApiClient(second.baseUrl);
    elsewhere.cookie = client.cookie;
    expect((await elsewhere.ok(COMMIT, { previewId: result.id })).commitImport).toMatchObject({ createdCount: 4 });
    expect(await transactionsOf(client, accountId)).toHaveLength(4);
  } finally {
    await second.stop();
  }
});

test('Transaction.importedDescription is empty for a typed transaction', async () => {
  const { client, accountId } = await newUser();
  const { createTransaction } = await client.ok(CREATE_TRANSACTION, { input: { accountId, date: '2026-03-04', amount: '-1.00', description: 'Typed' } });
  const { transaction } = await client.ok(`query ($id: ID!) { transaction(id: $id) { importedDescription } }`, { id: createTransaction.id });
  expect(transaction.importedDescription).toBe('');
});

test('a preview is read again by id, paged and filtered, until it is committed; it is its owner\'s alone', async () => {
  const { client, accountId } = await newUser();
  await commit(client, (await preview(client, accountId, MARCH)).id, undefined, [4]);
  const made = await preview(client, accountId, MARCH);
  const read = (await client.ok(READ_PREVIEW, { id: made.id })).importPreview;
  expect(read).toMatchObject({
    id: made.id, format: 'CSV', encoding: 'UTF-8', filename: 'bank.csv', account: { id: accountId }, statement: 0,
    newCount: 1, duplicateCount: 3, matchedCount: 0, invalidCount: 0, csvColumns: ['Date', 'Description', 'Amount'], dateFormatCandidates: ['YYYY-MM-DD'],
    csvMapping: { delimiter: ',', dateColumn: 'Date', dateFormat: 'YYYY-MM-DD', amountColumn: 'Amount', decimalSeparator: '.', invertSign: false },
  });
  expect(new Date(read.expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
  expect(read.rows).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
  expect(read.rows.edges.map((e: { node: { line: number; status: string; included: boolean } }) => [e.node.line, e.node.status, e.node.included])).toEqual([[2, 'DUPLICATE', false], [3, 'DUPLICATE', false]]);
  const next = (await client.ok(READ_PREVIEW, { id: made.id, after: read.rows.pageInfo.endCursor })).importPreview.rows;
  expect(next.edges.map((e: { node: { line: number; included: boolean } }) => [e.node.line, e.node.included])).toEqual([[4, true], [5, false]]);
  const duplicates = (await client.ok(READ_PREVIEW, { id: made.id, status: 'DUPLICATE' })).importPreview.rows;
  expect(duplicates.totalCount).toBe(3);
  expect(duplicates.edges.every((e: { node: { matchedTransaction: { id: string } | null } }) => e.node.matchedTransaction !== null)).toBe(true);

  const other = await newUser();
  expect(codeOf(await other.client.gql(READ_PREVIEW, { id: made.id }))).toBe('NOT_FOUND');
  expect(codeOf(await other.client.gql(COMMIT, { previewId: made.id }))).toBe('NOT_FOUND');
  expect(codeOf(await client.gql(READ_PREVIEW, { id: 'bogus' }))).toBe('NOT_FOUND');
  await commit(client, made.id);
  expect(codeOf(await client.gql(READ_PREVIEW, { id: made.id }))).toBe('NOT_FOUND');
});

test('dates that several formats read are offered to choose from, and the choice reads them', async () => {
  const { client, accountId } = await newUser();
  const file = csv('Date,Payee,Amount\n03/04/2026,RENT,-900.00\n05/04/2026,GYM,-30.00\n07/04/2026,PAY,2000.00\n');
  const guessed = await preview(client, accountId, file);
  const candidates = (await client.ok(READ_PREVIEW, { id: guessed.id })).importPreview.dateFormatCandidates;
  expect(candidates).toEqual(expect.arrayContaining(['DD/MM/YYYY', 'MM/DD/YYYY']));
  const chosen = await preview(client, accountId, file, { csv: { dateFormat: 'DD/MM/YYYY' } });
  expect(chosen.rows.map((row: Row) => row.date)).toEqual(['2026-04-03', '2026-04-05', '2026-04-07']);
  expect((await client.ok(READ_PREVIEW, { id: chosen.id })).importPreview).toMatchObject({ dateFormatCandidates: ['DD/MM/YYYY'], csvMapping: { dateFormat: 'DD/MM/YYYY' } });
});

test('a mapping becomes the account\'s when a commit uses it, not when a preview tries it', async () => {
  const { client, accountId } = await newUser();
  const card = csv('Date,Description,Amount\n2026-05-01,BOOKS,12.00\n2026-05-02,REFUND,-5.00\n');
  expect((await preview(client, accountId, card, { csv: { invertSign: true } })).rows.map((row: Row) => row.amount)).toEqual(['-12.00', '5.00']);
  // Only tried: the next preview guesses again.
  const tried = await preview(client, accountId, card);
  expect(tried.rows.map((row: Row) => row.amount)).toEqual(['12.00', '-5.00']);
  await commit(client, (await preview(client, accountId, card, { csv: { invertSign: true } })).id);
  const next = await preview(client, accountId, csv('Date,Description,Amount\n2026-06-01,LUNCH,9.00\n'));
  expect(next.rows.map((row: Row) => row.amount)).toEqual(['-9.00']);
  expect((await client.ok(READ_PREVIEW, { id: next.id })).importPreview.csvMapping.invertSign).toBe(true);
});

test('two previews of one file, committed one after the other or at once, write its rows once', async () => {
  const { client, accountId } = await newUser();
  const [first, second] = [await preview(client, accountId, MARCH), await preview(client, accountId, MARCH)];
  expect((await commit(client, first.id)).createdCount).toBe(4);
  // The second was classified before the first commit: every row was NEW then; none is written now.
  expect(await commit(client, second.id)).toMatchObject({ createdCount: 0, skippedCount: 4 });
  expect(await transactionsOf(client, accountId)).toHaveLength(4);

  const other = await newUser();
  const previews = [await preview(other.client, other.accountId, MARCH_LATER), await preview(other.client, other.accountId, MARCH_LATER), await preview(other.client, other.accountId, MARCH_LATER)];
  const batches = await Promise.all(previews.map((made) => commit(other.client, made.id)));
  expect(batches.map((batch) => batch.createdCount).sort()).toEqual([0, 0, 4]);
  const written = await transactionsOf(other.client, other.accountId);
  // The two identical coffees of the file are both kept, once.
  expect(written.map((t) => t.description).sort()).toEqual(['BOOKSTORE', 'COFFEE SHOP', 'COFFEE SHOP', 'GROCERY MART']);

  // One preview committed twice at once: one batch, and the other is told the preview is gone.
  const third = await newUser();
  const once = await preview(third.client, third.accountId, MARCH);
  const answers = await Promise.all([third.client.gql(COMMIT, { previewId: once.id }), third.client.gql(COMMIT, { previewId: once.id })]);
  expect(answers.map((answer) => answer.data?.commitImport?.createdCount ?? codeOf(answer)).sort()).toEqual([4, 'NOT_FOUND']);
  expect(await transactionsOf(third.client, third.accountId)).toHaveLength(4);
});

test('alsoInclude writes a duplicate on top of the default rows; a deleted match reads as none', async () => {
  const { client, accountId } = await newUser();
  await commit(client, (await preview(client, accountId, MARCH)).id, undefined, [4]);
  const again = await preview(client, accountId, MARCH);
  expect(statuses(again.rows)).toEqual(['DUPLICATE', 'DUPLICATE', 'NEW', 'DUPLICATE']);
  const repeated = again.rows[3].matchedTransaction!.id;
  await client.ok(DELETE_TRANSACTION, { id: repeated });
  const read = (await client.ok(READ_PREVIEW, { id: again.id, status: 'DUPLICATE', after: null })).importPreview.rows;
  expect(read.edges.map((e: { node: { matchedTransaction: { id: string } | null } }) => e.node.matchedTransaction?.id ?? null)).toEqual([again.rows[0].matchedTransaction!.id, again.rows[1].matchedTransaction!.id]);
  // Lines 4 (NEW, default) and 5 (a duplicate, asked for) go in; exclude still wins over alsoInclude.
  expect(await commit(client, again.id, undefined, [3], [3, 5])).toMatchObject({ createdCount: 2, skippedCount: 2 });
  expect((await transactionsOf(client, accountId)).map((t) => t.description).sort()).toEqual(['COFFEE SHOP', 'COFFEE SHOP', 'GROCERY MART', 'SALARY ACME']);
});

test('a statement over the row limit is BAD_USER_INPUT saying the limit; one at the limit previews; the limit is published', async () => {
  const { client, accountId } = await newUser();
  const rows = (count: number) => csv(['Date,Description,Amount', ...Array.from({ length: count }, (_, i) => `2026-07-${String((i % 28) + 1).padStart(2, '0')},SHOP ${i},-1.00`), ''].join('\n'));
  const over = await client.upload(PREVIEW, { accountId }, rows(101));
  expect(codeOf(over)).toBe('BAD_USER_INPUT');
  expect(over.errors![0].message).toMatch(/101 rows.*up to 100/);
  expect((await preview(client, accountId, rows(100))).newCount).toBe(100);
  expect((await client.ok('{ serverLimits { importMaxBytes importMaxRows } }')).serverLimits).toEqual({ importMaxBytes: 52_429, importMaxRows: 100 });
});

test('a column mapped to none stays none, also in the mapping saved at commit; a discarded preview is gone', async () => {
  const { client, accountId } = await newUser();
  const file = csv('Date,Description,Amount,Memo\n2026-08-01,SHOP,-4.00,card 1234\n');
  expect((await preview(client, accountId, file)).rows[0].notes).toBe('card 1234');
  const none = await preview(client, accountId, file, { csv: { notesColumn: '' } });
  expect(none.rows[0].notes).toBe('');
  await commit(client, none.id);
  expect((await preview(client, accountId, csv('Date,Description,Amount,Memo\n2026-08-02,CAFE,-3.00,card 1234\n'))).rows[0].notes).toBe('');

  const superseded = await preview(client, accountId, file);
  const other = await newUser();
  expect((await other.client.ok('mutation ($id: ID!) { discardImportPreview(id: $id) }', { id: superseded.id })).discardImportPreview).toBe(false);
  expect((await client.ok('mutation ($id: ID!) { discardImportPreview(id: $id) }', { id: superseded.id })).discardImportPreview).toBe(true);
  expect(codeOf(await client.gql(READ_PREVIEW, { id: superseded.id }))).toBe('NOT_FOUND');
  expect(codeOf(await client.gql(COMMIT, { previewId: superseded.id }))).toBe('NOT_FOUND');
});

test('a page of preview rows holds up to 200, asked for with every field in a literal', async () => {
  const { client, accountId } = await newUser();
  const made = await preview(client, accountId, MARCH);
  const fields = 'line date amount description notes externalId status error included matchedTransaction { id date amount description }';
  const full = await client.gql(`query ($id: ID!) { importPreview(id: $id) { rows(first: 200) { totalCount edges { cursor node { ${fields} } } } } }`, { id: made.id });
  expect(full.errors).toBeUndefined();
  expect(full.data.importPreview.rows.totalCount).toBe(4);
  expect(codeOf(await client.gql('query ($id: ID!) { importPreview(id: $id) { rows(first: 201) { totalCount } } }', { id: made.id }))).toBe('BAD_USER_INPUT');
});
