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
  // No drain delay: this test is about the request in flight once the listener has closed.
  const server = await startServerProcess({ DATA_DIR: dataDir, SHUTDOWN_DRAIN_SECONDS: '0', ...(await freshBackendEnvironment()) });
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

interface Answer {
  status: number;
  connection: string | undefined;
  at: number;
}

/** One POST on the given agent's (keep-alive) connection. */
function post(agent: http.Agent, url: URL, cookie: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie } });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, at: Date.now() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

test('SIGTERM under keep-alive load: /readyz answers 503 first, every accepted request succeeds, connections close after their response, exit 0', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-shutdown-'));
  // Production, as deployed: there Apollo would install its own SIGTERM handler unless told not to.
  const server = await startServerProcess({ DATA_DIR: dataDir, NODE_ENV: 'production', SHUTDOWN_DRAIN_SECONDS: '2', ...(await freshBackendEnvironment()) });
  const agents: http.Agent[] = [];
  try {
    const { client } = await signUp(server.baseUrl);
    await client.ok(CREATE_TRANSACTION, { input: { date: '2025-01-01', amount: '-1.00' } });
    const graphqlUrl = new URL('/graphql', server.baseUrl);
    const body = JSON.stringify({ query: '{ me { id } transactions(first: 5) { totalCount } }' });

    let stopLoad = false;
    let notReadyAt: number | null = null;
    const answers: Answer[] = [];
    const failures: string[] = [];
    const worker = async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      for (let sent = 0; !stopLoad && sent < 5000; sent += 1) {
        try {
          answers.push(await post(agent, graphqlUrl, client.cookie!, body));
        } catch (error) {
          // Refused means never accepted: the load balancer would send it elsewhere.
          if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') failures.push(String(error));
        }
      }
    };
    // The load balancer: polls /readyz and stops sending a little after it turns 503.
    const balancer = async () => {
      while (notReadyAt === null && server.child.exitCode === null) {
        const ready = await fetch(`${server.baseUrl}/readyz`).catch(() => null);
        if (ready?.status === 503) notReadyAt = Date.now();
        await ready?.arrayBuffer();
        await delay(50);
      }
      await delay(500);
      stopLoad = true;
    };

    const load = Promise.all([worker(), worker(), worker(), worker()]);
    const watching = balancer();
    await delay(500);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await Promise.all([load, watching]);
    const exitCode = await server.exited;

    expect(failures).toEqual([]);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(answers.filter((answer) => answer.at < signalledAt).length).toBeGreaterThan(0);
    // Not ready first, while requests are still served, each on a connection closed after its answer.
    expect(notReadyAt).not.toBeNull();
    const duringDrain = answers.filter((answer) => answer.at > notReadyAt!);
    expect(duringDrain.length).toBeGreaterThan(0);
    expect(duringDrain.filter((answer) => answer.connection === 'close').length).toBeGreaterThan(0);
    expect(exitCode).toBe(0);
  } finally {
    for (const agent of agents) agent.destroy();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
