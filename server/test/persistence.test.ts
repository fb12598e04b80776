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
