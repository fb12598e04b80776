import type { DataSource } from 'typeorm';
import { createDatabase, dropDatabase } from '../../test-kit/services.cjs';
import { openDatabase } from '../src/db/data-source';
import { ownerScope, type OwnerScope } from '../src/db/owner-scope';
import { writeTransaction } from '../src/db/write-transaction';
import { Account } from '../src/modules/accounts/account.entity';
import { classifyRows, fingerprint } from '../src/modules/imports/duplicates';
import type { NewPreviewRow } from '../src/modules/imports/import.model';
import { ImportBatchRepository } from '../src/modules/imports/import-batch.repository';
import { ImportPreviewRepository } from '../src/modules/imports/import-preview.repository';
import { ImportRepository } from '../src/modules/imports/import.repository';
import { TransactionRepository } from '../src/modules/transactions/transaction.repository';
import { User } from '../src/modules/users/user.entity';
import { backend } from './support/backends';

/** The import repositories (previews, batches, the duplicate rules' reads and settings) against the real database of this backend (SQLite, or Postgres with TEST_BACKEND=services). */
const postgres = backend === 'services';
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `ft_import_repo_${process.pid}`;

let dataSource: DataSource;
let previews: ImportPreviewRepository;
let batches: ImportBatchRepository;
let imports: ImportRepository;
let transactions: TransactionRepository;
let owner: OwnerScope;
let stranger: OwnerScope;
let accountId: number;
let otherAccountId: number;
let strangerAccountId: number;

beforeAll(async () => {
  dataSource = postgres
    ? await openDatabase({ kind: 'postgres', url: await createDatabase(POSTGRES_ADMIN_URL, databaseName) })
    : await openDatabase({ kind: 'sqlite', file: ':memory:' });
  previews = new ImportPreviewRepository(dataSource);
  batches = new ImportBatchRepository(dataSource);
  imports = new ImportRepository(dataSource);
  transactions = new TransactionRepository(dataSource);
  const user = async (email: string) =>
    dataSource.manager.save(dataSource.manager.create(User, { email, emailKey: email, passwordHash: 'not-a-hash', name: email, currency: 'EUR' }));
  const account = async (userId: number, name: string) => (await dataSource.manager.save(dataSource.manager.create(Account, { userId, name, currency: 'EUR' }))).id;
  const me = await user('me@example.com');
  const them = await user('them@example.com');
  owner = ownerScope(me.id);
  stranger = ownerScope(them.id);
  accountId = await account(me.id, 'Checking');
  otherAccountId = await account(me.id, 'Card');
  strangerAccountId = await account(them.id, 'Theirs');
});

afterAll(async () => {
  await dataSource?.destroy();
  if (postgres) await dropDatabase(POSTGRES_ADMIN_URL, databaseName);
});

const previewRow = (line: number, overrides: Partial<NewPreviewRow> = {}): NewPreviewRow => ({
  line,
  date: '2026-03-01',
  amount: -450n,
  description: `Row ${line}`,
  notes: '',
  externalId: null,
  fingerprint: fingerprint('2026-03-01', -450n, `Row ${line}`),
  status: 'NEW',
  matchedTransactionId: null,
  error: null,
  included: true,
  category: null,
  splits: null,
  ruleOutcome: null,
  ...overrides,
});

const newPreview = (ttlSeconds = 86_400) => ({ accountId, format: 'CSV' as const, encoding: 'windows-1252', filename: 'bank.csv', statementIndex: 1, ttlSeconds, details: { statements: [], csv: null, accountHint: 'DE89', knownBatchIds: [7] } });

const inWrite = <T>(work: (within: { previews: ImportPreviewRepository; batches: ImportBatchRepository; rows: TransactionRepository }) => Promise<T>) =>
  writeTransaction(dataSource, (manager) => work({ previews: previews.within(manager), batches: batches.within(manager), rows: transactions.within(manager) }));

