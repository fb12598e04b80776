import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestApp, type RunningApp } from './support/test-app';

// The web client's files as the build leaves them (web/vite.config.ts): a brotli and a gzip copy
// beside each text file, hashed names under assets/, and one small file with no compressed copy.
const INDEX = '<!doctype html><html><head><title>app</title><script type="module" src="/assets/index-C0ffee12.js"></script></head><body></body></html>';
const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "row ${i}" }`).join(', ')}];\n`;
const ICON = '<svg xmlns="http://www.w3.org/2000/svg"/>';
const IMMUTABLE = 'public, max-age=31536000, immutable';

function fixtureDist(): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-web-wire-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  const withCompressedCopies = (file: string, text: string) => {
    fs.writeFileSync(path.join(dist, file), text);
    fs.writeFileSync(path.join(dist, `${file}.br`), zlib.brotliCompressSync(text));
    fs.writeFileSync(path.join(dist, `${file}.gz`), zlib.gzipSync(text));
  };
  withCompressedCopies('index.html', INDEX);
  withCompressedCopies('assets/index-C0ffee12.js', SCRIPT);
  fs.writeFileSync(path.join(dist, 'favicon.svg'), ICON);
  return dist;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent, not decoded (fetch would decode them). */
  body: Buffer;
}

function request(baseUrl: string, pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(response: RawResponse): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(response.body).toString();
  if (encoding === 'gzip') return zlib.gunzipSync(response.body).toString();
  expect(encoding).toBeUndefined();
  return response.body.toString();
}

let dist: string;
let running: RunningApp;

beforeAll(async () => {
  dist = fixtureDist();
  running = await startTestApp({ WEB_DIST_DIR: dist });
});

