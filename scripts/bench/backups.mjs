// Backup and restore: GET /backup of one user with 100 000 transactions (splits, transfers,
// budgets, rules) and 500 receipt files, then restoreBackup of that archive into a fresh user, a
// dry run of it, and the floor: the same rows bulk-inserted through the seed's write path (one
// insertBatch, one database transaction) with the same files stored. Each round takes them in
// another order, on fresh users; the report gives medians and restore ÷ floor. On Postgres the
// receipts are on S3 (s3rver), as a services deployment keeps them. The quick run (npm test)
// checks what the restore wrote: each account's count and sum, and every receipt's bytes.
import crypto from 'node:crypto';
import http from 'node:http';
import { startS3rver } from '../../test-kit/services.cjs';
import { args, log, options, PASSWORD } from './cli.mjs';
import { GraphQLClient, multipartBody } from './http-client.mjs';
import { median, timed } from './measurement.mjs';
import { operations } from './operations.mjs';
import { receiptFiles } from './receipt-files.mjs';
import { createCore, createLogger, loadConfig, ownerScope, readBackupRows, seedUser, unpackArchive } from './server-dist.mjs';
import { memoryOf, startApp, stop } from './servers.mjs';

const RESTORE = `mutation RestoreBackup($file: Upload!, $dryRun: Boolean) {
  restoreBackup(file: $file, dryRun: $dryRun) {
    dryRun formatVersion
    accounts { created skipped } categories { created skipped } transactions { created skipped } splits { created skipped } transfers { created skipped }
    receipts { created skipped } rules { created skipped } budgets { created skipped } importProfiles { created skipped }
  }
}`;
const CREATE_RULE = `mutation CreateRule($input: RuleInput!) { createRule(input: $input) { id } }`;
const KINDS = ['accounts', 'categories', 'transactions', 'splits', 'transfers', 'receipts', 'rules', 'budgets', 'importProfiles'];
/** The bound: a restore within three times the bulk insert of the same rows. */
export const RESTORE_TARGET = 3;

const progress = (line) => {
  if (!args.quick) log(`    ${line}`);
};

