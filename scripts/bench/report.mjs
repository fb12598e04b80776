// The benchmark's tables, as Markdown (printed, and pasted into docs/performance.md).
import { RESTORE_TARGET } from './backups.mjs';
import { RULES_TARGET } from './rules.mjs';
import { WORKERS_TARGET } from './workers.mjs';

/**
 * Issue 21's targets at the largest size, against the stack floor (the same SQL behind Express,
 * express-session and Apollo): reads at most 1.15, createTransaction 1.5. The raw floor stays in
 * the table as the physical line.
 */
const STACK_RATIO_TARGETS = { page: 1.15, deep: 1.15, search: 1.15, 'dashboard-month': 1.15, 'dashboard-year': 1.15, 'budget-month': 1.15, 'budget-month-early': 1.15, 'budget-year': 1.15, create: 1.5 };
/** And a year's dashboard and a year of budgets read a few hundred rows: at most 5 ms (issue 21, point 4). */
const MS_TARGETS = { 'dashboard-year': 5, 'budget-year': 5 };
/** Throughput at 32 clients on the newest page: at least 0.8 of the stack floor's. */
const THROUGHPUT_TARGET = { connections: 32, ofStackFloor: 0.8 };
const RSS_TARGET_MIB = 250;

const ms = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const count = (value) => (value >= 1_000_000 ? `${value / 1_000_000} M` : value >= 1000 ? `${value / 1000} k` : String(value));

export function formatReport(report) {
  const lines = [];
  lines.push(`Run ${report.startedAt}${report.quick ? ' (quick)' : ''}: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, SQLite ${report.machine.sqlite}${report.machine.postgres ? `, PostgreSQL ${report.machine.postgres}` : ''}; ${report.options.only ? `${report.options.only} only` : `${report.options.iterations} iterations (medians)`}, ${report.seconds.toFixed(0)} s in all.`, '');
  const only = report.options.only;
  if (!only || only === 'reads') lines.push(...reads(report));
  if (!only || only === 'imports') lines.push(...imports(report));
  if (only !== 'backups' && only !== 'workers' && only !== 'reads') lines.push(...rules(report));
  if (!only || only === 'backups') lines.push(...backups(report));
  if (!only || only === 'workers') lines.push(...workers(report));
  return `${lines.join('\n')}\n`;
}