describe('previews', () => {
  test('a preview keeps its rows in file order, paged by status with a keyset, counted per status', async () => {
    const rows = Array.from({ length: 5000 }, (_, index) =>
      previewRow(index + 2, {
        status: index % 10 === 0 ? 'DUPLICATE' : index % 25 === 1 ? 'INVALID' : 'NEW',
        ...(index % 25 === 1 ? { date: null, amount: null, error: 'The amount "12,3,4" is not a number', included: false, fingerprint: null } : {}),
        ...(index === 3 ? { description: 'Café “Zur Post” ; 100 %', notes: 'line\nbreak', externalId: 'FIT-"3"', amount: -9_007_199_254_740_991n } : {}),
        ...(index === 3
          ? {
              category: 'Food:Groceries',
              splits: [
                { amount: -9_007_199_254_740_000n, category: 'Food:"Fresh"', transferAccount: null, notes: 'a\nb' },
                { amount: -991n, category: null, transferAccount: 'Savings', notes: '' },
              ],
            }
          : {}),
      }),
    );
    const id = await inWrite(({ previews }) => previews.insertPreview(owner, newPreview(), rows));

    const preview = await previews.findPreview(owner, id);
    expect(preview).toMatchObject({ id, accountId, format: 'CSV', encoding: 'windows-1252', filename: 'bank.csv', statementIndex: 1, details: newPreview().details });
    expect(preview!.expiresAt.getTime() - preview!.createdAt.getTime()).toBeGreaterThan(86_000_000);

    const first = await previews.previewRows(owner, id, null, 4);
    expect(first.map((row) => row.position)).toEqual([0, 1, 2, 3]);
    expect(first[1]).toEqual({ ...rows[1], position: 1 });
    expect(first[3]).toEqual({ ...rows[3], position: 3 });
    expect(first[0].included).toBe(true);
    expect(first[1].included).toBe(false);

    const all: number[] = [];
    let after: number | null = null;
    for (;;) {
      const page = await previews.previewRows(owner, id, 'DUPLICATE', 51, after);
      if (!page.length) break;
      all.push(...page.map((row) => row.position));
      after = page.at(-1)!.position;
    }
    expect(all).toEqual(rows.flatMap((row, index) => (row.status === 'DUPLICATE' ? [index] : [])));
    expect(await previews.countPreviewRows(owner, id)).toEqual({ NEW: 4300, DUPLICATE: 500, MATCHED: 0, INVALID: 200 });
  });

  test('a preview is its owner’s alone', async () => {
    const id = await inWrite(({ previews }) => previews.insertPreview(owner, newPreview(), [previewRow(2)]));
    expect(await previews.findPreview(stranger, id)).toBeNull();
    expect(await previews.previewRows(stranger, id, null, 50)).toEqual([]);
    expect(await previews.countPreviewRows(stranger, id)).toEqual({ NEW: 0, DUPLICATE: 0, MATCHED: 0, INVALID: 0 });
    expect(await previews.deletePreview(stranger, id)).toBe(false);
    expect(await previews.deleteExpiredPreviews(stranger)).toBe(0);
    expect(await previews.deletePreview(owner, id)).toBe(true);
    expect(await previews.findPreview(owner, id)).toBeNull();
    expect(await previews.previewRows(owner, id, null, 50)).toEqual([]);
  });

  test('an expired preview is not found, and the sweep deletes it with its rows, leaving the live ones', async () => {
    const expired = await inWrite(({ previews }) => previews.insertPreview(owner, newPreview(-60), [previewRow(2), previewRow(3)]));
    const live = await inWrite(({ previews }) => previews.insertPreview(owner, newPreview(), [previewRow(2)]));
    expect(await previews.findPreview(owner, expired)).toBeNull();
    expect(await previews.deleteExpiredPreviews(owner)).toBeGreaterThanOrEqual(1);
    expect(await dataSource.query(`SELECT COUNT(*) AS "n" FROM "import_preview_rows" WHERE "preview_id" = ${expired}`)).toEqual([{ n: postgres ? '0' : 0 }]);
    expect(await previews.findPreview(owner, live)).not.toBeNull();
  });
});

