import { ApiClient, signUp } from './support/client';
import { receiptFiles } from './support/fixtures';
import { CREATE_TRANSACTION, UPLOAD_RECEIPT } from './support/operations';
import { startTestApp } from './support/test-app';

test('data, receipt files and the signed-in session survive a restart', async () => {
  const first = await startTestApp();
  const { client } = await signUp(first.baseUrl);
  const transaction = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-07-04', amount: '-99.99', description: 'Fireworks' } })).createTransaction;
  const receipt = (await client.upload(UPLOAD_RECEIPT, { transactionId: transaction.id }, receiptFiles.pdf)).data.uploadReceipt;
  await first.stop();

  const second = await startTestApp({}, first.environment);
  try {
    const sameBrowser = new ApiClient(second.baseUrl);
    sameBrowser.cookie = client.cookie;
    const data = await sameBrowser.ok(`{ me { id } transactions { edges { node { id amount description receipts { id } } } } accounts { balance } }`);
    expect(data.me).not.toBeNull();
    expect(data.transactions.edges).toEqual([{ node: { id: transaction.id, amount: '-99.99', description: 'Fireworks', receipts: [{ id: receipt.id }] } }]);
    expect(data.accounts[0].balance).toBe('-99.99');
    const download = await sameBrowser.fetch(receipt.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(receiptFiles.pdf.body)).toBe(true);
  } finally {
    await second.destroy();
  }
});

test('every commit waits for the disk: SQLite runs with synchronous=FULL, Postgres with synchronous_commit on', async () => {
  const running = await startTestApp();
  try {
    const { dataSource } = running.app;
    if (dataSource.options.type === 'postgres') {
      expect(await dataSource.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
    } else {
      // 2 is FULL; better-sqlite3's WAL default is 1 (NORMAL), which can lose the last commits on a power cut.
      expect(await dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
      expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    }
  } finally {
    await running.destroy();
  }
});