/** --only imports leaves the reads out. */
function reads(report) {
  const lines = [];
  const largest = Math.max(...report.options.sizes);

  lines.push('| backend | operation | transactions | SQL statements | ours (ms) | stack floor (ms) | floor (ms) | bare SQL (ms) | ratio to floor | target | stack floor ÷ floor | ours ÷ stack floor |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|');
  for (const backend of report.backends) {
    for (const row of backend.rows) {
      const stackTarget = STACK_RATIO_TARGETS[row.operation];
      const msTarget = MS_TARGETS[row.operation];
      const oursToStack = row.oursMs / row.stackFloorMs;
      const verdicts = [];
      if (stackTarget && row.transactions === largest) verdicts.push(`÷ stack ≤ ${stackTarget} ${oursToStack <= stackTarget ? '✓' : '✗'}`);
      if (msTarget && row.transactions === largest) verdicts.push(`≤ ${msTarget} ms ${row.oursMs <= msTarget ? '✓' : '✗'}`);
      const verdict = verdicts.join(', ');
      lines.push(`| ${row.backend} | ${row.label} | ${count(row.transactions)} | ${row.statements} | ${ms(row.oursMs)} | ${ms(row.stackFloorMs)} | ${ms(row.floorMs)} | ${ms(row.bareSqlMs)} | ${row.ratioToFloor.toFixed(2)} | ${verdict} | ${(row.stackFloorMs / row.floorMs).toFixed(2)} | ${(row.oursMs / row.stackFloorMs).toFixed(2)} |`);
    }
  }

  if (report.baseline) lines.push(...beforeAfter(report));

  lines.push('', `What each layer of the stack costs by itself around the same SQL, on the newest page at ${count(largest)} transactions (ratios to the floor, measured together):`, '');
  lines.push('| backend | floor (ms) | ' + report.backends[0].stackLayers.layers.map((layer) => layer.label).join(' | ') + ' |');
  lines.push('|---|---:|' + report.backends[0].stackLayers.layers.map(() => '---:|').join(''));
  for (const backend of report.backends) {
    const { floorMs, layers } = backend.stackLayers;
    lines.push(`| ${backend.backend} | ${ms(floorMs)} | ` + layers.map((layer) => `${ms(layer.ms)} (×${layer.ratioToFloor.toFixed(2)})`).join(' | ') + ' |');
  }

  lines.push('', 'Cost growth of the pages, ours at each size against ours at the smallest:', '');
  lines.push('| backend | operation | ' + report.options.sizes.map(count).join(' | ') + ' |');
  lines.push('|---|---|' + report.options.sizes.map(() => '---:|').join(''));
  for (const backend of report.backends) {
    for (const operation of ['page', 'deep', 'search']) {
      const rows = report.options.sizes.map((size) => backend.rows.find((row) => row.operation === operation && row.transactions === size));
      if (rows.some((row) => !row)) continue;
      lines.push(`| ${backend.backend} | ${operation} | ` + rows.map((row) => `${ms(row.oursMs)} ms (×${(row.oursMs / rows[0].oursMs).toFixed(2)})`).join(' | ') + ' |');
    }
  }

  lines.push('', `Throughput on the newest page at ${count(largest)} transactions (autocannon, ${report.options.duration} s per level):`, '');
  lines.push('| backend | clients | ours req/s | ours p50 / p99 (ms) | stack floor req/s | floor req/s | floor p50 / p99 (ms) | ours / floor req/s | ours / stack floor req/s |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const backend of report.backends) {
    for (const row of backend.concurrency) {
      const ofStack = row.ours.requestsPerSecond / row.stackFloor.requestsPerSecond;
      const verdict = row.connections === THROUGHPUT_TARGET.connections ? ` (≥ ${THROUGHPUT_TARGET.ofStackFloor} ${ofStack >= THROUGHPUT_TARGET.ofStackFloor ? '✓' : '✗'})` : '';
      lines.push(`| ${row.backend} | ${row.connections} | ${row.ours.requestsPerSecond.toFixed(0)} | ${row.ours.p50} / ${row.ours.p99} | ${row.stackFloor.requestsPerSecond.toFixed(0)} | ${row.floor.requestsPerSecond.toFixed(0)} | ${row.floor.p50} / ${row.floor.p99} | ${(row.ours.requestsPerSecond / row.floor.requestsPerSecond).toFixed(2)} | ${ofStack.toFixed(2)}${verdict} |`);
    }
  }

  lines.push('', 'Sign-up and sign-in (argon2id on purpose), seeding, and memory:', '');
  lines.push('| backend | register (ms) | login (ms) | argon2 hash alone (ms) | seeding | app RSS after the run | peak RSS |');
  lines.push('|---|---:|---:|---:|---|---:|---:|');
  for (const backend of report.backends) {
    const seeding = backend.seeding.map((entry) => `${count(entry.transactions)} in ${entry.seconds.toFixed(1)} s`).join(', ');
    const rss = `${backend.memory.rssMiB.toFixed(0)} MiB ${backend.memory.rssMiB <= RSS_TARGET_MIB ? '✓' : '✗'}`;
    lines.push(`| ${backend.backend} | ${ms(backend.accounts.registerMs)} | ${ms(backend.accounts.loginMs)} | ${ms(backend.accounts.argon2HashMs)} | ${seeding} | ${rss} | ${backend.memory.peakRssMiB.toFixed(0)} MiB |`);
  }
  const durability = report.backends.filter((backend) => backend.commitDurability);
  if (durability.length) {
    lines.push('', 'What a durable commit costs createTransaction on SQLite (the app runs synchronous=FULL; NORMAL can lose the last commits on a power cut):', '');
    lines.push('| transactions | samples | FULL (ms) | NORMAL (ms) | FULL − NORMAL (ms) |');
    lines.push('|---:|---:|---:|---:|---:|');
    for (const { commitDurability: row } of durability) {
      lines.push(`| ${count(row.transactions)} | ${row.samples} | ${ms(row.fullMs)} | ${ms(row.normalMs)} | ${ms(row.fullMs - row.normalMs)} |`);
    }
  }
  return lines;
}

/** The issue's targets for imports: preview within 2x of the parser alone, commit within 3x of the seed's bulk insert. */
const PREVIEW_TO_PARSE_TARGET = 2;
const COMMIT_TO_FLOOR_TARGET = 3;

const perSecond = (value) => Math.round(value).toLocaleString('en-US');
const againstTarget = (ratio, target) => `${ratio.toFixed(2)} ${ratio <= target ? '✓' : '✗'}`;

