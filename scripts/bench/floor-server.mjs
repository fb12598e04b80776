// The floor: the same SQL through the same driver behind the thinnest HTTP handler there is
// (node:http, no framework, no GraphQL, no session store). GET /<plan name> runs that plan and
// answers its rows as JSON. Started by scripts/bench/index.mjs with FLOOR_DRIVER, FLOOR_DATABASE
// and FLOOR_PLANS (a JSON file of captured plans); it reports its port over IPC.
import fs from 'node:fs';
import http from 'node:http';
import { openPlanRunner, toJson } from './plan-runner.mjs';

const plans = JSON.parse(fs.readFileSync(process.env.FLOOR_PLANS, 'utf8'));
const runner = await openPlanRunner({ driver: process.env.FLOOR_DRIVER, database: process.env.FLOOR_DATABASE });

const server = http.createServer(async (req, res) => {
  const plan = plans[decodeURIComponent(req.url.slice(1))];
  if (!plan) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = toJson(await runner.run(plan));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => server.close(() => runner.close().then(() => process.exit(0))));