describe('duplicate candidates', () => {
  test('by bank id, by fingerprint and by dates, on the account only, with what the rules need', async () => {
    const [typed, importedId, elsewhere] = await inWrite(({ rows }) =>
      rows.insertMany(owner, [
        { accountId, categoryId: null, date: '2026-05-02', amount: -450n, description: 'Coffee', notes: '' },
        {
          accountId,
          categoryId: null,
          date: '2026-05-09',
          amount: -999n,
          description: 'Lunch (edited)',
          notes: '',
          importedDescription: 'CARD LUNCH',
          externalId: 'FIT-A',
          importFingerprint: fingerprint('2026-05-03', -990n, 'CARD LUNCH'),
        },
        { accountId: otherAccountId, categoryId: null, date: '2026-05-02', amount: -450n, description: 'Coffee', notes: '', externalId: 'FIT-A' },
      ]),
    );
    await inWrite(({ rows }) => rows.insertMany(stranger, [{ accountId: strangerAccountId, categoryId: null, date: '2026-05-02', amount: -450n, description: 'Coffee', notes: '', externalId: 'FIT-A' }]));

    const byId = await imports.candidatesByExternalId(owner, accountId, ['FIT-A', 'FIT-"B"', "FIT-'C'"]);
    expect(byId).toEqual([
      // The texts no rule reads of it are left out: it is claimed, and its fingerprint says more than its bank text.
      { id: importedId, date: '2026-05-09', amount: -999n, description: '', importedDescription: '', externalId: 'FIT-A', importFingerprint: fingerprint('2026-05-03', -990n, 'CARD LUNCH'), claimed: true },
    ]);
    expect(await imports.candidatesByExternalId(owner, accountId, [])).toEqual([]);
    expect((await imports.candidatesByFingerprint(owner, accountId, [fingerprint('2026-05-03', -990n, 'card lunch')])).map((c) => c.id)).toEqual([importedId]);
    // For a row with a bank id, only transactions without one: it has another.
    expect(await imports.candidatesByFingerprint(owner, accountId, [fingerprint('2026-05-03', -990n, 'card lunch')], true)).toEqual([]);
    const inRange = await imports.candidatesInDateRange(owner, accountId, '2026-05-01', '2026-05-08');
    expect(inRange).toEqual([{ id: typed, date: '2026-05-02', amount: -450n, description: 'Coffee', importedDescription: '', externalId: null, importFingerprint: null, claimed: false }]);
    expect(await imports.candidatesInDateRange(stranger, accountId, '2026-01-01', '2026-12-31')).toEqual([]);
    expect(elsewhere).toBeGreaterThan(0);

    // The rules see the re-import of the edited row as a duplicate of it, and match the typed coffee.
    const file = [
      { date: '2026-05-03', amount: -990n, description: 'Card  Lunch', externalId: null },
      { date: '2026-05-04', amount: -450n, description: 'CARD COFFEE', externalId: 'FIT-NEW' },
    ];
    const candidates = [...byId, ...(await imports.candidatesByFingerprint(owner, accountId, file.map((r) => fingerprint(r.date, r.amount, r.description)))), ...inRange];
    expect(classifyRows(file, candidates)).toEqual([
      { status: 'DUPLICATE', transactionId: importedId },
      { status: 'MATCHED', transactionId: typed },
    ]);
  });
});

