import type { DataSource, EntityManager } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { notFound } from '../../lib/errors';
import { Money } from '../../lib/money';
import type { AccountRepository } from '../accounts/account.repository';
import type { CategoryRepository } from '../categories/category.repository';
import type { DeletionService } from '../deletion/deletion.service';
import type { SplitRepository } from '../splits/split.repository';
import type { SplitService } from '../splits/split.service';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { TransferLegs } from '../transfers/transfer-legs';
import type { TransferService } from '../transfers/transfer.service';
import type { RuleBook } from '../rules/rule-book';
import type { RuleOutcomeWriter } from '../rules/rule-outcome-writer';
import { classifyRows } from './duplicates';
import type { ImportBatchRepository } from './import-batch.repository';
import { OwnerNames, partOf, type ImportPart } from './import-names';
import type { ImportPreviewRepository } from './import-preview.repository';
import type { ImportRepository } from './import.repository';
import type { ImportBatchRecord, ImportPreviewRecord, PreviewRowRecord } from './import.model';

/** Rows read per page when a commit walks its preview. */
const COMMIT_PAGE = 10_000;

/**
 * The writing half of an import: a commit writes a preview as a batch in one database
 * transaction (new rows, their parts and the transfers the user ticked; links to matched rows);
 * undo removes what the batch created and unlinks what it matched.
 */
