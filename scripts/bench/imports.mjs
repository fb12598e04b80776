// Statement imports: previewImport and commitImport of a 100 000-row CSV and a 10 000-row OFX file
// through the app's HTTP API, against the same bytes through the parser alone (in this process)
// and the same rows bulk-inserted through the seed's write path (the floor). Each iteration uses
// fresh accounts of a fresh user, and the four measurements take turns going first.
import crypto from 'node:crypto';
import { args, log, options, PASSWORD } from './cli.mjs';
import { GraphQLClient, multipartBody } from './http-client.mjs';
import { csvStatement, ofxStatement } from './import-files.mjs';
import { median, timed } from './measurement.mjs';
import { operations } from './operations.mjs';
import { createCore, createLogger, fingerprint, loadConfig, ownerScope, parseCsv, parseMoney, parseOfx } from './server-dist.mjs';
import { memoryOf, startApp } from './servers.mjs';

// What an import screen asks for: the counts and the first page of rows (the web has no import documents yet).
const PREVIEW = `mutation PreviewImport($accountId: ID!, $file: Upload!) {
  previewImport(accountId: $accountId, file: $file) {
    id format encoding newCount duplicateCount matchedCount invalidCount csvColumns
    statements { index accountHint currency rowCount }
    rows(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { line date amount description notes externalId status error } } }
  }
}`;
const COMMIT = `mutation CommitImport($previewId: ID!) {
  commitImport(previewId: $previewId) { id format filename createdAt createdCount matchedCount skippedCount undone }
}`;

const CURRENCY = 'USD';

// A full run takes minutes per file: say what has been done (also where the app failed, if it does).
const progress = (line) => {
  if (!args.quick) log(`    ${line}`);
};

const FILES = [
  { format: 'CSV', make: csvStatement, parse: (bytes) => parseCsv(bytes).file },
  { format: 'OFX', make: ofxStatement, parse: (bytes) => parseOfx(bytes) },
];

/** A fresh signed-in user with two fresh accounts: one to import into, one for the floor. */
async function freshUser(app) {
  const client = new GraphQLClient(app.baseUrl);
  const email = `bench-import-${crypto.randomUUID()}@example.com`;
  const { register } = await client.send(operations.register, { input: { email, password: PASSWORD, name: 'Bench import', currency: CURRENCY } });
  const account = async (name) => (await client.send(operations.createAccount, { input: { name, currency: CURRENCY } })).createAccount.id;
  return { client, userId: Number(register.id), importAccount: await account('Checking'), floorAccount: await account('Checking (floor)') };
}

/** The rows the commit writes, already parsed and in minor units, as the seed hands them to insertBatch. */
function floorRows(parsed, accountId) {
  return parsed.statements[0].rows.map((row) => {
    const amount = parseMoney(row.amount, CURRENCY, 'amount');
    return {
      accountId,
      categoryId: null,
      date: row.date,
      amount,
      description: row.description,
      notes: row.notes,
      importedDescription: row.description,
      externalId: row.externalId,
      importFingerprint: fingerprint(row.date, amount, row.description),
    };
  });
}

/**
 * One file's measurements on fresh accounts; returns the milliseconds of each and the answers.
 * `order` says which of the in-process measurements go first (preview always precedes its commit).
 */
async function measureOnce(app, core, file, spec, order) {
  const user = await freshUser(app);
  const previewBody = multipartBody(PREVIEW, { accountId: user.importAccount }, file);
  const rows = floorRows(spec.parse(file.body), Number(user.floorAccount));
  const result = {};
  const steps = {
    parse: async () => {
      result.parseMs = await timed(() => spec.parse(file.body));
    },
    import: async () => {
      let preview;
      result.previewMs = await timed(async () => {
        preview = (await user.client.upload(PREVIEW, { accountId: user.importAccount }, file, previewBody)).previewImport;
      });
      result.preview = preview;
      progress(`preview ${(result.previewMs / 1000).toFixed(1)} s`);
      let batch;
      result.commitMs = await timed(async () => {
        batch = (await user.client.send(COMMIT, { previewId: preview.id })).commitImport;
      });
      result.batch = batch;
      progress(`commit ${(result.commitMs / 1000).toFixed(1)} s`);
    },
    floor: async () => {
      let ids;
      result.floorMs = await timed(async () => {
        ids = await core.services.transactions.insertBatch(ownerScope(user.userId), rows);
      });
      result.floorCount = ids.length;
    },
  };
  for (const step of order) await steps[step]();
  // The same file again on the same account: every row is already there. Last, since it is the
  // step that can take the app down (the duplicate rules load the account's rows), and then the
  // iteration's other numbers still count.
  try {
    result.repeatMs = await timed(async () => {
      result.repeat = (await user.client.upload(PREVIEW, { accountId: user.importAccount }, file)).previewImport;
    });
    progress(`same file again ${(result.repeatMs / 1000).toFixed(1)} s`);
  } catch (error) {
    result.repeatError = error.message;
  }
  return result;
}

