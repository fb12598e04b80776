import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBackendEnvironment } from './support/backends';
import { signUp } from './support/client';
import { CREATE_ACCOUNT } from './support/operations';
import { startServerProcess } from './support/server-process';

/** The Node flags npm start and the Dockerfile give the server (scripts/server-flags.mjs): the heap cap this test holds to. */
function serverNodeFlags(): string[] {
  const source = fs.readFileSync(path.join(__dirname, '../../scripts/server-flags.mjs'), 'utf8');
  const flags = JSON.parse(/SERVER_NODE_FLAGS = (\[[^\]]*\])/.exec(source)![1].replace(/'/g, '"')) as string[];
  expect(flags.some((flag) => flag.startsWith('--max-old-space-size='))).toBe(true);
  return flags;
}

/** Ten years of a busy account as a bank exports it: as many rows as an import takes, close to its 20 MB. */
function largestStatement(rows: number): Buffer {
  const merchants = ['TESCO STORES 2231 LONDON GB CARD PAYMENT CONTACTLESS', 'AMAZON MKTPLACE PMTS AMZN.CO.UK/PM LU ONLINE PURCHASE', 'SHELL 4471 FUEL STATION MOTORWAY SERVICES M4 WEST', 'NETFLIX.COM 866-579-7172 CA SUBSCRIPTION MONTHLY PLAN'];
  const lines = ['Date,Description,Reference,Amount'];
  for (let i = 0; i < rows; i += 1) {
    const date = new Date(Date.UTC(2016, 0, 1) + Math.floor((i * 86_400_000 * 3650) / rows)).toISOString().slice(0, 10);
    const cents = (i % 20_000) + 1;
    lines.push(`${date},${merchants[i % merchants.length]} ${(i * 7919) % 1_000_000},REFERENCE-${String(i).padStart(9, '0')},-${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const PREVIEW = `mutation ($accountId: ID!, $file: Upload!) { previewImport(accountId: $accountId, file: $file) {
  id newCount duplicateCount invalidCount rows(first: 50) { edges { node { line status matchedTransaction { id } } } } } }`;
const COMMIT = 'mutation ($id: ID!) { commitImport(previewId: $id) { createdCount skippedCount } }';

// The server as deployed (its heap cap included) takes the largest file the limits admit, twice:
// the second time every row is a duplicate of one already there, the most the rules ever hold.
test('the largest statement the limits admit previews, commits and re-imports within the server heap cap', async () => {
  const rows = Number(process.env.HEAP_ROWS ?? 200_000);
  const file = { name: 'ten-years.csv', type: 'text/csv', body: largestStatement(rows) };
  if (!process.env.HEAP_ROWS) expect(file.body.length).toBeGreaterThan(17 * 1024 * 1024);
  expect(file.body.length).toBeLessThan(20 * 1024 * 1024);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-import-heap-'));
  const server = await startServerProcess({ NODE_ENV: 'production', DATA_DIR: dataDir, SESSION_SECRET: 'import-heap-test-secret-0123456789', ...(await freshBackendEnvironment()) }, serverNodeFlags());
  try {
    const { client } = await signUp(server.baseUrl);
    const { createAccount } = await client.ok(CREATE_ACCOUNT, { input: { name: 'Checking', currency: 'USD' } });
    const first = await client.upload(PREVIEW, { accountId: createAccount.id }, file);
    expect(first.errors).toBeUndefined();
    expect(first.data.previewImport).toMatchObject({ newCount: rows, duplicateCount: 0, invalidCount: 0 });
    expect((await client.ok(COMMIT, { id: first.data.previewImport.id })).commitImport).toEqual({ createdCount: rows, skippedCount: 0 });

    const again = await client.upload(PREVIEW, { accountId: createAccount.id }, file);
    expect(again.errors).toBeUndefined();
    expect(again.data.previewImport).toMatchObject({ newCount: 0, duplicateCount: rows, invalidCount: 0 });
    expect(again.data.previewImport.rows.edges.every((edge: { node: { matchedTransaction: unknown } }) => edge.node.matchedTransaction !== null)).toBe(true);
    expect((await client.ok(COMMIT, { id: again.data.previewImport.id })).commitImport).toEqual({ createdCount: 0, skippedCount: rows });
  } finally {
    const code = await server.stop();
    // Out of memory, V8 aborts the process: it must have been alive, and stopped when asked.
    expect([0, null]).toContain(code);
    expect(server.output()).not.toMatch(/heap out of memory/i);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);
