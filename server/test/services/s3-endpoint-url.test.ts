import { signUp } from '../support/client';
import { receiptFiles } from '../support/fixtures';
import { CREATE_TRANSACTION, UPLOAD_RECEIPT } from '../support/operations';
import { startTestApp } from '../support/test-app';

test('an app given S3_ENDPOINT as a URL (http://127.0.0.1:PORT, no S3_PORT or S3_USE_SSL) stores and serves receipts', async () => {
  const base = await startTestApp();
  const url = `http://${base.config.s3!.endPoint}:${base.config.s3!.port}`;
  await base.destroy();
  // An empty value counts as unset: only the URL says where the object store is.
  const running = await startTestApp({ S3_ENDPOINT: url, S3_PORT: '', S3_USE_SSL: '' });
  try {
    expect(running.config.s3).toMatchObject({ endPoint: '127.0.0.1', useSSL: false });
    const { client } = await signUp(running.baseUrl);
    const transaction = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-06-01', amount: '-3.00', description: 'Coffee' } })).createTransaction;
    const uploaded = await client.upload(UPLOAD_RECEIPT, { transactionId: transaction.id }, receiptFiles.png);
    expect(uploaded.errors).toBeUndefined();
    const download = await client.fetch(uploaded.data.uploadReceipt.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(receiptFiles.png.body)).toBe(true);
    // The object store is not part of readiness; /healthz?details reports it.
    const health = (await (await client.fetch('/healthz?details')).json()) as { checks: Record<string, string> };
    expect(health.checks.storage).toBe('ok');
  } finally {
    await running.destroy();
  }
});
