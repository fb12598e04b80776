// The processes measured side by side: the app as npm start runs it, the floor and the stack floor, and the requests each is sent.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startBuiltServer } from '../../test-kit/server.cjs';
import { SERVER_NODE_FLAGS } from '../server-flags.mjs';
import { options } from './cli.mjs';
import { request } from './http-client.mjs';
import { toJson } from './plan-runner.mjs';

const root = path.resolve(import.meta.dirname, '../..');

/** The app as `npm start` runs it (node with its flags, server/dist/main.js), in production mode, logging to /dev/null; --app-flags adds to its flags. */
export function startApp(backend) {
  return startBuiltServer({ cwd: root, env: { ...process.env, ...backend.env }, nodeArgs: [...SERVER_NODE_FLAGS, ...options.appFlags], timeoutMs: 30_000, quiet: true });
}

/** Forks one of the reference servers of this folder; it reports its port over IPC. */
async function forkServer(script, env, execArgv = []) {
  const child = fork(path.join(import.meta.dirname, script), { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

/** Writes the captured plans where both floors read them; returns the environment they share. */
export function floorEnvironment(backend, plans) {
  const plansFile = path.join(backend.env.DATA_DIR, 'floor-plans.json');
  fs.writeFileSync(plansFile, toJson(plans));
  return { FLOOR_DRIVER: backend.kind, FLOOR_DATABASE: backend.floorDatabase, FLOOR_PLANS: plansFile };
}

export function startFloor(floorEnv) {
  return forkServer('floor-server.mjs', floorEnv);
}

/**
 * The stack floor (stack-floor-server.mjs), signed in: the floor's SQL behind Express,
 * express-session and Apollo, or behind only some of those layers (STACK_LAYERS).
 */
export async function startStackFloor(backend, floorEnv, layers = 'session,apollo') {
  // The app's environment (production mode, its session settings) and Node flags, with session
  // files or keys of its own beside the app's.
  const own = layers === 'session,apollo' ? 'stack-floor' : `stack-floor-${layers || 'express'}`;
  const env = { ...backend.env, ...floorEnv, STACK_LAYERS: layers, DATA_DIR: path.join(backend.env.DATA_DIR, own) };
  if (env.REDIS_PREFIX) env.REDIS_PREFIX = `${env.REDIS_PREFIX}${own}:`;
  const server = await forkServer('stack-floor-server.mjs', env, SERVER_NODE_FLAGS);
  const login = await request(`${server.baseUrl}/login`, { method: 'POST' });
  return { ...server, cookie: (login.headers['set-cookie'] ?? []).map((entry) => entry.split(';')[0]).join('; ') };
}

const STACK_FLOOR_QUERY = 'query Plan($name: String!) { plan(name: $name) }';

/** A signed-in GraphQL POST: what the timed requests and the load test send. */
function graphqlPost(cookie, body) {
  return { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body };
}

/** The app's request for a case, as the web client asks, signed in as the case's user. */
export const oursPost = (entry) => graphqlPost(entry.cookie, entry.body);
/** A stack floor's request for a captured plan. */
export const stackFloorPost = (stack, key) => graphqlPost(stack.cookie, JSON.stringify({ query: STACK_FLOOR_QUERY, variables: { name: key } }));

export function oursRequest(app, entry) {
  return request(`${app.baseUrl}/graphql`, oursPost(entry));
}

export function stackFloorRequest(stack, key) {
  return request(`${stack.baseUrl}/graphql`, stackFloorPost(stack, key));
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
}