function imports(report) {
  const lines = ['', `Import: previewImport and commitImport over HTTP (fresh accounts), the parser alone in the benchmark's process, and the same rows through the seed's bulk insert (one database transaction); medians of ${report.options.importIterations}, rows per second. Targets: preview ÷ parse ≤ ${PREVIEW_TO_PARSE_TARGET}, commit ÷ floor ≤ ${COMMIT_TO_FLOOR_TARGET}:`, ''];
  lines.push('| backend | file | rows | preview rows/s | parse rows/s | preview ÷ parse | commit rows/s | floor rows/s | commit ÷ floor | preview (s) | commit (s) | same file again: preview rows/s |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const backend of report.backends) {
    for (const row of backend.imports.files) {
      const file = `${row.format} (${(row.bytes / 2 ** 20).toFixed(1)} MiB)`;
      lines.push(`| ${row.backend} | ${file} | ${count(row.rows)} | ${perSecond(row.previewRowsPerSecond)} | ${perSecond(row.parseRowsPerSecond)} | ${againstTarget(row.previewToParse, PREVIEW_TO_PARSE_TARGET)} | ${perSecond(row.commitRowsPerSecond)} | ${perSecond(row.floorRowsPerSecond)} | ${againstTarget(row.commitToFloor, COMMIT_TO_FLOOR_TARGET)} | ${(row.previewMs / 1000).toFixed(2)} | ${(row.commitMs / 1000).toFixed(2)} | ${row.repeatPreviewRowsPerSecond === null ? 'failed' : perSecond(row.repeatPreviewRowsPerSecond)} |`);
    }
  }
  lines.push('', '| backend | app RSS after the imports | peak RSS |', '|---|---:|---:|');
  for (const backend of report.backends) lines.push(`| ${backend.backend} | ${backend.imports.memory.rssMiB.toFixed(0)} MiB | ${backend.imports.memory.peakRssMiB.toFixed(0)} MiB |`);
  return lines;
}

function rules(report) {
  const { rules: target, addedMs } = RULES_TARGET;
  const lines = ['', `Rules over an import: previewImport and commitImport of the same CSV for users with 0, 100 and 300 enabled rules (fresh accounts, interleaved); what the rules add is the difference to the user with none. Target: ${target} rules over ${count(RULES_TARGET.rows)} rows add at most ${addedMs} ms to the preview:`, ''];
  if (report.quick) return [...lines, 'Quick run: every row\'s category and description checked against the rules, no timings.'];
  lines.push('| backend | rules | rows | preview (ms) | added (ms) | added per row (µs) | added per row and rule (ns) | commit (ms) | commit added (ms) | target |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const backend of report.backends) {
    for (const row of backend.rules.results) {
      const verdict = row.rules === target && row.rows === RULES_TARGET.rows ? `≤ ${addedMs} ms ${row.addedPreviewMs <= addedMs ? '✓' : '✗'}` : '';
      lines.push(`| ${row.backend} | ${row.rules} | ${count(row.rows)} | ${ms(row.previewMs)} | ${row.rules ? ms(row.addedPreviewMs) : ''} | ${row.rules ? row.addedMicrosecondsPerRow.toFixed(1) : ''} | ${row.rules ? row.addedNanosecondsPerRowRule.toFixed(0) : ''} | ${ms(row.commitMs)} | ${row.rules ? ms(row.addedCommitMs) : ''} | ${verdict} |`);
    }
  }
  return lines;
}

function backups(report) {
  const lines = ['', `Backup and restore: GET /backup to the last byte, restoreBackup of that archive into a fresh user (and its dry run), and the floor: the same transactions, parts and transfers through the seed's bulk insert (one database transaction) with the same receipt files stored; medians of ${report.options.backupIterations}, rows of every kind per second. Target: restore ÷ floor ≤ ${RESTORE_TARGET}:`, ''];
  lines.push('| backend | receipts on | transactions | receipts | rows | archive | backup (s) | backup rows/s | backup MiB/s | restore (s) | restore rows/s | dry run (s) | floor (s) | floor rows/s | restore ÷ floor | app peak RSS |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const backend of report.backends) {
    const row = backend.backups;
    if (!row) continue;
    const seconds = (value) => (value / 1000).toFixed(2);
    lines.push(`| ${row.backend} | ${row.storage} | ${count(row.transactions)} | ${row.receipts} | ${perSecond(row.rows)} | ${(row.archiveBytes / 2 ** 20).toFixed(1)} MiB | ${seconds(row.backupMs)} | ${perSecond(row.backupRowsPerSecond)} | ${row.backupMiBPerSecond.toFixed(1)} | ${seconds(row.restoreMs)} | ${perSecond(row.restoreRowsPerSecond)} | ${seconds(row.dryRunMs)} | ${seconds(row.floorMs)} | ${perSecond(row.floorRowsPerSecond)} | ${againstTarget(row.restoreToFloor, RESTORE_TARGET)} | ${row.memory.peakRssMiB.toFixed(0)} MiB |`);
  }
  if (report.quick) lines.push('', 'Quick run: the restored user\'s figures per account and every receipt\'s bytes checked against the source\'s.');
  return lines;
}

