// The stack floor: the floor's SQL behind the stack this product is built on, with nothing of ours
// in between: Express 5, express-session (with the app's session store for the backend),
// express.json and Apollo Server 5 with one field whose resolver runs the captured plan. Between
// the floor and ours, it shows what the mandated stack costs by itself and what our own code adds
// (middleware, schema, services, row mapping, serialization). Started by scripts/bench/index.mjs
// like the floor (FLOOR_DRIVER, FLOOR_DATABASE, FLOOR_PLANS), plus STACK_SESSION_DIR on SQLite or
// STACK_REDIS_URL and STACK_REDIS_PREFIX on Postgres; it reports its port over IPC.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { openPlanRunner } from './plan-runner.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(path.join(root, 'server/package.json'));
const express = require('express');
const session = require('express-session');
const { Redis } = require('ioredis');
const { ApolloServer } = require('@apollo/server');
const { expressMiddleware } = require('@as-integrations/express5');
const { GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema, GraphQLString } = require('graphql');
const { SqliteSessionStore } = require(path.join(root, 'server/dist/sessions/sqlite-session-store.js'));
const { RedisSessionStore } = require(path.join(root, 'server/dist/sessions/redis-session-store.js'));

const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const TOUCH_SLACK_MS = 60_000;

const plans = JSON.parse(fs.readFileSync(process.env.FLOOR_PLANS, 'utf8'));
const runner = await openPlanRunner({ driver: process.env.FLOOR_DRIVER, database: process.env.FLOOR_DATABASE });
const redis = process.env.STACK_REDIS_URL ? new Redis(process.env.STACK_REDIS_URL) : null;
const store = redis
  ? new RedisSessionStore({ client: redis, prefix: `${process.env.STACK_REDIS_PREFIX}stack:` }, TOUCH_SLACK_MS)
  : new SqliteSessionStore(path.join(process.env.STACK_SESSION_DIR, 'stack-sessions.sqlite'), SESSION_MAX_AGE_MS, TOUCH_SLACK_MS);

// The statements' rows as they come from the driver, as one JSON value.
const Rows = new GraphQLScalarType({ name: 'Rows', serialize: (value) => value });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      plan: {
        type: Rows,
        args: { name: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_root, { name }, context) => {
          if (context.userId === undefined) throw new Error('not signed in');
          const plan = plans[name];
          if (!plan) throw new Error(`no plan ${name}`);
          return runner.run(plan);
        },
      },
    },
  }),
});
const apollo = new ApolloServer({ schema });
await apollo.start();

const app = express();
app.use(
  session({
    secret: 'the stack floor signs its own cookies',
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: SESSION_MAX_AGE_MS },
  }),
);
app.post('/login', (req, res) => {
  req.session.userId = 1;
  res.json({ signedIn: true });
});
app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context: async ({ req }) => ({ userId: req.session.userId }) }));

const server = http.createServer(app);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () =>
  server.close(async () => {
    await apollo.stop();
    if (redis) redis.disconnect();
    else store.close();
    await runner.close();
    process.exit(0);
  }),
);
