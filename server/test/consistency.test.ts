import { Client } from 'minio';
import fs from 'node:fs';
import path from 'node:path';
import { backend } from './support/backends';
import { signUp, type ApiClient } from './support/client';
import { receiptFiles } from './support/fixtures';
import { codeOf, CREATE_TRANSACTION, GET_TRANSACTION, UPLOAD_RECEIPT } from './support/operations';
import { startTestApp, type RunningApp } from './support/test-app';

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.destroy());

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of running.app.storage.listKeys()) keys.push(key);
  return keys.sort();
}

async function newTransaction(client: ApiClient): Promise<string> {
  return (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-05-01', amount: '-1.00' } })).createTransaction.id;
}

/** Makes the database itself refuse new receipt rows, the way a full disk or a lost connection would. */
async function refuseReceiptRows(refuse: boolean): Promise<void> {
  const query = (sql: string) => running.app.dataSource.query(sql);
  if (backend === 'services') {
    if (refuse) {
      await query(`CREATE FUNCTION refuse_receipts() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`);
      await query(`CREATE TRIGGER refuse_receipts BEFORE INSERT ON receipts FOR EACH ROW EXECUTE FUNCTION refuse_receipts()`);
    } else {
      await query(`DROP TRIGGER refuse_receipts ON receipts`);
      await query(`DROP FUNCTION refuse_receipts`);
    }
  } else if (refuse) {
    await query(`CREATE TRIGGER refuse_receipts BEFORE INSERT ON receipts BEGIN SELECT RAISE(ABORT, 'refused'); END`);
  } else {
    await query(`DROP TRIGGER refuse_receipts`);
  }
}

test('when the receipt row cannot be written, the stored file is removed again', async () => {
  const { client } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const before = await storedKeys();
  await refuseReceiptRows(true);
  try {
    const result = await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.png);
    expect(codeOf(result)).toBe('INTERNAL_SERVER_ERROR');
  } finally {
    await refuseReceiptRows(false);
  }
  expect(await storedKeys()).toEqual(before);
  expect((await client.ok(GET_TRANSACTION, { id: transactionId })).transaction.receipts).toEqual([]);
});

test('when the file cannot be stored, no receipt row is written', async () => {
  const { client, user } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const restore = await breakStorageFor(user.id);
  try {
    const result = await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.pdf);
    expect(codeOf(result)).toBe('INTERNAL_SERVER_ERROR');
    expect((await client.ok(GET_TRANSACTION, { id: transactionId })).transaction.receipts).toEqual([]);
  } finally {
    await restore();
  }
  // And once the store is back, uploads work again.
  expect((await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.pdf)).errors).toBeUndefined();
});

test('the orphan sweep removes files no receipt points at, and keeps the others', async () => {
  const { client, user } = await signUp(running.baseUrl);
  const transactionId = await newTransaction(client);
  const kept = (await client.upload(UPLOAD_RECEIPT, { transactionId }, receiptFiles.jpeg)).data.uploadReceipt;
  const orphanKey = `${user.id}/00000000-0000-4000-8000-000000000000`;
  await running.app.storage.put(orphanKey, receiptFiles.png.body, 'image/png');
  expect(await storedKeys()).toContain(orphanKey);

  // Young files are left alone: they may belong to an upload still writing its row.
  expect(await running.app.services.receipts.sweepOrphans(60 * 60 * 1000)).toBe(0);
  expect(await storedKeys()).toContain(orphanKey);

  expect(await running.app.services.receipts.sweepOrphans(0, Date.now() + 1000)).toBe(1);
  expect(await storedKeys()).not.toContain(orphanKey);
  expect((await client.fetch(kept.url)).status).toBe(200);
});

/**
 * A real storage fault: on disk, the user's folder is replaced by a file (mkdir fails); on S3 the
 * bucket is emptied and removed (PUT fails with NoSuchBucket). Returns how to undo it.
 */
async function breakStorageFor(userId: string): Promise<() => Promise<void>> {
  if (backend === 'services') {
    const s3 = running.config.s3!;
    const minio = new Client({ endPoint: s3.endPoint, port: s3.port, useSSL: s3.useSSL, accessKey: s3.accessKey, secretKey: s3.secretKey, pathStyle: true });
    const keys = await storedKeys();
    if (keys.length) await minio.removeObjects(s3.bucket, keys);
    await minio.removeBucket(s3.bucket);
    return async () => minio.makeBucket(s3.bucket, s3.region);
  }
  const folder = path.join(running.config.receiptsDir, userId);
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  fs.writeFileSync(folder, 'not a folder');
  return async () => fs.rmSync(folder);
}