describe('batches, matches and undo', () => {
  test('a commit links matched transactions without touching what the user edited; undo restores them and finds what it created', async () => {
    const [typed, alreadyImported] = await inWrite(({ rows }) =>
      rows.insertMany(owner, [
        { accountId, categoryId: null, date: '2026-07-01', amount: -1200n, description: 'My groceries', notes: 'weekly' },
        { accountId, categoryId: null, date: '2026-07-01', amount: -1200n, description: 'Other', notes: '', importedDescription: 'X', externalId: 'FIT-OLD' },
      ]),
    );
    const { batchId, linked, created } = await inWrite(async ({ batches, rows }) => {
      const batchId = await batches.insertBatch(owner, { accountId, format: 'OFX', filename: 'july.ofx', createdCount: 0, matchedCount: 0, skippedCount: 0 });
      const linked = await batches.insertMatches(owner, batchId, [
        { transactionId: typed, externalId: 'FIT-1', importedDescription: 'REWE SAGT DANKE', importFingerprint: fingerprint('2026-07-02', -1200n, 'REWE SAGT DANKE') },
        { transactionId: alreadyImported, externalId: 'FIT-2', importedDescription: 'Y', importFingerprint: null },
      ]);
      const created = await rows.insertMany(owner, [
        { accountId, categoryId: null, date: '2026-07-03', amount: -300n, description: 'BAKERY', notes: '', importedDescription: 'BAKERY', externalId: 'FIT-3', importFingerprint: 'a'.repeat(64), importBatchId: batchId },
      ]);
      await batches.setBatchCounts(owner, batchId, { createdCount: 1, matchedCount: linked.length, skippedCount: 1 });
      return { batchId, linked, created };
    });
    expect(linked).toEqual([typed]);
    const matched = await transactions.findById(owner, typed);
    expect(matched).toMatchObject({ description: 'My groceries', notes: 'weekly', date: '2026-07-01', importedDescription: 'REWE SAGT DANKE', externalId: 'FIT-1', importBatchId: batchId });
    expect(await transactions.findById(owner, alreadyImported)).toMatchObject({ importedDescription: 'X', externalId: 'FIT-OLD', importBatchId: null });

    expect(await batches.findBatch(owner, batchId)).toMatchObject({ id: batchId, accountId, format: 'OFX', filename: 'july.ofx', createdCount: 1, matchedCount: 1, skippedCount: 1, undoneAt: null });
    expect(await batches.findBatch(stranger, batchId)).toBeNull();
    expect((await batches.listBatches(owner, accountId)).map((batch) => batch.id)).toContain(batchId);
    expect(await batches.listBatches(owner, otherAccountId)).toEqual([]);
    expect(await batches.listBatches(stranger, null)).toEqual([]);
    expect(await batches.listMatches(owner, batchId)).toEqual([{ transactionId: typed, previousImportedDescription: '', previousExternalId: null }]);
    expect(await batches.listMatches(stranger, batchId)).toEqual([]);

    // Another user can neither link nor undo the batch.
    expect(await inWrite(({ batches }) => batches.insertMatches(stranger, batchId, [{ transactionId: typed, externalId: 'Z', importedDescription: 'Z', importFingerprint: null }]))).toEqual([]);
    expect(await inWrite(({ batches }) => batches.restoreMatches(stranger, batchId))).toBe(0);
    expect(await batches.createdTransactionIds(stranger, batchId)).toEqual([]);
    expect(await batches.markBatchUndone(stranger, batchId)).toBe(false);

    expect(await inWrite(({ batches }) => batches.restoreMatches(owner, batchId))).toBe(1);
    expect(await batches.createdTransactionIds(owner, batchId)).toEqual(created);
    expect(await transactions.findById(owner, typed)).toMatchObject({ description: 'My groceries', importedDescription: '', externalId: null, importBatchId: null });
    expect(await batches.markBatchUndone(owner, batchId)).toBe(true);
    expect(await batches.markBatchUndone(owner, batchId)).toBe(false);
    expect((await batches.findBatch(owner, batchId))!.undoneAt).toBeInstanceOf(Date);
  });

  test('deleting a batch row leaves its transactions, unlinked (ON DELETE SET NULL), on both databases', async () => {
    const batchId = await batches.insertBatch(owner, { accountId, format: 'CSV', filename: 'x.csv', createdCount: 1, matchedCount: 0, skippedCount: 0 });
    const [id] = await inWrite(({ rows }) => rows.insertMany(owner, [{ accountId, categoryId: null, date: '2026-08-01', amount: -1n, description: 'x', notes: '', importBatchId: batchId }]));
    await dataSource.query(`DELETE FROM "import_batches" WHERE "id" = ${batchId}`);
    expect(await transactions.findById(owner, id)).toMatchObject({ importBatchId: null });
  });
});

describe('per-account settings', () => {
  test('the mapping and the account hint are saved apart, per account, for the owner only', async () => {
    expect(await imports.findSettings(owner, otherAccountId)).toBeNull();
    await imports.saveCsvMapping(owner, otherAccountId, { delimiter: ';', dateColumn: 'Buchungstag', dateFormat: 'DD.MM.YYYY' });
    await imports.saveAccountHint(owner, otherAccountId, 'DE89370400440532013000');
    expect(await imports.findSettings(owner, otherAccountId)).toEqual({ mapping: { delimiter: ';', dateColumn: 'Buchungstag', dateFormat: 'DD.MM.YYYY' }, accountHint: 'DE89370400440532013000' });
    await imports.saveCsvMapping(owner, otherAccountId, { delimiter: ',' });
    expect(await imports.findSettings(owner, otherAccountId)).toEqual({ mapping: { delimiter: ',' }, accountHint: 'DE89370400440532013000' });
    expect(await imports.findSettings(stranger, otherAccountId)).toBeNull();
    await imports.saveCsvMapping(stranger, otherAccountId, { delimiter: 'X' });
    expect(await imports.findSettings(owner, otherAccountId)).toEqual({ mapping: { delimiter: ',' }, accountHint: 'DE89370400440532013000' });
  });
});