/** What went wrong with one iteration's answers (the quick run's check): none when the import did what the file says. */
function checkOnce(format, file, result) {
  const failures = [];
  const { preview, batch, repeat } = result;
  if (preview.newCount !== file.rows || preview.invalidCount !== 0) failures.push(`${format} preview: ${preview.newCount} NEW and ${preview.invalidCount} INVALID of ${file.rows} rows`);
  if (batch.createdCount !== file.rows) failures.push(`${format} commit created ${batch.createdCount} of ${file.rows} rows`);
  if (!repeat) failures.push(`${format} second preview of ${file.rows} rows failed: ${result.repeatError}`);
  else if (repeat.duplicateCount !== file.rows || repeat.newCount !== 0) failures.push(`${format} second preview: ${repeat.duplicateCount} DUPLICATE and ${repeat.newCount} NEW of ${file.rows} rows`);
  if (result.floorCount !== file.rows) failures.push(`${format} floor inserted ${result.floorCount} of ${file.rows} rows`);
  return failures;
}

/** A failed request may be the app dying: its exit follows the closed socket by a moment. */
function exitOrTimeout(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const ORDERS = [
  ['parse', 'import', 'floor'],
  ['floor', 'import', 'parse'],
  ['import', 'parse', 'floor'],
];

/**
 * The import measurements on one backend, against the app as started (`app`). The floor runs in
 * this process through createCore on the app's database, like the seed: one insertBatch, one
 * database transaction for all rows, as the commit writes them.
 */
export async function measureImports(backend, app) {
  const core = await createCore(loadConfig({ ...backend.env, LOG_LEVEL: 'silent' }), createLogger({ logLevel: 'silent' }), { forScript: true });
  const results = [];
  const failures = [];
  try {
    for (const [i, spec] of FILES.entries()) {
      const file = spec.make(options.importRows[i]);
      // One small untimed round first: the app's and this process's first import pays for JIT.
      const warmUp = () => (args.quick ? undefined : measureOnce(app, core, spec.make(500), spec, ORDERS[0]));
      const exited = () => app.child.exitCode !== null || app.child.signalCode !== null;
      // An app that exited (its stderr says why: out of memory, so far) is started again and warmed up.
      const restartIfExited = async (when) => {
        if (!exited()) return;
        failures.push(`${spec.format} ${file.rows} rows: the app exited (${app.child.exitCode ?? app.child.signalCode}) ${when}`);
        Object.assign(app, await startApp(backend));
        await warmUp();
      };
      await restartIfExited('before the imports');
      await warmUp();
      const samples = [];
      for (let iteration = 0; iteration < options.importIterations; iteration += 1) {
        let result;
        try {
          result = await measureOnce(app, core, file, spec, ORDERS[iteration % ORDERS.length]);
        } catch (error) {
          // A request to an app that is gone loses this round, not the run (on this shared machine
          // something outside sent it SIGTERM twice: it exited 0); any other error is the benchmark's own.
          await exitOrTimeout(app.child, 5000);
          if (!exited()) throw error;
          await restartIfExited(`in round ${iteration + 1} (${error.message})`);
          continue;
        }
        failures.push(...checkOnce(spec.format, file, result));
        samples.push(result);
        if (result.repeatError) await exitOrTimeout(app.child, 5000);
        await restartIfExited('during the second preview');
      }
      if (!samples.length) continue;
      const pick = (key) => median(samples.map((sample) => sample[key]));
      const repeats = samples.flatMap((sample) => (sample.repeatMs === undefined ? [] : [sample.repeatMs]));
      const rate = (ms) => file.rows / (ms / 1000);
      const row = {
        backend: backend.kind,
        format: spec.format,
        file: file.name,
        rows: file.rows,
        bytes: file.body.length,
        iterations: samples.length,
        previewMs: pick('previewMs'),
        parseMs: pick('parseMs'),
        commitMs: pick('commitMs'),
        floorMs: pick('floorMs'),
        // Of the iterations where the app answered it.
        repeatPreviewMs: repeats.length ? median(repeats) : null,
        samples: samples.map(({ previewMs, parseMs, commitMs, floorMs, repeatMs, repeatError }) => ({ previewMs, parseMs, commitMs, floorMs, repeatPreviewMs: repeatMs ?? null, repeatError })),
      };
      Object.assign(row, {
        previewRowsPerSecond: rate(row.previewMs),
        parseRowsPerSecond: rate(row.parseMs),
        commitRowsPerSecond: rate(row.commitMs),
        floorRowsPerSecond: rate(row.floorMs),
        repeatPreviewRowsPerSecond: row.repeatPreviewMs === null ? null : rate(row.repeatPreviewMs),
        previewToParse: row.previewMs / row.parseMs,
        commitToFloor: row.commitMs / row.floorMs,
      });
      results.push(row);
      log(`  import ${spec.format} ${file.rows} rows (${(file.body.length / 2 ** 20).toFixed(1)} MiB): preview ${row.previewMs.toFixed(0)} ms, parse ${row.parseMs.toFixed(0)} ms (x${row.previewToParse.toFixed(2)}), commit ${row.commitMs.toFixed(0)} ms, floor ${row.floorMs.toFixed(0)} ms (x${row.commitToFloor.toFixed(2)}), again ${row.repeatPreviewMs === null ? 'failed' : `${row.repeatPreviewMs.toFixed(0)} ms`}`);
    }
  } finally {
    await core.close();
  }
  const memory = memoryOf(app.child.pid);
  log(`  app RSS after the imports ${memory.rssMiB.toFixed(0)} MiB (peak ${memory.peakRssMiB.toFixed(0)} MiB)`);
  return { files: results, memory, failures };
}
