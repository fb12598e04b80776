// The built server (server/dist/main.js) as its own process, the way `npm start` and a container run it.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { freePort } = require('./ports.cjs');

const MAIN = path.resolve(__dirname, '..', 'server', 'dist', 'main.js');

/** Resolves once baseUrl/healthz answers 200; fails early when the child has exited. */
async function waitForHealth(baseUrl, { child, output = () => '', timeoutMs = 20_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s:\n${output()}`);
}

/** With PORT=0 the kernel picks the port; the server names it in its "listening" log line. */
function waitForListeningLine(child, exited, output, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), timeoutMs);
    const onData = () => {
      const match = /"port":(\d+)[^\n]*listening/.exec(output());
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    exited.then((code) => reject(new Error(`server exited with ${code}:\n${output()}`)));
  });
}

/**
 * Starts server/dist/main.js (build it first; `main` names another checkout's, as the benchmark's
 * baseline does) with exactly `env` (WEB_CONCURRENCY=1 unless it says otherwise) and PORT=port, and resolves once
 * it serves. Port 0 lets the kernel pick and waits for the "listening" log line (LOG_LEVEL info or
 * lower); any other port, by default a free one, waits for /healthz. `quiet` sends stdout to
 * /dev/null and stderr to ours, for long runs whose logs nobody reads.
 */
async function startBuiltServer({ env, port, nodeArgs = [], cwd, timeoutMs = 20_000, quiet = false, main = MAIN }) {
  const listenPort = port ?? (await freePort());
  // One process unless the caller asks for workers: the tests and the benchmark's numbers predate WEB_CONCURRENCY.
  const environment = { WEB_CONCURRENCY: '1', ...env, PORT: String(listenPort) };
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd,
    env: environment,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  let captured = '';
  const output = () => captured;
  if (!quiet) {
    child.stdout.on('data', (chunk) => (captured += chunk));
    child.stderr.on('data', (chunk) => (captured += chunk));
  }
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));

  let baseUrl;
  if (listenPort === 0) {
    baseUrl = `http://127.0.0.1:${await waitForListeningLine(child, exited, output, timeoutMs)}`;
  } else {
    baseUrl = `http://127.0.0.1:${listenPort}`;
    await waitForHealth(baseUrl, { child, output, timeoutMs });
  }
  return {
    child,
    baseUrl,
    output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

module.exports = { startBuiltServer };
