import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { analyseAfterBulkLoad, tuneForBulkLoad } from '../db/maintenance';
import { ownerScope, type OwnerScope } from '../db/owner-scope';
import { CategoryKind, type CategoryRecord } from '../modules/categories/category.model';
import type { BatchLinks } from '../modules/transactions/transaction.model';
import type { Services } from '../services';
import type { ReceiptStorage } from '../storage/receipt-storage';
import { generateTransactions, seededRandom, type GeneratedTransaction } from './transaction-generator';

export interface SeedUserOptions {
  email: string;
  password: string;
  name?: string;
  transactions: number;
  /** How many years back from `until` the transactions spread over. */
  years: number;
  /** The share of transactions (0..1) that get a receipt file. */
  receiptShare: number;
  /** The PRNG seed: the same options seed the same data. */
  seed: number;
  until?: Date;
  /** Called after each batch with the number of transactions written so far. */
  onProgress?: (written: number) => void;
}

export interface SeededUser {
  userId: number;
  email: string;
  transactions: number;
  receipts: number;
}

const BATCH_SIZE = 5_000;
const EXTRA_ACCOUNTS = ['Checking', 'Credit card', 'Savings'];

/** A 1x1 PNG: a real image, so a seeded receipt downloads and previews like an uploaded one. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * One user with realistic history. The user, accounts and categories go through the app's own
 * services (argon2 hash, starter categories, the same rules as sign-up); the transactions, being
 * many, go in batches through the one insert path the app's creates take
 * (TransactionRepository.insertMany), one database transaction each. The database's triggers keep
 * account totals right as they do for the API's writes.
 */
export async function seedUser(services: Services, dataSource: DataSource, storage: ReceiptStorage, options: SeedUserOptions): Promise<SeededUser> {
  const user = await services.users.register(
    { email: options.email, password: options.password, name: options.name ?? 'Seeded household', currency: 'USD' },
    { ip: 'seed' },
  );
  const scope = ownerScope(user.id);
  for (const name of EXTRA_ACCOUNTS) await services.accounts.create(scope, { name });
  const accounts = await services.accounts.listForUser(scope);
  const categories = await services.categories.listForUser(scope);

  const random = seededRandom(options.seed);
  const rows = generateTransactions({
    count: options.transactions,
    years: options.years,
    until: options.until ?? new Date(),
    accountIds: accounts.map((account) => account.id),
    categoryIdsByName: new Map(categories.map((category) => [category.name, category.id])),
    random,
  });
  await tuneForBulkLoad(dataSource);
  // On Postgres two batches are written at once, on two connections, while the next one is
  // generated: the database's work on a batch (five indexes, the trigram index) is most of the
  // time, and one connection keeps one of its cores busy. SQLite's driver is synchronous and has
  // one writer, so there the batches simply follow each other.
  const parallel = dataSource.options.type === 'postgres' ? 2 : 1;
  const ids: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const flush = async (batch: GeneratedTransaction[]) => {
    while (inFlight.size >= parallel) await Promise.race(inFlight);
    // Two batches in flight both add to the same accounts' totals (the statement trigger), so each
    // is retried should Postgres pick it to break a deadlock; a batch is one transaction.
    const links = linksOf(batch);
    const writing: Promise<void> = retryOnDeadlock(() => services.transactions.insertBatch(scope, batch, links)).then((inserted) => {
      inFlight.delete(writing);
      for (const id of inserted) ids.push(id);
      options.onProgress?.(ids.length);
    });
    inFlight.add(writing);
  };
  let batch: GeneratedTransaction[] = [];
  for (const row of rows) {
    batch.push(row);
    // A transfer's two legs stay in one batch.
    if (batch.length >= BATCH_SIZE && row.leg !== 'outflow') {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length) await flush(batch);
  await Promise.all(inFlight);

  const receipts = await seedReceipts(services, storage, scope, ids, Math.round(options.transactions * options.receiptShare), random);
  await seedBudgets(services, scope, categories, options.until ?? new Date(), random);
  return { userId: user.id, email: user.email, transactions: ids.length, receipts };
}

/** Categories whose budget rolls over in the seeded data: the irregular ones. */
const ROLLING_CATEGORIES = new Set(['Groceries', 'Shopping', 'Health']);
const BUDGET_MONTHS = 24;

/**
 * Budgets for the last two years up to the month of `until`, every expense category, near what a
 * household spends; a few categories roll over. Through the service, oldest month first (each
 * amount marks the cached closings stale from its own month only).
 */
async function seedBudgets(services: Services, scope: OwnerScope, categories: readonly CategoryRecord[], until: Date, random: () => number): Promise<void> {
  const expense = categories.filter((category) => category.kind === CategoryKind.EXPENSE);
  for (const category of expense) if (ROLLING_CATEGORIES.has(category.name)) await services.budgets.setRollover(scope, category.id, true);
  for (let back = BUDGET_MONTHS - 1; back >= 0; back -= 1) {
    const date = new Date(Date.UTC(until.getUTCFullYear(), until.getUTCMonth() - back, 1));
    const month = date.toISOString().slice(0, 7);
    for (const category of expense) {
      const dollars = 50 + Math.round(random() * 60) * 10;
      await services.budgets.set(scope, month, category.id, `${dollars}.00`);
    }
  }
}

/** The parts and transfer pairs of a batch of generated rows, by position in it. */
function linksOf(batch: readonly GeneratedTransaction[]): BatchLinks {
  const links: Required<BatchLinks> = { splits: [], transfers: [] };
  batch.forEach((row, index) => {
    if (row.parts) links.splits.push({ row: index, parts: row.parts });
    if (row.leg === 'inflow' && batch[index - 1]?.leg === 'outflow') links.transfers.push({ outflow: index - 1, inflow: index });
  });
  return links;
}

/** After a seed, the database's statistics as a grown database would have them. */
export const analyseAfterSeeding = analyseAfterBulkLoad;

/** Postgres' code for a transaction it rolled back to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';

/**
 * Runs the work again when Postgres rolled it back to break a deadlock (at most five times), as
 * its manual advises; the work must be one transaction, so a retry cannot write anything twice.
 */
export async function retryOnDeadlock<T>(work: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (code !== DEADLOCK_DETECTED || attempt === 5) throw error;
      // A short pause lets the transaction that won finish first: an immediate retry can take the
      // same locks in the same order and deadlock again.
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }
}

/** Receipt files through the app's storage (disk or S3), and their rows, on a random sample of transactions. */
async function seedReceipts(services: Services, storage: ReceiptStorage, scope: OwnerScope, transactionIds: number[], count: number, random: () => number): Promise<number> {
  if (count <= 0) return 0;
  // In id order, as they were written, so the same options choose the same transactions.
  const ids = [...transactionIds].sort((a, b) => a - b);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, ids.length)) chosen.add(ids[Math.floor(random() * ids.length)]);

  const receipts = [...chosen].map((transactionId) => ({
    transactionId,
    filename: `receipt-${transactionId}.png`,
    contentType: 'image/png',
    size: TINY_PNG.length,
    storageKey: `${scope.userId}/${randomUUID()}`,
  }));
  for (let start = 0; start < receipts.length; start += 100) {
    const slice = receipts.slice(start, start + 100);
    // Files first: a row never points at a file that is not there.
    await Promise.all(slice.map((receipt) => storage.put(receipt.storageKey, TINY_PNG, receipt.contentType)));
    await services.receipts.insertStored(scope, slice);
  }
  return receipts.length;
}