/** GET with the session cookie, the whole body as bytes: the time to the last byte is the backup's. */
function download(baseUrl, path, cookie) {
  return new Promise((resolve, reject) => {
    http.get(`${baseUrl}${path}`, { headers: { cookie } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${path}: ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`))));
    }).on('error', reject);
  });
}

async function signUp(app, label) {
  const client = new GraphQLClient(app.baseUrl);
  const email = `bench-${label}-${crypto.randomUUID()}@example.com`;
  const { register } = await client.send(operations.register, { input: { email, password: PASSWORD, name: `Bench ${label}`, currency: 'USD' } });
  return { client, userId: Number(register.id) };
}

/** The source: the seed's household (splits, transfers, budgets) with receipts of real sizes and a few rules. */
async function seedSource(core, app, sizes) {
  const email = `bench-backup-${crypto.randomUUID()}@example.com`;
  const user = await seedUser(core.services, core.dataSource, core.storage, { email, password: PASSWORD, transactions: sizes.transactions, years: 10, receiptShare: 0, seed: 20 });
  const scope = ownerScope(user.userId);
  const ids = (await core.dataSource.query(`SELECT "id" FROM "transactions" WHERE "user_id" = ${placeholder(core)} ORDER BY "id"`, [user.userId])).map((row) => Number(row.id));
  const files = receiptFiles(sizes.receipts);
  const receipts = files.map((file, i) => ({
    transactionId: ids[Math.floor((i * ids.length) / files.length)],
    filename: file.filename,
    contentType: file.contentType,
    size: file.body.length,
    storageKey: `${user.userId}/${crypto.randomUUID()}`,
  }));
  for (const [i, receipt] of receipts.entries()) await core.storage.put(receipt.storageKey, files[i].body, receipt.contentType);
  await core.services.receipts.insertStored(scope, receipts);
  const client = new GraphQLClient(app.baseUrl);
  await client.send(operations.login, { email, password: PASSWORD });
  const categories = (await client.send(operations.categories)).categories;
  for (const [i, category] of categories.slice(0, 5).entries()) {
    await client.send(CREATE_RULE, { input: { name: `Rule ${i}`, conditions: [{ field: 'DESCRIPTION', operator: 'CONTAINS', value: `merchant ${i}` }], actions: [{ type: 'SET_CATEGORY', value: category.id }] } });
  }
  return { userId: user.userId, client, hashes: new Map(files.map((file) => [file.filename, sha256(file.body)])), bytes: files.reduce((sum, file) => sum + file.body.length, 0) };
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const placeholder = (core, n = 1) => (core.dataSource.options.type === 'postgres' ? `$${n}` : '?');

/**
 * The floor's input, from the archive as the restore reads it (parsing is not timed): the rows in
 * the shape insertBatch takes, with their parts and transfer pairs by position, and the files.
 */
function floorInput(archive) {
  const { rows, receiptFiles: files } = archive;
  const parts = new Map();
  for (const split of rows.splits) {
    if (!parts.has(split.transactionId)) parts.set(split.transactionId, []);
    parts.get(split.transactionId).push(split);
  }
  const indexOf = new Map(rows.transactions.map((row, index) => [row.id, index]));
  return {
    accounts: rows.accounts,
    transactions: rows.transactions,
    splits: [...parts].map(([transactionId, list]) => ({ row: indexOf.get(transactionId), parts: list.sort((a, b) => a.position - b.position) })),
    transfers: rows.transfers.map((row) => ({ outflow: indexOf.get(row.outflowTransactionId), inflow: indexOf.get(row.inflowTransactionId) })),
    receipts: rows.receipts.map((row) => ({ row, body: files.get(row.id), index: indexOf.get(row.transactionId) })),
    categories: rows.categories,
  };
}

/** The floor for a fresh user: its accounts made first (not timed), then one insertBatch and the receipts' files and rows. */
async function floorOnce(core, user, input) {
  const scope = ownerScope(user.userId);
  const have = new Map((await core.services.accounts.listForUser(scope)).map((account) => [account.name, account.id]));
  for (const account of input.accounts) if (!have.has(account.name)) have.set(account.name, (await core.services.accounts.create(scope, { name: account.name, currency: account.currency })).id);
  const categoryIds = new Map((await core.services.categories.listForUser(scope)).map((category) => [category.name, category.id]));
  const accountName = new Map(input.accounts.map((account) => [account.id, account.name]));
  const categoryName = new Map(input.categories.map((category) => [category.id, category.name]));
  const category = (id) => (id === null ? null : categoryIds.get(categoryName.get(id)) ?? null);
  const rows = input.transactions.map((row) => ({
    accountId: have.get(accountName.get(row.accountId)),
    categoryId: row.isSplit ? null : category(row.categoryId),
    date: row.date,
    amount: row.amount,
    description: row.description,
    notes: row.notes,
    importedDescription: row.importedDescription,
    externalId: row.externalId,
    importFingerprint: row.importFingerprint,
  }));
  const links = {
    splits: input.splits.map(({ row, parts }) => ({ row, parts: parts.map((part) => ({ amount: part.amount, categoryId: category(part.categoryId), notes: part.notes })) })),
    transfers: input.transfers,
  };
  let ids;
  const ms = await timed(async () => {
    ids = await core.services.transactions.insertBatch(scope, rows, links);
    const receipts = input.receipts.map(({ row, index }) => ({ transactionId: ids[index], filename: row.filename, contentType: row.contentType, size: row.size, storageKey: `${user.userId}/${crypto.randomUUID()}` }));
    for (const [i, receipt] of receipts.entries()) await core.storage.put(receipt.storageKey, input.receipts[i].body, receipt.contentType);
    await core.services.receipts.insertStored(scope, receipts);
  });
  return { ms, count: ids.length };
}

/** Per account (by name): transactions, their sum, parts and their sum; and the owner's transfers and receipts. */
async function figuresOf(core, userId) {
  const p = placeholder(core);
  const q = (sql) => core.dataSource.query(sql, [userId]);
  const accounts = await q(`SELECT "a"."name" AS "name", COUNT("t"."id") AS "count", CAST(COALESCE(SUM("t"."amount"), 0) AS TEXT) AS "sum"
    FROM "accounts" "a" LEFT JOIN "transactions" "t" ON "t"."account_id" = "a"."id" WHERE "a"."user_id" = ${p} GROUP BY "a"."name" ORDER BY "a"."name"`);
  const splits = await q(`SELECT COUNT(*) AS "count", CAST(COALESCE(SUM("amount"), 0) AS TEXT) AS "sum" FROM "transaction_splits" WHERE "user_id" = ${p}`);
  const transfers = await q(`SELECT COUNT(*) AS "count" FROM "transfers" WHERE "user_id" = ${p}`);
  const legs = await q(`SELECT COUNT(*) AS "count" FROM "transactions" WHERE "transfer_id" IS NOT NULL AND "user_id" = ${p}`);
  const budgets = await q(`SELECT COUNT(*) AS "count", CAST(COALESCE(SUM("amount"), 0) AS TEXT) AS "sum" FROM "budgets" WHERE "user_id" = ${p}`);
  const rules = await q(`SELECT COUNT(*) AS "count" FROM "rules" WHERE "user_id" = ${p}`);
  const plain = (list) => list.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value)])));
  return { accounts: plain(accounts).filter((row) => row.count !== '0'), splits: plain(splits), transfers: plain(transfers), legs: plain(legs), budgets: plain(budgets), rules: plain(rules) };
}

/** The figures of `keys` as one comparable text. */
const figuresText = (figures, keys = Object.keys(figures)) => JSON.stringify(Object.fromEntries(keys.map((key) => [key, figures[key]])));
/** What the floor writes: the transactions, parts and transfers (budgets and rules are the restore's alone). */
const FLOOR_FIGURES = ['accounts', 'splits', 'transfers', 'legs'];

/** What is wrong with a restore (the quick run's check): its report, its rows against the source's, and each receipt's bytes as downloaded. */
async function checkRestore(core, app, source, manifest, user, report, sourceFigures) {
  const failures = [];
  for (const kind of KINDS) {
    const { created, skipped } = report[kind];
    if (created + skipped !== manifest.counts[kind]) failures.push(`restore: ${kind} ${created} created + ${skipped} skipped of ${manifest.counts[kind]}`);
  }
  for (const kind of ['transactions', 'splits', 'transfers', 'receipts', 'rules']) if (report[kind].skipped) failures.push(`restore into a fresh user skipped ${report[kind].skipped} ${kind}`);
  const figures = figuresText(await figuresOf(core, user.userId));
  if (figures !== figuresText(sourceFigures)) failures.push(`restored figures differ from the source's:\n  source   ${figuresText(sourceFigures)}\n  restored ${figures}`);
  const receipts = await core.dataSource.query(`SELECT "id", "filename" FROM "receipts" WHERE "user_id" = ${placeholder(core)}`, [user.userId]);
  if (receipts.length !== source.hashes.size) failures.push(`restored ${receipts.length} receipts of ${source.hashes.size}`);
  for (const receipt of receipts) {
    const body = await download(app.baseUrl, `/receipts/${receipt.id}`, user.client.cookie);
    if (sha256(body) !== source.hashes.get(receipt.filename)) failures.push(`receipt ${receipt.filename}: the downloaded bytes are not the source's`);
  }
  return failures;
}

const ORDERS = [
  ['backup', 'restore', 'floor', 'dryRun'],
  ['floor', 'dryRun', 'backup', 'restore'],
  ['dryRun', 'floor', 'restore', 'backup'],
];

async function roundOnce(core, app, source, archive, input, order) {
  const result = {};
  const upload = { name: 'finance-backup.zip', type: 'application/zip', body: archive };
  const steps = {
    backup: async () => {
      let body;
      result.backupMs = await timed(async () => {
        body = await download(app.baseUrl, '/backup', source.client.cookie);
      });
      result.backupBytes = body.length;
      progress(`backup ${(result.backupMs / 1000).toFixed(1)} s`);
    },
    restore: async () => {
      const user = await signUp(app, 'restore');
      const body = multipartBody(RESTORE, { dryRun: false }, upload);
      result.restoreMs = await timed(async () => {
        result.report = (await user.client.upload(RESTORE, { dryRun: false }, upload, body)).restoreBackup;
      });
      result.restoredUser = user;
      progress(`restore ${(result.restoreMs / 1000).toFixed(1)} s`);
    },
    dryRun: async () => {
      const user = await signUp(app, 'dry-run');
      const body = multipartBody(RESTORE, { dryRun: true }, upload);
      result.dryRunMs = await timed(async () => {
        result.dryRunReport = (await user.client.upload(RESTORE, { dryRun: true }, upload, body)).restoreBackup;
      });
      result.dryRunUser = user;
      progress(`dry run ${(result.dryRunMs / 1000).toFixed(1)} s`);
    },
    floor: async () => {
      const user = await signUp(app, 'floor');
      const floor = await floorOnce(core, user, input);
      result.floorMs = floor.ms;
      result.floorUser = user;
      result.floorCount = floor.count;
      progress(`floor ${(result.floorMs / 1000).toFixed(1)} s`);
    },
  };
  for (const step of order) await steps[step]();
  return result;
}

/**
 * Backup and restore on one backend, in an app of its own (on Postgres with receipts on S3). The
 * floor runs in this process through createCore on the app's database and storage, like the seed.
 */
export async function measureBackups(backend) {
  const sizes = args.quick ? { transactions: 2000, receipts: 20 } : { transactions: options.backupTransactions, receipts: options.backupReceipts };
  const s3 = backend.kind === 'postgres' ? await startS3rver() : null;
  const env = { ...backend.env };
  if (s3) {
    Object.assign(env, { S3_ENDPOINT: '127.0.0.1', S3_PORT: String(s3.port), S3_USE_SSL: 'false', S3_BUCKET: `finance-bench-${process.pid}`, S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER', S3_REGION: 'us-east-1' });
  }
  const app = await startApp({ ...backend, env });
  const core = await createCore(loadConfig({ ...env, LOG_LEVEL: 'silent' }), createLogger({ logLevel: 'silent' }), { forScript: true });
  const failures = [];
  try {
    const seedMs = await timed(async () => {
      Object.assign(sizes, { source: await seedSource(core, app, sizes) });
    });
    const { source } = sizes;
    log(`  backup source: ${sizes.transactions} transactions and ${sizes.receipts} receipts (${(source.bytes / 2 ** 20).toFixed(1)} MiB) seeded in ${(seedMs / 1000).toFixed(1)} s`);
    const archive = await download(app.baseUrl, '/backup', source.client.cookie);
    const unpacked = await unpackArchive(archive);
    const { manifest } = unpacked;
    const input = floorInput(readBackupRows(unpacked));
    const sourceFigures = await figuresOf(core, source.userId);
    const rows = KINDS.reduce((sum, kind) => sum + manifest.counts[kind], 0);
    // One untimed round first in the quick run is the checked one; a full run warms up on it too.
    const rounds = args.quick ? 1 : 1 + options.backupIterations;
    const samples = [];
    for (let round = 0; round < rounds; round += 1) {
      const result = await roundOnce(core, app, source, archive, input, ORDERS[round % ORDERS.length]);
      if (round === 0) {
        failures.push(...(await checkRestore(core, app, source, manifest, result.restoredUser, result.report, sourceFigures)));
        if (JSON.stringify({ ...result.dryRunReport, dryRun: false }) !== JSON.stringify(result.report)) failures.push(`the dry run's report differs from the restore's: ${JSON.stringify(result.dryRunReport)}`);
        const dryRun = await figuresOf(core, result.dryRunUser.userId);
        if (dryRun.accounts.length || dryRun.rules[0].count !== '0' || dryRun.budgets[0].count !== '0') failures.push(`the dry run wrote rows: ${figuresText(dryRun)}`);
        const floorFigures = figuresText(await figuresOf(core, result.floorUser.userId), FLOOR_FIGURES);
        if (floorFigures !== figuresText(sourceFigures, FLOOR_FIGURES)) failures.push(`the floor's figures differ from the source's:\n  source ${figuresText(sourceFigures, FLOOR_FIGURES)}\n  floor  ${floorFigures}`);
        // Only the manifest's time differs from one backup to the next.
        if (Math.abs(result.backupBytes - archive.length) > 64) failures.push(`a second backup is ${result.backupBytes} bytes, the first ${archive.length}`);
      }
      if (round > 0 || args.quick) samples.push(result);
    }
    const pick = (key) => median(samples.map((sample) => sample[key]));
    const row = {
      backend: backend.kind,
      storage: s3 ? 's3' : 'disk',
      transactions: manifest.counts.transactions,
      receipts: manifest.counts.receipts,
      rows,
      counts: manifest.counts,
      archiveBytes: archive.length,
      receiptBytes: source.bytes,
      iterations: samples.length,
      backupMs: pick('backupMs'),
      restoreMs: pick('restoreMs'),
      dryRunMs: pick('dryRunMs'),
      floorMs: pick('floorMs'),
      samples: samples.map(({ backupMs, restoreMs, dryRunMs, floorMs }) => ({ backupMs, restoreMs, dryRunMs, floorMs })),
    };
    const rate = (ms) => rows / (ms / 1000);
    Object.assign(row, {
      backupRowsPerSecond: rate(row.backupMs),
      backupMiBPerSecond: archive.length / 2 ** 20 / (row.backupMs / 1000),
      restoreRowsPerSecond: rate(row.restoreMs),
      dryRunRowsPerSecond: rate(row.dryRunMs),
      floorRowsPerSecond: rate(row.floorMs),
      restoreToFloor: row.restoreMs / row.floorMs,
    });
    log(`  backup of ${rows} rows (${(archive.length / 2 ** 20).toFixed(1)} MiB): ${row.backupMs.toFixed(0)} ms; restore ${row.restoreMs.toFixed(0)} ms, dry run ${row.dryRunMs.toFixed(0)} ms, floor ${row.floorMs.toFixed(0)} ms (restore x${row.restoreToFloor.toFixed(2)})`);
    row.memory = memoryOf(app.child.pid);
    return { ...row, failures };
  } finally {
    await core.close();
    await stop(app.child);
    await s3?.close();
  }
}