/** --baseline: the baseline's and our ratios to the same floor, timed in the same rounds, and ours against the baseline. */
function beforeAfter(report) {
  const { baseline } = report;
  const build = `${baseline.commit ?? 'not a git checkout'}${baseline.dirty ? ' with uncommitted changes' : ''}${baseline.subject ? ` (${baseline.subject.length > 80 ? `${baseline.subject.slice(0, 77)}...` : baseline.subject})` : ''}`;
  const lines = ['', `Before and after: the baseline (${baseline.dir}, ${build}) and ours on the same database, interleaved in the same rounds; below 1 in the last column, ours is faster:`, ''];
  lines.push('| backend | operation | transactions | baseline (ms) | ours (ms) | floor (ms) | baseline ÷ floor | ours ÷ floor | ours ÷ baseline |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const backend of report.backends) {
    for (const row of backend.rows) {
      lines.push(`| ${row.backend} | ${row.label} | ${count(row.transactions)} | ${ms(row.baselineMs)} | ${ms(row.oursMs)} | ${ms(row.floorMs)} | ${row.baselineRatioToFloor.toFixed(2)} | ${row.ratioToFloor.toFixed(2)} | ${row.oursToBaseline.toFixed(2)} |`);
    }
  }
  lines.push('', '| backend | clients | baseline req/s | ours req/s | floor req/s | baseline / floor req/s | ours / floor req/s | ours / baseline req/s |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const backend of report.backends) {
    for (const row of backend.concurrency) {
      const rate = (side) => side.requestsPerSecond;
      lines.push(`| ${row.backend} | ${row.connections} | ${rate(row.baseline).toFixed(0)} | ${rate(row.ours).toFixed(0)} | ${rate(row.floor).toFixed(0)} | ${(rate(row.baseline) / rate(row.floor)).toFixed(2)} | ${(rate(row.ours) / rate(row.floor)).toFixed(2)} | ${(rate(row.ours) / rate(row.baseline)).toFixed(2)} |`);
    }
  }
  lines.push('', '| backend | baseline RSS after the run | ours RSS after the run |', '|---|---:|---:|');
  for (const backend of report.backends) lines.push(`| ${backend.backend} | ${backend.memory.baseline.rssMiB.toFixed(0)} MiB | ${backend.memory.rssMiB.toFixed(0)} MiB |`);
  return lines;
}

/** One worker against two on SQLite (WEB_CONCURRENCY), medians of alternating rounds. */
function workers(report) {
  const rows = report.backends.filter((backend) => backend.workers);
  if (rows.length === 0) return [];
  const lines = ['', 'One worker against two (WEB_CONCURRENCY) on the newest page, SQLite, both serving the same file; medians of alternating autocannon rounds:', ''];
  lines.push('| transactions | clients | rounds × seconds | 1 worker req/s | 2 workers req/s | ratio | target | two separate servers req/s (ratio: the machine\'s ceiling) | CPU per request, 1 / 2 workers / separate (ms) |');
  lines.push('|---:|---:|---|---:|---:|---:|---|---:|---:|');
  for (const { workers: row } of rows) {
    lines.push(`| ${count(row.transactions)} | ${row.connections} | ${row.rounds} × ${row.durationSeconds} s | ${row.one.requestsPerSecond.toFixed(0)} | ${row.two.requestsPerSecond.toFixed(0)} | ${row.ratio.toFixed(2)} | ≥ ${WORKERS_TARGET} ${row.ratio >= WORKERS_TARGET ? '✓' : '✗'} | ${row.separateServers.requestsPerSecond.toFixed(0)} (${row.ceilingRatio.toFixed(2)}) | ${row.one.cpuMsPerRequest.toFixed(2)} / ${row.two.cpuMsPerRequest.toFixed(2)} / ${row.separateServers.cpuMsPerRequest.toFixed(2)} |`);
  }
  return lines;
}
