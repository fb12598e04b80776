import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, DESKTOP, graphqlFrom, launch, signUp } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const dana = { name: 'Dana Wire', email: `dana-${Date.now()}@example.com`, password: 'correct horse battery' };
// One run each in the suite; WIRE_RUNS=5 for the medians docs/performance.md gives.
const RUNS = Number(process.env.WIRE_RUNS ?? 1);

interface Load {
  /** Every response's bytes as received (headers and encoded body), from Chromium's network events. */
  bytes: number;
  /** The part of `bytes` that is the web client's files, not GraphQL. */
  fileBytes: number;
  /** The same files decoded: what they would weigh sent as they are. */
  fileDecodedBytes: number;
  requests: number;
  /** Milliseconds from the navigation's start until the screen shows its data. */
  ready: number;
  files: { url: string; status: number; encoding: string; cacheControl: string; fromCache: boolean }[];
}

/**
 * The first load of one screen of the web client, on loopback, in a browser profile of its own (an
 * empty cache), the bytes counted from Chromium's own network events (DevTools protocol). With
 * `identity`, the browser asks for files as they are, as the server sent them before point 6.
 */
async function firstLoad(
  browser: Browser,
  pathname: string,
  shown: () => number | false,
  options: { identity: boolean; signedIn?: Awaited<ReturnType<BrowserContext['storageState']>>; link?: Link },
) {
  const context = await browser.newContext({
    baseURL,
    viewport: DESKTOP,
    locale: 'en-US',
    timezoneId: 'UTC',
    storageState: options.signedIn,
    extraHTTPHeaders: options.identity ? { 'accept-encoding': 'identity' } : {},
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const watch = await watchNetwork(context, page, options.link);
  await page.goto(pathname);
  const ready = await (await page.waitForFunction(shown, undefined, { polling: 'raf' })).jsonValue();
  // The screen's later requests (the chart code, a second query) count too.
  await page.waitForLoadState('networkidle');
  const load: Load = { ...watch.totals(), ready: Math.round(Number(ready)) };
  return { context, page, watch, load };
}

/** A slower link than loopback, as Chromium emulates one (on the bytes as they come, compressed or not). */
interface Link {
  megabitsPerSecond: number;
  roundTripMs: number;
}

async function watchNetwork(context: BrowserContext, page: Page, link?: Link) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (link) {
    const bytesPerSecond = (link.megabitsPerSecond * 1e6) / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: link.roundTripMs, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond / 2 });
  }
  const responses = new Map<string, { url: string; status: number; encoding: string; cacheControl: string; fromCache: boolean; decoded: number }>();
  const finished = new Map<string, number>();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const header = (name: string) => Object.entries(response.headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
    responses.set(requestId, { url: response.url, status: response.status, encoding: header('content-encoding'), cacheControl: header('cache-control'), fromCache: Boolean(response.fromDiskCache || response.fromPrefetchCache), decoded: 0 });
  });
  // The status as it came over the wire: a revalidated file's 304, which responseReceived shows as the cached 200.
  const wireStatus = new Map<string, number>();
  cdp.on('Network.responseReceivedExtraInfo', ({ requestId, statusCode }) => wireStatus.set(requestId, statusCode));
  // Sent for a file from the memory cache, before its responseReceived.
  const servedFromCache = new Set<string>();
  cdp.on('Network.requestServedFromCache', ({ requestId }) => servedFromCache.add(requestId));
  cdp.on('Network.dataReceived', ({ requestId, dataLength }) => {
    const response = responses.get(requestId);
    if (response) response.decoded += dataLength;
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => finished.set(requestId, encodedDataLength));
  return {
    reset: () => {
      responses.clear();
      finished.clear();
      servedFromCache.clear();
      wireStatus.clear();
    },
    totals: () => {
      let bytes = 0;
      let fileBytes = 0;
      let fileDecodedBytes = 0;
      const files: Load['files'] = [];
      for (const [requestId, encoded] of finished) {
        const response = responses.get(requestId);
        if (!response || response.url.startsWith('data:')) continue;
        bytes += encoded;
        if (new URL(response.url).pathname.startsWith('/graphql')) continue;
        fileBytes += encoded;
        fileDecodedBytes += response.decoded;
        files.push({ url: new URL(response.url).pathname, status: wireStatus.get(requestId) ?? response.status, encoding: response.encoding, cacheControl: response.cacheControl, fromCache: response.fromCache || servedFromCache.has(requestId) });
      }
      return { bytes, fileBytes, fileDecodedBytes, requests: finished.size, files };
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Point 6 of "Performance, second round": the web client's files compressed at build and sent by
// Accept-Encoding, cached by their hashed names. This measures the first load of three screens as
// the browser sends them now and as it would with no compression, and writes the numbers to
// test-artifacts/wire.json (docs/performance.md has them).
describe.skipIf(!executable)('the web client on the wire', () => {
  let browser: Browser;
  let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;
  const results: Record<string, Record<string, Load[]>> = { compressed: {}, identity: {} };

  const dashboardShown = () =>
    // The totals and the spending chart, drawn with this month's data.
    document.querySelector('[data-testid=total-expenses]')?.textContent?.trim() === '$100.00' && Boolean(document.querySelector('canvas[data-chart-data]')) && performance.now();
  const screens: Record<string, { path: string; signedIn: boolean; shown: () => number | false; link?: Link }> = {
    'sign-in': { path: '/signin', signedIn: false, shown: () => Boolean(document.querySelector('button[type=submit]')) && performance.now() },
    dashboard: { path: '/', signedIn: true, shown: dashboardShown },
    transactions: { path: '/transactions', signedIn: true, shown: () => document.querySelectorAll('ul.transactions li').length >= 20 && performance.now() },
    // The same first load over a modest link (10 Mbit/s, 40 ms round trip), where the bytes show in the time.
    'dashboard, 10 Mbit/s': { path: '/', signedIn: true, shown: dashboardShown, link: { megabitsPerSecond: 10, roundTripMs: 40 } },
  };

  beforeAll(async () => {
    browser = await launch(executable);
    const context = await browser.newContext({ baseURL, viewport: DESKTOP, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto('/signup');
    await signUp(page, dana);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const { categories } = await graphqlFrom(page, '{ categories { id name } }');
    const groceries = categories.find((c: { name: string }) => c.name === 'Groceries').id;
    const today = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < 25; i += 1) {
      const amount = i === 0 ? '-76.00' : '-1.00';
      await graphqlFrom(page, 'mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', { input: { date: today, amount, description: `Market ${i}`, categoryId: groceries } });
    }
    signedIn = await context.storageState();
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads each screen with an empty cache, compressed and not', async () => {
    for (let run = 0; run < RUNS; run += 1) {
      for (const mode of ['identity', 'compressed'] as const) {
        for (const [name, screen] of Object.entries(screens)) {
          const { context, load } = await firstLoad(browser, screen.path, screen.shown, { identity: mode === 'identity', signedIn: screen.signedIn ? signedIn : undefined, link: screen.link });
          await context.close();
          (results[mode][name] ??= []).push(load);
          for (const file of load.files) {
            // No file is sent from a cache on a first load; each came whole (index.html for the routes).
            // The icon is the browser's, not the page's: Chromium keeps it across profiles and revalidates it.
            if (file.url !== '/favicon.svg') expect([file.url, file.fromCache, file.status]).toEqual([file.url, false, 200]);
            if (file.url.startsWith('/assets/')) expect([file.url, file.cacheControl]).toEqual([file.url, 'public, max-age=31536000, immutable']);
            else expect([file.url, file.cacheControl]).toEqual([file.url, 'no-cache']);
            if (mode === 'identity') expect([file.url, file.encoding]).toEqual([file.url, '']);
          }
          if (mode === 'compressed') {
            // Chromium asks for brotli: every script, style sheet and page comes that way.
            const texts = load.files.filter((file) => /\.(js|css)$/.test(file.url) || !/\.\w+$/.test(file.url) || file.url.endsWith('.html'));
            expect(texts.length).toBeGreaterThan(1);
            for (const file of texts) expect([file.url, file.encoding]).toEqual([file.url, 'br']);
          }
        }
      }
    }
    const table = Object.fromEntries(
      Object.keys(screens).map((name) => {
        const [identity, compressed] = [results.identity[name], results.compressed[name]];
        return [
          name,
          {
            requests: compressed[0].requests,
            bytesIdentity: median(identity.map((load) => load.bytes)),
            bytesCompressed: median(compressed.map((load) => load.bytes)),
            fileBytesIdentity: median(identity.map((load) => load.fileBytes)),
            fileBytesCompressed: median(compressed.map((load) => load.fileBytes)),
            fileBytesDecoded: median(compressed.map((load) => load.fileDecodedBytes)),
            readyMsIdentity: median(identity.map((load) => load.ready)),
            readyMsCompressed: median(compressed.map((load) => load.ready)),
            readyMsRuns: { identity: identity.map((load) => load.ready), compressed: compressed.map((load) => load.ready) },
          },
        ];
      }),
    );
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'wire.json'), `${JSON.stringify(table, null, 2)}\n`);
    console.info(JSON.stringify(table, null, 2));
    for (const row of Object.values(table)) expect(row.fileBytesCompressed).toBeLessThan(row.fileBytesIdentity * 0.4);
  });

  it('a second visit to the dashboard sends no file again: hashed files from the cache, index.html a 304', async () => {
    const { context, page, watch } = await firstLoad(browser, '/', dashboardShown, { identity: false, signedIn });
    try {
      watch.reset();
      await page.goto('/');
      await page.waitForFunction(dashboardShown);
      await page.waitForLoadState('networkidle');
      const again = watch.totals();
      const index = again.files.find((file) => file.url === '/');
      expect(index?.status).toBe(304);
      for (const file of again.files.filter((file) => file.url.startsWith('/assets/'))) expect([file.url, file.fromCache]).toEqual([file.url, true]);
      console.info(`second visit: ${again.bytes} bytes on the wire in ${again.requests} requests (${again.fileBytes} of them files)`);
      fs.writeFileSync(path.join(ARTIFACTS, 'wire-second-visit.json'), `${JSON.stringify(again, null, 2)}\n`);
    } finally {
      await context.close();
    }
  });
});
