import { signUp, type ApiClient } from './support/client';
import { htmlBehindJpegMagic, htmlPretendingToBePdf, pixelFloodPng, receiptFiles, renamedExecutable, truncatedPdf } from './support/fixtures';
import { codeOf, CREATE_TRANSACTION, DELETE_ACCOUNT, DELETE_RECEIPT, DELETE_TRANSACTION, fieldOf, GET_TRANSACTION, UPLOAD_RECEIPT } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

let running: RunningApp;
beforeAll(async () => {
  // A small limit keeps the over-the-limit upload quick.
  running = await startTestApp({ RECEIPT_MAX_MB: '1', LOG_LEVEL: 'error' });
});
afterAll(() => running.destroy());

/** Every object the storage backend holds (disk or S3), by key. */
async function storedFiles(): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of running.app.storage.listKeys()) keys.push(key);
  return keys.sort();
}

async function newTransaction(client: ApiClient): Promise<string> {
  return (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-05-01', amount: '-20.00', description: 'Dinner' } })).createTransaction.id;
}

test.each(Object.entries(receiptFiles))('a %s receipt is stored, listed and downloaded by its owner', async (_kind, file) => {
  const { client, user } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const before = (await storedFiles()).length;
  // The client claims a misleading type: the server goes by the bytes.
  const result = await client.upload(UPLOAD_RECEIPT, { transactionId }, { ...file, type: 'application/octet-stream' });
  expect(result.errors).toBeUndefined();
  const receipt = result.data.uploadReceipt;
  expect(receipt).toMatchObject({ filename: file.name, contentType: file.contentType, size: file.body.length, url: `/receipts/${receipt.id}`, transaction: { id: transactionId } });

  const stored = await storedFiles();
  expect(stored).toHaveLength(before + 1);
  // Stored under a generated key in the user's folder, never under the client's name.
  expect(stored.every((entry) => !entry.includes(file.name))).toBe(true);
  expect(stored.some((entry) => entry.startsWith(`${user.id}/`))).toBe(true);

  const { transaction } = await client.ok(GET_TRANSACTION, { id: transactionId });
  expect(transaction.receipts).toEqual([expect.objectContaining({ id: receipt.id, filename: file.name })]);

  const download = await client.fetch(receipt.url);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe(file.contentType);
  expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  expect(download.headers.get('content-disposition')).toMatch(/^inline; filename=/);
  expect(Buffer.from(await download.arrayBuffer()).equals(file.body)).toBe(true);
  const attachment = await client.fetch(`${receipt.url}?download=1`);
  expect(attachment.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
  await attachment.arrayBuffer();
});

test.each([
  ['a renamed executable', renamedExecutable],
  ['HTML that claims to be a PDF', htmlPretendingToBePdf],
  ['an SVG image', { name: 'logo.svg', type: 'image/svg+xml', body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }],
  ['an empty file', { name: 'empty.jpg', type: 'image/jpeg', body: Buffer.alloc(0) }],
  ['an image that declares 10 billion pixels', pixelFloodPng],
  ['a web page behind JPEG magic bytes', htmlBehindJpegMagic],
  ['a PNG signature with no image header', { name: 'scan.png', type: 'image/png', body: Buffer.concat([receiptFiles.png.body.subarray(0, 8), Buffer.from('<html></html>')]) }],
  ['a truncated PDF (no %%EOF trailer)', truncatedPdf],
  ['a PDF header in front of a web page', { name: 'invoice.pdf', type: 'application/pdf', body: Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n') }],
])('%s is refused with BAD_USER_INPUT and nothing is stored', async (_name, file) => {
  const { client } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const before = await storedFiles();
  const result = await client.upload(UPLOAD_RECEIPT, { transactionId }, file);
  expect(codeOf(result)).toBe('BAD_USER_INPUT');
  expect(fieldOf(result)).toBe('file');
  expect(await storedFiles()).toEqual(before);
  expect((await client.ok(GET_TRANSACTION, { id: transactionId })).transaction.receipts).toEqual([]);
});

test('a file over the limit is refused with PAYLOAD_TOO_LARGE and nothing is stored', async () => {
  const { client } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const before = await storedFiles();
  const big = Buffer.concat([receiptFiles.png.body, Buffer.alloc(1024 * 1024 + 10, 7)]);
  const result = await client.upload(UPLOAD_RECEIPT, { transactionId }, { name: 'huge.png', type: 'image/png', body: big });
  expect(codeOf(result)).toBe('PAYLOAD_TOO_LARGE');
  expect(result.errors?.[0].message).toMatch(/1 MB/);
  expect(await storedFiles()).toEqual(before);
  expect((await client.ok(GET_TRANSACTION, { id: transactionId })).transaction.receipts).toEqual([]);
  // A file exactly at the limit is fine.
  const atLimit = Buffer.concat([receiptFiles.png.body, Buffer.alloc(1024 * 1024 - receiptFiles.png.body.length, 7)]);
  const accepted = await client.upload(UPLOAD_RECEIPT, { transactionId }, { name: 'limit.png', type: 'image/png', body: atLimit });
  expect(accepted.errors).toBeUndefined();
});

test('a multipart body with a control character in a header is bad input, not a crash', async () => {
  const { client } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const result = await client.upload(UPLOAD_RECEIPT, { transactionId }, { ...receiptFiles.pdf, name: 'bell\u0007.pdf' });
  expect(codeOf(result)).toBe('BAD_USER_INPUT');
  expect((await client.ok(GET_TRANSACTION, { id: transactionId })).transaction.receipts).toEqual([]);
});

test('filenames lose folders and unsafe characters, and download with a safe Content-Disposition', async () => {
  const { client } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const result = await client.upload(UPLOAD_RECEIPT, { transactionId }, { ...receiptFiles.pdf, name: '..\\..\\etc/é*vil<name>.pdf' });
  expect(result.errors).toBeUndefined();
  const receipt = result.data.uploadReceipt;
  expect(receipt.filename).toBe('évilname.pdf');
  const download = await client.fetch(receipt.url);
  const disposition = download.headers.get('content-disposition') ?? '';
  expect(disposition).not.toMatch(/[\r\n]/);
  expect(disposition).toContain("filename*=UTF-8''%C3%A9vilname.pdf");
  expect(download.headers.get('content-security-policy')).toMatch(/sandbox/);
  await download.arrayBuffer();
});

test('a PDF uploaded as fake.html is saved and downloaded with a .pdf name; a .jpeg photo keeps its name', async () => {
  const { client } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const pdf = (await client.upload(UPLOAD_RECEIPT, { transactionId }, { ...receiptFiles.pdf, name: 'fake.html', type: 'text/html' })).data.uploadReceipt;
  expect(pdf).toMatchObject({ filename: 'fake.html.pdf', contentType: 'application/pdf' });
  for (const query of ['', '?download=1']) {
    const download = await client.fetch(`${pdf.url}${query}`);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/filename="?fake\.html\.pdf"?$/);
    await download.arrayBuffer();
  }
  const photo = (await client.upload(UPLOAD_RECEIPT, { transactionId }, { ...receiptFiles.jpeg, name: 'Lunch.JPEG' })).data.uploadReceipt;
  expect(photo.filename).toBe('Lunch.JPEG');
});

test('several receipts on one transaction; deleting one removes its file', async () => {
  const { client } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const before = (await storedFiles()).length;
  const first = (await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.jpeg)).data.uploadReceipt;
  const second = (await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.pdf)).data.uploadReceipt;
  expect(await storedFiles()).toHaveLength(before + 2);
  expect((await client.ok(DELETE_RECEIPT, { id: first.id })).deleteReceipt).toBe(true);
  expect(await storedFiles()).toHaveLength(before + 1);
  expect((await client.fetch(first.url)).status).toBe(404);
  expect(codeOf(await client.gql(DELETE_RECEIPT, { id: first.id }))).toBe('NOT_FOUND');
  const { transaction } = await client.ok(GET_TRANSACTION, { id: transactionId });
  expect(transaction.receipts.map((r: { id: string }) => r.id)).toEqual([second.id]);
});

test('deleting a transaction deletes its receipts and their files', async () => {
  const { client } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const before = (await storedFiles()).length;
  const receipt = (await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.webp)).data.uploadReceipt;
  await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.heic);
  expect(await storedFiles()).toHaveLength(before + 2);
  await client.ok(DELETE_TRANSACTION, { id: transactionId });
  expect(await storedFiles()).toHaveLength(before);
  expect((await client.fetch(receipt.url)).status).toBe(404);
});

