import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { fromBuffer, type Entry } from 'yauzl';
import { ZipFile } from 'yazl';
import type { ReceiptStorage } from '../../src/storage/receipt-storage';
import type { ApiClient } from './client';

export const RESTORE_BACKUP = `mutation ($file: Upload!, $dryRun: Boolean) { restoreBackup(file: $file, dryRun: $dryRun) { dryRun formatVersion
  accounts { created skipped } categories { created skipped } transactions { created skipped } splits { created skipped } transfers { created skipped }
  receipts { created skipped } rules { created skipped } budgets { created skipped } importProfiles { created skipped } } }`;

/** GET /backup as the client: the archive's bytes (the test fails on any other answer). */
export async function downloadBackup(client: ApiClient): Promise<Buffer> {
  const response = await client.fetch('/backup');
  if (response.status !== 200) throw new Error(`GET /backup answered ${response.status}: ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

export function restoreBackup(client: ApiClient, archive: Buffer, dryRun?: boolean) {
  return client.upload(RESTORE_BACKUP, { dryRun }, { name: 'backup.zip', type: 'application/zip', body: archive });
}

/** Every file of a zip, by name (the test's own reading, with yauzl). */
export function unzipAll(archive: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(archive, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) =>
        zip.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export function zipAll(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, body] of files) zip.addBuffer(body, name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** The tables a backup covers, and which of their columns name a row of another (by table). */
const TABLES: Record<string, Record<string, string>> = {
  accounts: {},
  categories: {},
  transfers: { outflow_transaction_id: 'transactions', inflow_transaction_id: 'transactions' },
  transactions: { account_id: 'accounts', category_id: 'categories', transfer_id: 'transfers' },
  transaction_splits: { transaction_id: 'transactions', category_id: 'categories', transfer_id: 'transfers' },
  receipts: { transaction_id: 'transactions' },
  rules: {},
  budgets: { category_id: 'categories' },
  import_csv_mappings: { account_id: 'accounts' },
};
/** Columns that differ by nature between the original and its restore. */
const LEFT_OUT = new Set(['id', 'user_id', 'storage_key', 'import_batch_id']);

/** A value as both databases would agree on it: times in ISO, numbers and booleans as text. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
  return value;
}

/**
 * Every row the user has in the tables a backup covers, read with the test's own SQL: ids left
 * out, and each reference to another row given as that row's place among the user's rows of its
 * table (restores keep the order; the target's starter rows come first in both); receipts come with the SHA-256 of their stored bytes.
 */
export async function snapshotOf(
  dataSource: DataSource,
  storage: ReceiptStorage,
  userId: number,
  /** Accounts and categories a restore merged into rather than created: their own creation time stays. */
  mergedNames: ReadonlySet<string> = new Set(),
): Promise<Record<string, Record<string, unknown>[]>> {
  const postgres = dataSource.options.type === 'postgres';
  const raw: Record<string, Record<string, unknown>[]> = {};
  for (const table of Object.keys(TABLES)) {
    raw[table] = await dataSource.query(`SELECT * FROM "${table}" WHERE "user_id" = ${postgres ? '$1' : '?'} ORDER BY "id"`, [userId]);
  }
  const place = Object.fromEntries(Object.keys(TABLES).map((table) => [table, new Map(raw[table].map((row, index) => [Number(row.id), index]))]));
  place.transaction_splits ??= new Map();
  const snapshot: Record<string, Record<string, unknown>[]> = {};
  for (const [table, references] of Object.entries(TABLES)) {
    snapshot[table] = [];
    for (const row of raw[table]) {
      const out: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (LEFT_OUT.has(column)) continue;
        const target = references[column];
        out[column] = target && value !== null ? `${target}#${place[target].get(Number(value))}` : canonical(value);
      }
      if ((table === 'accounts' || table === 'categories') && mergedNames.has(row.name as string)) delete out.created_at;
      if (table === 'rules') {
        out.conditions = (JSON.parse(row.conditions as string) as { field: string; value: string }[]).map((condition) =>
          condition.field === 'ACCOUNT' ? { ...condition, value: `accounts#${place.accounts.get(Number(condition.value))}` } : condition,
        );
        out.actions = (JSON.parse(row.actions as string) as { type: string; value: string }[]).map((action) =>
          action.type === 'SET_CATEGORY' ? { ...action, value: `categories#${place.categories.get(Number(action.value))}` } : action,
        );
      }
      if (table === 'receipts') {
        const chunks: Buffer[] = [];
        for await (const chunk of await storage.read(row.storage_key as string)) chunks.push(chunk as Buffer);
        out.sha256 = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
      }
      snapshot[table].push(out);
    }
  }
  return snapshot;
}

/** How many rows of each covered table the user has, and how many stored files there are. */
export async function countsOf(dataSource: DataSource, storage: ReceiptStorage, userId: number): Promise<Record<string, number>> {
  const snapshotCounts: Record<string, number> = {};
  const postgres = dataSource.options.type === 'postgres';
  for (const table of Object.keys(TABLES)) {
    const [row] = await dataSource.query(`SELECT COUNT(*) AS "count" FROM "${table}" WHERE "user_id" = ${postgres ? '$1' : '?'}`, [userId]);
    snapshotCounts[table] = Number(row.count);
  }
  let files = 0;
  for await (const _stored of storage.listKeys()) files += 1;
  snapshotCounts.storedFiles = files;
  return snapshotCounts;
}
