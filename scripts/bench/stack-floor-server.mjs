// The stack floor: the floor's SQL behind the stack this product is built on, with nothing of ours
// in between: Express 5, express-session (with the app's session store for the backend),
// express.json and Apollo Server 5 with one field whose resolver runs the captured plan. Between
// the floor and ours, it shows what the mandated stack costs by itself and what our own code adds
// (middleware, schema, services, row mapping, serialization). Started by scripts/bench/index.mjs
// like the floor (FLOOR_DRIVER, FLOOR_DATABASE, FLOOR_PLANS), with the app's environment for its
// sessions (DATA_DIR, or REDIS_URL and REDIS_PREFIX); it reports its port over IPC.
//
// STACK_LAYERS picks the layers on top of Express and express.json: "session,apollo" (the default,
// the whole stack), "session", "apollo" or "" (Express alone, answering the rows with res.json).
// Every variant takes the same POST /graphql request, so the benchmark can tell what each layer costs.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { openPlanRunner } from './plan-runner.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(path.join(root, 'server/package.json'));
const express = require('express');
const { ApolloServer } = require('@apollo/server');
const { expressMiddleware } = require('@as-integrations/express5');
const { GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema, GraphQLString } = require('graphql');
const { loadConfig } = require(path.join(root, 'server/dist/config.js'));
const { createCore } = require(path.join(root, 'server/dist/core.js'));
const { createLogger } = require(path.join(root, 'server/dist/logger.js'));

const layers = new Set((process.env.STACK_LAYERS ?? 'session,apollo').split(',').filter(Boolean));
const plans = JSON.parse(fs.readFileSync(process.env.FLOOR_PLANS, 'utf8'));
const runner = await openPlanRunner({ driver: process.env.FLOOR_DRIVER, database: process.env.FLOOR_DATABASE });
// The app's own session setup (store, cookie, sliding expiry), from the app's core and configuration;
// requests use nothing else of the core. The benchmark sets SESSION_SECRET for the app and this server alike.
const config = loadConfig(process.env);
const core = layers.has('session') ? await createCore(config, createLogger({ logLevel: 'warn' })) : null;
const sessions = core?.sessions ?? null;

/** The plan's rows for a signed-in request (without the session layer, every request is). */
function runPlan(name, userId) {
  if (userId === undefined) throw new Error('not signed in');
  const plan = plans[name];
  if (!plan) throw new Error(`no plan ${name}`);
  return runner.run(plan);
}
const userIdOf = (req) => (sessions ? req.session.userId : 1);

// The statements' rows as they come from the driver, as one JSON value.
const Rows = new GraphQLScalarType({ name: 'Rows', serialize: (value) => value });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      plan: {
        type: Rows,
        args: { name: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_root, { name }, context) => runPlan(name, context.userId),
      },
    },
  }),
});
const apollo = layers.has('apollo') ? new ApolloServer({ schema }) : null;
await apollo?.start();

const app = express();
// As in the app, answers get no ETag: Express would otherwise hash every body for a validator
// no POST uses, a cost the app switched off and should not be charged to the stack.
app.set('etag', false);
if (sessions) app.use(sessions.middleware);
app.post('/login', (req, res) => {
  if (sessions) req.session.userId = 1;
  res.json({ signedIn: true });
});
if (apollo) {
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context: async ({ req }) => ({ userId: userIdOf(req) }) }));
} else {
  // The answer Apollo would give, built by hand.
  app.post('/graphql', express.json({ limit: '1mb' }), async (req, res) => {
    res.json({ data: { plan: await runPlan(req.body.variables.name, userIdOf(req)) } });
  });
}

const server = http.createServer(app);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () =>
  server.close(async () => {
    await apollo?.stop();
    await core?.close();
    await runner.close();
    process.exit(0);
  }),
);
