import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBackendEnvironment } from './support/backends';
import { signUp } from './support/client';
import { receiptFiles } from './support/fixtures';
import { CREATE_TRANSACTION } from './support/operations';
import { startServerProcess } from './support/server-process';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('SIGTERM during a slow upload: the upload completes, new connections are refused, exit 0', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-shutdown-'));
  const server = await startServerProcess({ DATA_DIR: dataDir, ...(await freshBackendEnvironment()) });
  try {
    const { client } = await signUp(server.baseUrl);
    const transactionId = (await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '-1.00' } })).createTransaction.id;

    const boundary = 'slowupload';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
        JSON.stringify({ query: 'mutation ($f: Upload!) { uploadReceipt(transactionId: "' + transactionId + '", file: $f) { id size } }', variables: { f: null } }) +
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="slow.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const file = Buffer.concat([receiptFiles.pdf.body, Buffer.alloc(200_000, 32)]);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const url = new URL('/graphql', server.baseUrl);
    const request = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + file.length + tail.length),
        'apollo-require-preflight': 'true',
        cookie: client.cookie!,
      },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      request.on('error', reject);
    });
    request.write(head);
    request.write(file.subarray(0, 1000));
    await delay(300);

    server.child.kill('SIGTERM');
    await delay(300);
    // Stopped accepting: a new connection is refused while the upload is still in flight.
    await expect(fetch(`${server.baseUrl}/healthz`)).rejects.toThrow();

    for (let offset = 1000; offset < file.length; offset += 50_000) {
      request.write(file.subarray(offset, offset + 50_000));
      await delay(100);
    }
    request.end(tail);
    const { status, body } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ data: { uploadReceipt: { id: expect.any(String), size: file.length } } });
    expect(await server.exited).toBe(0);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