test('deleting an account with its transactions deletes their receipt files', async () => {
  const { client } = await signUp(running.baseUrl);
  const account = (await client.ok('mutation { createAccount(input: { name: "Card" }) { id } }')).createAccount;
  const transactionId = (await client.ok(CREATE_TRANSACTION, { input: { accountId: account.id, date: '2025-05-01', amount: '-1.00' } })).createTransaction.id;
  const before = (await storedFiles()).length;
  await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.png);
  expect(await storedFiles()).toHaveLength(before + 1);
  await client.ok(DELETE_ACCOUNT, { id: account.id, deleteTransactions: true });
  expect(await storedFiles()).toHaveLength(before);
});

test('an upload to an unknown transaction stores nothing', async () => {
  const { client } = await signUp(running.baseUrl);
  const before = await storedFiles();
  const result = await client.upload(UPLOAD_RECEIPT, { transactionId: '999999' }, receiptFiles.png);
  expect(codeOf(result)).toBe('NOT_FOUND');
  expect(await storedFiles()).toEqual(before);
});

test('a request with more than one file is refused and stores nothing', async () => {
  const { client } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const before = await storedFiles();
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: UPLOAD_RECEIPT, variables: { transactionId, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'], 1: ['variables.file'] }));
  form.append('0', new Blob([receiptFiles.png.body]), 'one.png');
  form.append('1', new Blob([receiptFiles.png.body]), 'two.png');
  const response = await client.fetch('/graphql', { method: 'POST', headers: { 'apollo-require-preflight': 'true' }, body: form });
  expect(response.status).toBe(413);
  await response.text();
  expect(await storedFiles()).toEqual(before);
  expect((await client.ok(GET_TRANSACTION, { id: transactionId })).transaction.receipts).toEqual([]);
});
