import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshBackendEnvironment } from './support/backends';
import { ApiClient } from './support/client';
import { startServerProcess } from './support/server-process';
import { startTestApp } from './support/test-app';

/** The distinct `route` labels of the HTTP request histogram, as Prometheus would scrape them. */
function routeLabels(text: string): Set<string> {
  return new Set([...text.matchAll(/^http_request_duration_seconds_count\{[^}]*route="([^"]*)"/gm)].map((match) => match[1]));
}

test('1000 requests to random unmatched paths add one "unmatched" route label, never the paths', async () => {
  // With the web client's files served, as in production: a malformed path there is a 400, not a 404.
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-web-dist-'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Finance</title>');
  const running = await startTestApp({ WEB_DIST_DIR: webDist });
  try {
    const client = new ApiClient(running.baseUrl);
    // The web client's own answers first: its file, and index.html for a client-side route.
    expect((await client.fetch('/index.html')).status).toBe(200);
    expect((await client.fetch('/settings', { headers: { accept: 'text/html' } })).status).toBe(200);
    const before = routeLabels(await (await client.fetch('/metrics')).text());
    const token = crypto.randomBytes(4).toString('hex');
    for (let i = 0; i < 1000; i += 1) {
      // Unknown paths (404), and paths Express answers itself (OPTIONS on a route's path: 200, no route set).
      const [method, pathname] = ([['POST', `/${token}-${i}`], ['GET', `/assets/${token}-${i}.js`], ['OPTIONS', `/receipts/${token}-${i}`]] as const)[i % 3];
      const response = await client.fetch(pathname, { method, headers: { accept: 'application/json' } });
      await response.arrayBuffer();
    }
    const after = routeLabels(await (await client.fetch('/metrics')).text());
    expect([...after].filter((label) => !before.has(label))).toEqual(['unmatched']);
    expect([...after].some((label) => label.includes(token))).toBe(false);
    expect(before.has('static')).toBe(true);
  } finally {
    await running.destroy();
    fs.rmSync(webDist, { recursive: true, force: true });
  }
});

test('with METRICS_PORT, /metrics answers on that port only, and that port serves nothing else', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-metrics-port-'));
  const server = await startServerProcess({ DATA_DIR: dataDir, METRICS_PORT: '0', ...(await freshBackendEnvironment()) });
  try {
    const deadline = Date.now() + 10_000;
    let match: RegExpExecArray | null = null;
    while (!(match = /"metricsPort":(\d+)/.exec(server.output())) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(match).not.toBeNull();
    const metricsUrl = `http://127.0.0.1:${match![1]}`;

    const main = new ApiClient(server.baseUrl);
    expect((await main.gql('{ me { id } }')).data).toEqual({ me: null });
    const onMainPort = await main.fetch('/metrics');
    expect(onMainPort.status).toBe(404);
    expect(await onMainPort.text()).not.toMatch(/http_request_duration_seconds/);

    const scraped = await fetch(`${metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/graphql",status="\d+"\} 1/);
    expect((await fetch(`${metricsUrl}/graphql`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${metricsUrl}/healthz`)).status).toBe(404);
  } finally {
    expect(await server.stop()).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
