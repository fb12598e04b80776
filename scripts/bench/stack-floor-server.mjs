// The stack floor: the floor's SQL behind the stack this product is built on, with nothing of ours
// in between: Express 5, express-session (with the app's session store for the backend),
// express.json and Apollo Server 5 with one field whose resolver runs the captured plan. Between
// the floor and ours, it shows what the mandated stack costs by itself and what our own code adds
// (middleware, schema, services, row mapping, serialization). Started by scripts/bench/index.mjs
// like the floor (FLOOR_DRIVER, FLOOR_DATABASE, FLOOR_PLANS), with the app's environment for its
// sessions (DATA_DIR, or REDIS_URL and REDIS_PREFIX); it reports its port over IPC.
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
const { createRedisClient } = require(path.join(root, 'server/dist/sessions/redis-client.js'));
const { createSessionSetup } = require(path.join(root, 'server/dist/sessions/session-middleware.js'));

const plans = JSON.parse(fs.readFileSync(process.env.FLOOR_PLANS, 'utf8'));
const runner = await openPlanRunner({ driver: process.env.FLOOR_DRIVER, database: process.env.FLOOR_DATABASE });
// The app's own session setup (store, cookie, sliding expiry), from the app's configuration.
const config = loadConfig(process.env);
const redis = config.redis ? createRedisClient(config.redis.url) : null;
const sessions = createSessionSetup(config, redis);

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
app.use(sessions.middleware);
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
    await sessions.close();
    redis?.disconnect();
    await runner.close();
    process.exit(0);
  }),
);