afterAll(async () => {
  await running?.destroy();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('a hashed asset', () => {
  const asset = '/assets/index-C0ffee12.js';

  test('is sent as brotli when accepted, gzip when only that is, else as it is; each decodes to the file', async () => {
    const cases = [
      ['gzip, deflate, br, zstd', 'br'],
      ['br;q=0.5, gzip;q=1', 'br'], // ours to choose among the accepted: brotli is the smaller
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', undefined],
      ['', undefined],
    ] as const;
    for (const [acceptEncoding, expected] of cases) {
      const response = await request(running.baseUrl, asset, acceptEncoding ? { 'accept-encoding': acceptEncoding } : {});
      expect([acceptEncoding, response.status, response.headers['content-encoding']]).toEqual([acceptEncoding, 200, expected]);
      expect(response.headers['vary']).toMatch(/Accept-Encoding/i);
      // The charset's case differs between the copies (mime-types' and send's); it means the same.
      expect(response.headers['content-type']?.toLowerCase()).toBe('text/javascript; charset=utf-8');
      expect(Number(response.headers['content-length'])).toBe(response.body.length);
      expect(decoded(response)).toBe(SCRIPT);
      expect(response.headers['cache-control']).toBe(IMMUTABLE);
      // The security headers stay on files too.
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const brotli = await request(running.baseUrl, asset, { 'accept-encoding': 'br' });
    expect(brotli.body.length).toBe(fs.statSync(path.join(dist, 'assets/index-C0ffee12.js.br')).size);
    expect(brotli.body.length).toBeLessThan(SCRIPT.length / 4);
  });

  test('each encoding has its own validator, so a cache never answers one with the other', async () => {
    const brotli = await request(running.baseUrl, asset, { 'accept-encoding': 'br' });
    const plain = await request(running.baseUrl, asset);
    expect(brotli.headers.etag).toBeDefined();
    expect(brotli.headers.etag).not.toBe(plain.headers.etag);
    expect((await request(running.baseUrl, asset, { 'accept-encoding': 'br', 'if-none-match': brotli.headers.etag! })).status).toBe(304);
    expect((await request(running.baseUrl, asset, { 'if-none-match': brotli.headers.etag! })).status).toBe(200);
  });

  test('HEAD has the headers and no body; a range is of the bytes sent', async () => {
    const head = await request(running.baseUrl, asset, { 'accept-encoding': 'br' }, 'HEAD');
    expect([head.status, head.headers['content-encoding'], head.body.length]).toEqual([200, 'br', 0]);
    expect(Number(head.headers['content-length'])).toBe(fs.statSync(path.join(dist, 'assets/index-C0ffee12.js.br')).size);

    const plainRange = await request(running.baseUrl, asset, { range: 'bytes=0-9' });
    expect([plainRange.status, plainRange.headers['content-range'], plainRange.body.toString()]).toEqual([206, `bytes 0-9/${SCRIPT.length}`, SCRIPT.slice(0, 10)]);
    const brotliFile = fs.readFileSync(path.join(dist, 'assets/index-C0ffee12.js.br'));
    const brotliRange = await request(running.baseUrl, asset, { range: 'bytes=0-9', 'accept-encoding': 'br' });
    expect([brotliRange.status, brotliRange.headers['content-encoding'], brotliRange.headers['content-range']]).toEqual([206, 'br', `bytes 0-9/${brotliFile.length}`]);
    expect(brotliRange.body.equals(brotliFile.subarray(0, 10))).toBe(true);
  });

  test('a missing one is a 404 for a script or JSON, and index.html for a page, as any unknown path', async () => {
    const script = await request(running.baseUrl, '/assets/index-Gone0000.js', { accept: 'application/javascript', 'accept-encoding': 'br' });
    expect(script.status).toBe(404);
    const page = await request(running.baseUrl, '/assets/index-Gone0000.js', { accept: 'text/html', 'accept-encoding': 'br' });
    expect([page.status, page.headers['content-type']?.toLowerCase(), decoded(page)]).toEqual([200, 'text/html; charset=utf-8', INDEX]);
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});

describe('index.html', () => {
  test('itself and for client-side routes: negotiated, revalidated each time, 304 when unchanged', async () => {
    for (const pathname of ['/index.html', '/', '/dashboard', '/transactions?search=coffee']) {
      const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
      for (const [acceptEncoding, expected] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['identity', undefined]] as const) {
        const response = await request(running.baseUrl, pathname, { accept, 'accept-encoding': acceptEncoding });
        expect([pathname, acceptEncoding, response.status, response.headers['content-encoding']]).toEqual([pathname, acceptEncoding, 200, expected]);
        expect(response.headers['content-type']?.toLowerCase()).toBe('text/html; charset=utf-8');
        expect(response.headers['vary']).toMatch(/Accept-Encoding/i);
        expect(response.headers['cache-control']).toBe('no-cache');
        expect(response.headers['last-modified']).toBeDefined();
        expect(Number(response.headers['content-length'])).toBe(response.body.length);
        expect(decoded(response)).toBe(INDEX);
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");

        const again = await request(running.baseUrl, pathname, { accept, 'accept-encoding': acceptEncoding, 'if-none-match': response.headers.etag! });
        expect([pathname, again.status, again.body.length]).toEqual([pathname, 304, 0]);
        const sinceThen = await request(running.baseUrl, pathname, { accept, 'accept-encoding': acceptEncoding, 'if-modified-since': response.headers['last-modified']! });
        expect([pathname, sinceThen.status]).toEqual([pathname, 304]);
      }
    }
  });

  test('HEAD on a client-side route answers as GET would, without the body', async () => {
    const head = await request(running.baseUrl, '/dashboard', { accept: 'text/html', 'accept-encoding': 'gzip' }, 'HEAD');
    expect([head.status, head.headers['content-encoding'], head.body.length]).toEqual([200, 'gzip', 0]);
    expect(Number(head.headers['content-length'])).toBe(fs.statSync(path.join(dist, 'index.html.gz')).size);
  });
});

test('an unhashed file without compressed copies is sent as it is, revalidated', async () => {
  const response = await request(running.baseUrl, '/favicon.svg', { 'accept-encoding': 'gzip, deflate, br' });
  expect([response.status, response.headers['content-encoding'], response.headers['content-type'], response.body.toString()]).toEqual([200, undefined, 'image/svg+xml', ICON]);
  expect(response.headers['cache-control']).toBe('no-cache');
  expect((await request(running.baseUrl, '/favicon.svg', { 'if-none-match': response.headers.etag! })).status).toBe(304);
});
