import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backend, freshBackendEnvironment } from './support/backends';
import { ApiClient, signUp } from './support/client';
import { startServerProcess, type ServerProcess } from './support/server-process';

let server: ServerProcess;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-observability-'));
  server = await startServerProcess({ DATA_DIR: dataDir, ...(await freshBackendEnvironment()) });
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('GET /metrics exposes request and operation durations, errors by code, and process metrics', async () => {
  const { client } = await signUp(server.baseUrl);
  await client.gql('query AccountsScreen { accounts { id } }');
  await client.gql('mutation { createTransaction(input: { date: "2025-02-30", amount: "1.00" }) { id } }');
  const response = await new ApiClient(server.baseUrl).fetch('/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/plain/);
  const text = await response.text();
  expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} \d+/);
  expect(text).toMatch(/graphql_operation_duration_seconds_count\{operation="AccountsScreen",type="query"\} 1/);
  expect(text).toMatch(/graphql_errors_total\{code="BAD_USER_INPUT"\} 1/);
  expect(text).toMatch(/process_resident_memory_bytes \d+/);
  expect(text).toMatch(/nodejs_eventloop_lag_seconds/);
  if (backend === 'services') expect(text).toMatch(/db_pool_connections\{state="total"\} \d+/);
});

test('logs are JSON lines with a request id, and never carry passwords or cookies', async () => {
  const password = 'a very secret passphrase';
  const { client } = await signUp(server.baseUrl, { password });
  await client.gql('{ me { id } }', {});
  const traced = await client.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'trace-1234567' },
    body: JSON.stringify({ query: '{ accounts { id } }' }),
  });
  expect(traced.headers.get('x-request-id')).toBe('trace-1234567');
  await new Promise((resolve) => setTimeout(resolve, 200));

  const lines = server.output().trim().split('\n');
  const entries = lines.map((line) => JSON.parse(line) as { req?: { id?: string }; msg?: string });
  const requestLines = entries.filter((entry) => entry.req);
  expect(requestLines.length).toBeGreaterThan(2);
  for (const entry of requestLines) expect(entry.req?.id).toEqual(expect.any(String));
  expect(requestLines.some((entry) => entry.req?.id === 'trace-1234567')).toBe(true);
  const everything = server.output();
  expect(everything).not.toContain(password);
  expect(everything).not.toContain(client.cookie!.split('=')[1]);
  expect(everything).not.toMatch(/set-cookie|"cookie"/i);
});
