// The benchmark's command line: what to run, at which sizes, for how long; and its log on stderr.
import path from 'node:path';
import { parseArgs } from 'node:util';

export const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    backends: { type: 'string', default: 'sqlite,postgres' },
    sizes: { type: 'string', default: '10000,100000,1000000' },
    iterations: { type: 'string', default: '200' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '1,8,32' },
    out: { type: 'string', default: 'bench-results' },
    baseline: { type: 'string' },
    only: { type: 'string' },
    'app-flags': { type: 'string', default: '' },
    'import-rows': { type: 'string', default: '100000,10000' },
    'import-iterations': { type: 'string', default: '3' },
    'backup-transactions': { type: 'string', default: '100000' },
    'backup-receipts': { type: 'string', default: '500' },
    'backup-iterations': { type: 'string', default: '3' },
    'workers-rounds': { type: 'string', default: '3' },
    help: { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
export const options = {
  backends: args.backends.split(','),
  sizes: args.quick ? [10_000] : args.sizes.split(',').map(Number),
  iterations: args.quick ? 1 : Number(args.iterations),
  warmup: args.quick ? 1 : Math.min(20, Number(args.iterations)),
  duration: args.quick ? 1 : Number(args.duration),
  connections: args.quick ? [1, 8] : args.connections.split(',').map(Number),
  registrations: args.quick ? 1 : 5,
  baseline: args.baseline ? path.resolve(args.baseline) : null,
  // Rows of the CSV and of the OFX file the import benchmark uploads.
  importRows: args.quick ? [2000, 500] : args['import-rows'].split(',').map(Number),
  importIterations: args.quick ? 1 : Number(args['import-iterations']),
  // The backed-up user (the quick run: 2 000 and 20) and the timed rounds of backup and restore.
  backupTransactions: Number(args['backup-transactions']),
  backupReceipts: Number(args['backup-receipts']),
  backupIterations: args.quick ? 1 : Number(args['backup-iterations']),
  // Alternating load rounds of one worker and of two (workers.mjs).
  workersRounds: args.quick ? 2 : Number(args['workers-rounds']),
  // --only reads: the timed cases, layers and load only; --only imports: the imports and the rules over them; --only rules: the rules alone; --only backups;
  // --only workers: one worker against two on SQLite (workers.mjs).
  only: args.only ?? null,
  // For diagnosis: Node flags added after the app's own (--cpu-prof; a later --max-old-space-size wins).
  appFlags: args['app-flags'].split(' ').filter(Boolean),
};
if (args.only !== undefined && !['reads', 'imports', 'rules', 'backups', 'workers'].includes(args.only)) throw new Error(`--only takes "reads", "imports", "rules", "backups" or "workers", not "${args.only}"`);
if (options.only && options.baseline) throw new Error(`--only ${options.only} does not time a baseline`);
export const PASSWORD = 'benchmark household password 2026';
export const SEARCH_TERM = 'coffee';

export const log = (line) => process.stderr.write(`${line}\n`);

if (args.help) {
  process.stdout.write(`node scripts/bench/index.mjs [options]   (npm run bench -- [options] builds the server first)
  --quick                  10 k rows, one iteration, imports of 2 000 CSV and 500 OFX rows,
                           a backup and restore of 2 000 transactions and 20 receipts:
                           checks that everything works (npm run bench:smoke)
  --backends sqlite,postgres
  --sizes 10000,100000,1000000   transactions of each seeded user
  --iterations 200         timed rounds per operation (medians)
  --duration 5             seconds of load per concurrency level
  --connections 1,8,32     concurrency levels
  --out bench-results      where latest.json and latest.md go
  --baseline <dir>         another checkout (built: its server/dist exists) timed with ours in the
                           same interleaved rounds on the same database: before/after in one run
  --only reads             only the timed reads and writes, the stack's layers and the load test
                           (no workers, imports, rules or backups)
  --only imports           only the import benchmark and the rules over imports: no seeding,
                           no reads, no load test
  --only rules             only the rules over imports (0, 100 and 300 rules, 10 000 CSV rows)
  --only backups           only GET /backup and restoreBackup of one seeded user, against the
                           bulk insert of the same rows
  --only workers           only the newest page at 32 clients with WEB_CONCURRENCY=1 against 2,
                           on SQLite, in alternating rounds (seeds the largest of --sizes)
  --workers-rounds 3       load rounds of each side in that comparison (medians)
  --backup-transactions 100000, --backup-receipts 500   the backed-up user (quick: 2 000 and 20)
  --backup-iterations 3    timed rounds of backup, restore, dry run and floor (medians)
  --import-rows 100000,10000   rows of the CSV and of the OFX file imported
  --import-iterations 3    imports of each file (fresh accounts each time; medians)
  --app-flags="<flags>"    Node flags for the app after its own, for diagnosis: "--cpu-prof
                           --cpu-prof-dir=bench-results/profiles", "--max-old-space-size=512"
  --postgres-url, --redis-url   (or BENCH_POSTGRES_URL, BENCH_REDIS_URL)
`);
  process.exit(0);
}