export class ImportCommitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly importPreviews: ImportPreviewRepository,
    private readonly importBatches: ImportBatchRepository,
    private readonly imports: ImportRepository,
    private readonly accounts: AccountRepository,
    private readonly categories: CategoryRepository,
    private readonly transactions: TransactionRepository,
    private readonly splits: { service: SplitService; repository: SplitRepository },
    private readonly deletion: DeletionService,
    private readonly transfers: TransferService,
    private readonly legs: TransferLegs,
    private readonly rules: { book: RuleBook; writer: RuleOutcomeWriter },
  ) {}

  /**
   * Writes the preview's rows in one database transaction: NEW rows become transactions, MATCHED
   * rows link their transaction (its bank text and id; nothing the user edited). Without `include`
   * the rows the preview marked included go in; `include` names the rows (by line) instead,
   * `alsoInclude` adds rows to either (a duplicate the user wants after all), and `exclude` leaves rows out. INVALID rows never go in. The preview is gone afterwards.
   */
  async commit(
    scope: OwnerScope,
    previewId: number,
    include?: readonly number[] | null,
    exclude?: readonly number[] | null,
    alsoInclude?: readonly number[] | null,
    linkTransfers?: readonly number[] | null,
  ): Promise<ImportBatchRecord> {
    const preview = await this.importPreviews.findPreview(scope, previewId);
    if (!preview) throw notFound('Import preview');
    const included = include ? new Set(include) : null;
    const excluded = new Set(exclude ?? []);
    const added = new Set(alsoInclude ?? []);
    const linking = new Set(linkTransfers ?? []);
    const chosen = (row: PreviewRowRecord) => row.status !== 'INVALID' && ((included ? included.has(row.line) : row.included) || added.has(row.line)) && !excluded.has(row.line);

    const batchId = await writeTransaction(this.dataSource, async (manager) => {
      const previews = this.importPreviews.within(manager);
      const batches = this.importBatches.within(manager);
      const imports = this.imports.within(manager);
      const transactions = this.transactions.within(manager);
      // Held until the commit ends, then deleted: a second commit of the same preview waits, then finds nothing.
      if (!(await previews.claimPreview(scope, previewId))) throw notFound('Import preview');
      // Commits into one account take turns from here, so each sees what the one before wrote.
      if (!(await this.accounts.within(manager).lockForWrite(scope, preview.accountId))) throw notFound('Account');
      // Rows another batch wrote since the preview are checked for again, only when there is such a batch.
      const known = new Set(preview.details.knownBatchIds);
      const recheck = (await batches.batchIdsOfAccount(scope, preview.accountId)).some((id) => !known.has(id));
      const repeated = new Set<number>();
      const batchId = await batches.insertBatch(scope, { accountId: preview.accountId, format: preview.format, filename: preview.filename, createdCount: 0, matchedCount: 0, skippedCount: 0 });
      const counts = { rows: 0, created: 0, matched: 0 };
      // The names the rows give are matched once, when the first page has any, to the categories and accounts as they are now.
      let names: OwnerNames | null = null;
      // A page at a time, so the largest file is never all in memory (the heap is 192 MB).
      for (let after: number | null = null; ; ) {
        const page = await previews.previewRows(scope, previewId, null, COMMIT_PAGE, after);
        counts.rows += page.length;
        const rows = page.filter(chosen);
        const matching = rows.filter((row) => row.status === 'MATCHED' && row.matchedTransactionId !== null);
        // A transaction another import claimed since the preview is that import's: the row is skipped, never doubled.
        const linked = new Set(
          await batches.insertMatches(
            scope,
            batchId,
            matching.map((row) => ({ transactionId: row.matchedTransactionId!, externalId: row.externalId, importedDescription: row.description, importFingerprint: row.fingerprint })),
          ),
        );
        counts.matched += matching.filter((row) => linked.has(row.matchedTransactionId!)).length;
        let creating = rows.filter((row) => row.status !== 'MATCHED' && row.date !== null && row.amount !== null);
        if (recheck) creating = await this.notImportedSince(imports, scope, preview, creating, repeated);
        if (!names && creating.some((row) => row.category !== null || row.splits?.length || row.ruleOutcome)) {
          names = await OwnerNames.read(scope, { categories: this.categories.within(manager), accounts: this.accounts.within(manager) }, preview.accountId);
        }
        // A row split into plain parts is written split (its parts' notes in its search text); one with a transfer part is split by the split service after.
        const planned = creating.map((row) => {
          const parts = row.splits?.length ? row.splits.map((line) => partOf(line, names!)) : rulePartsOf(row, names);
          return { row, parts, plain: parts !== null && parts.every((part) => part.transferAccount === null) };
        });
        const created = await transactions.insertMany(
          scope,
          planned.map(({ row, parts, plain }) => ({
            accountId: preview.accountId,
            // A split transaction's parts carry the categories; a category the owner does not have is left out; the file's comes before the rules'.
            categoryId: parts ? null : (names?.category(row.category, row.amount!)?.id ?? names?.categoryById(row.ruleOutcome?.categoryId)?.id ?? null),
            date: row.date!,
            amount: row.amount!,
            description: row.ruleOutcome?.description ?? row.description,
            notes: row.ruleOutcome?.notes ?? row.notes,
            importedDescription: row.description,
            externalId: row.externalId,
            importFingerprint: row.fingerprint,
            importBatchId: batchId,
            isSplit: plain,
            partNotes: plain ? parts!.map((part) => part.notes) : undefined,
          })),
        );
        counts.created += created.length;
        // insertMany answers the ids in the order of the rows.
        await this.insertParts(manager, scope, planned.map((entry, index) => ({ ...entry, id: created[index] })));
        // A split row is no whole-row leg: its transfers are its parts.
        await this.linkSuggestedTransfers(manager, scope, preview.accountId, creating, created, linking);
        // A rule's transfer, for a row the user did not link to its suggestion themselves.
        await this.rules.writer.linkNew(
          manager,
          scope,
          creating.flatMap((row, index) =>
            row.ruleOutcome?.transferAccountId !== undefined && !linking.has(row.line) && !row.splits?.length ? [{ transactionId: created[index], accountId: row.ruleOutcome.transferAccountId }] : [],
          ),
        );
        await this.rules.book.recordApplied(manager, scope, creating.map((row) => row.ruleOutcome));
        if (page.length < COMMIT_PAGE) break;
        after = page[page.length - 1].position;
      }
      await batches.setBatchCounts(scope, batchId, { createdCount: counts.created, matchedCount: counts.matched, skippedCount: counts.rows - counts.created - counts.matched });
      await previews.deletePreview(scope, previewId);
      // What read the file is the account's from now on: the CSV mapping, and which statement it was.
      const { csv, accountHint } = preview.details;
      if (csv && counts.created + counts.matched > 0) await imports.saveCsvMapping(scope, preview.accountId, csv.mapping);
      if (accountHint) await imports.saveAccountHint(scope, preview.accountId, accountHint);
      return batchId;
    });
    return (await this.importBatches.findBatch(scope, batchId))!;
  }

  /**
   * Inside the commit: the parts of the new rows that have split lines. Plain parts go in at once,
   * a page's in one statement (their rows were written split); a row with a transfer part (to an
   * account of the owner's) goes through the split service, which makes the other leg there, as
   * setSplits does.
   */
  private async insertParts(manager: EntityManager, scope: OwnerScope, created: readonly { id: number; parts: ImportPart[] | null; plain: boolean }[]): Promise<void> {
    await this.splits.repository.within(manager).insertMany(
      scope,
      created.flatMap(({ id, parts, plain }) =>
        plain ? parts!.map((part, position) => ({ transactionId: id, position, amount: part.amount, categoryId: part.category?.id ?? null, notes: part.notes })) : [],
      ),
    );
    const transferring = created.filter(({ parts, plain }) => parts !== null && !plain);
    if (!transferring.length) return;
    const transactions = this.transactions.within(manager);
    const records = new Map((await transactions.findManyByIds(scope, transferring.map(({ id }) => id))).map((record) => [record.id, record]));
    for (const { id, parts } of transferring) {
      const record = records.get(id)!;
      await this.splits.service.replaceWithin(
        manager,
        scope,
        record,
        parts!.map((part) => ({
          amount: new Money(part.amount, record.account.currency).toString(),
          categoryId: part.transferAccount ? null : (part.category?.id ?? null),
          notes: part.notes,
          transferAccountId: part.transferAccount?.id ?? null,
        })),
      );
    }
  }

  /**
   * The created rows the user ticked (by line) become legs with the row their preview suggested,
   * looked for again inside the commit: a row linked meanwhile (or by an earlier page) is a leg
   * already and no longer offered, so none is claimed twice.
   */
  private async linkSuggestedTransfers(
    manager: EntityManager,
    scope: OwnerScope,
    accountId: number,
    rows: readonly PreviewRowRecord[],
    ids: readonly number[],
    linking: ReadonlySet<number>,
  ): Promise<void> {
    const ticked = rows.flatMap((row, index) => (linking.has(row.line) && !row.splits?.length ? [{ row, id: ids[index] }] : []));
    if (!ticked.length) return;
    const suggested = await this.transfers.suggestFor(
      scope,
      ticked.map(({ row, id }) => ({ transactionId: id, accountId, date: row.date!, amount: row.amount! })),
      manager,
    );
    const claimed = new Set<number>();
    const pairs = ticked.flatMap(({ row, id }, index) => {
      const other = suggested[index];
      if (other === null || claimed.has(other)) return [];
      claimed.add(other);
      return [row.amount! < 0n ? { outflow: id, inflow: other } : { outflow: other, inflow: id }];
    });
    for (const { outflow, inflow } of pairs) await this.transfers.linkWithin(manager, scope, outflow, inflow);
  }

  /**
   * The rows to create less those a batch committed since the preview already wrote (two previews
   * of one file committed one after the other): the duplicate rules again, against that batch's
   * rows. `repeated` carries the transactions earlier pages found repeated, so none is counted twice.
   */
  private async notImportedSince(imports: ImportRepository, scope: OwnerScope, preview: ImportPreviewRecord, rows: PreviewRowRecord[], repeated: Set<number>): Promise<PreviewRowRecord[]> {
    if (!rows.length) return rows;
    const externalIds = [...new Set(rows.flatMap((row) => (row.externalId === null ? [] : [row.externalId])))];
    const fingerprints = [...new Set(rows.flatMap((row) => (row.fingerprint === null ? [] : [row.fingerprint])))];
    const since = (await imports.candidatesImportedSince(scope, preview.accountId, preview.details.knownBatchIds, externalIds, fingerprints)).filter((candidate) => !repeated.has(candidate.id));
    if (!since.length) return rows;
    const classified = classifyRows(
      rows.map((row) => ({ date: row.date!, amount: row.amount!, description: row.description, externalId: row.externalId, fingerprint: row.fingerprint })),
      since,
    );
    for (const result of classified) if (result.transactionId !== null) repeated.add(result.transactionId);
    return rows.filter((_, index) => classified[index].status === 'NEW');
  }

  batches(scope: OwnerScope, accountId: number | null): Promise<ImportBatchRecord[]> {
    return this.importBatches.listBatches(scope, accountId);
  }

  /**
   * Unlinks what the batch matched (their earlier bank text and id come back), deletes what it
   * created and marks it undone. Each step can run again, so an undo cut short is finished by the next.
   */
  async undo(scope: OwnerScope, batchId: number): Promise<ImportBatchRecord> {
    const batch = await this.importBatches.findBatch(scope, batchId);
    if (!batch) throw notFound('Import batch');
    if (batch.undoneAt) return batch;
    const created = await writeTransaction(this.dataSource, async (manager) => {
      const batches = this.importBatches.within(manager);
      await batches.restoreMatches(scope, batchId);
      const ids = await batches.createdTransactionIds(scope, batchId);
      return [...ids, ...(await this.legs.otherLegsToDelete(manager, scope, ids, null))];
    });
    if (created.length) await this.deletion.deleteOwned(scope, { transactions: created });
    await this.importBatches.markBatchUndone(scope, batchId);
    return (await this.importBatches.findBatch(scope, batchId))!;
  }
}

/** The parts a rule's split gives a row the file did not split (categories the owner still has). */
function rulePartsOf(row: PreviewRowRecord, names: OwnerNames | null): ImportPart[] | null {
  const splits = row.ruleOutcome?.splits;
  if (!splits?.length || !names) return null;
  return splits.map((part) => ({ amount: part.amount, category: names.categoryById(part.categoryId), transferAccount: null, notes: part.notes }));
}
