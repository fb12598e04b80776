#!/usr/bin/env node
// Seeds realistic data where the app is configured to keep it (DATA_DIR, or DATABASE_URL and S3_*):
//   npm run seed -- --users 3 --transactions 100000
// Needs the server built (npm run build -w server). Users are seed-<n>@example.com.
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import cliProgress from 'cli-progress';

const require = createRequire(import.meta.url);
require('reflect-metadata');
require('dotenv/config');
const { loadConfig } = require('../server/dist/config.js');
const { createCore } = require('../server/dist/core.js');
const { createLogger } = require('../server/dist/logger.js');
const { seedUser, analyseAfterSeeding } = require('../server/dist/seed/seed.js');

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1' },
    transactions: { type: 'string', default: '10000' },
    years: { type: 'string', default: '10' },
    receipts: { type: 'string', default: '0.005' },
    seed: { type: 'string', default: '1' },
    password: { type: 'string', default: 'seeded household password 2026' },
    'email-prefix': { type: 'string', default: 'seed' },
  },
});

const users = Number(values.users);
const transactions = Number(values.transactions);
const context = await createCore(loadConfig(process.env), createLogger({ logLevel: 'warn' }), { forScript: true });
const bar = new cliProgress.SingleBar(
  { format: 'seeding {bar} {percentage}% | {value}/{total} transactions | {duration}s', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
const started = Date.now();
bar.start(users * transactions, 0);
const seeded = [];
try {
  for (let n = 1; n <= users; n += 1) {
    const before = n - 1;
    seeded.push(
      await seedUser(context.services, context.dataSource, context.storage, {
        email: `${values['email-prefix']}-${n}@example.com`,
        password: values.password,
        transactions,
        years: Number(values.years),
        receiptShare: Number(values.receipts),
        seed: Number(values.seed) + n,
        onProgress: (written) => bar.update(before * transactions + written),
      }),
    );
  }
  await analyseAfterSeeding(context.dataSource);
} finally {
  bar.stop();
  await context.close();
}
const seconds = (Date.now() - started) / 1000;
for (const user of seeded) console.log(`${user.email}: ${user.transactions} transactions, ${user.receipts} receipts`);
console.log(`password: ${values.password}`);
console.log(`${users * transactions} transactions in ${seconds.toFixed(1)} s (${Math.round((users * transactions) / seconds)}/s)`);
