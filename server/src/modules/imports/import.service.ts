import { LIMITS } from '@finance-tracker/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { AppError, badInput, notFound } from '../../lib/errors';
import { isCleanText } from '../../lib/text';
import { Money, parseMoney, type MinorUnits } from '../../lib/money';
import type { AccountRecord } from '../accounts/account.model';
import type { AccountRepository } from '../accounts/account.repository';
import type { CategoryRecord } from '../categories/category.model';
import type { CategoryRepository } from '../categories/category.repository';
import type { DeletionService } from '../deletion/deletion.service';
import { readLimited, uploadedName, type IncomingFile } from '../../lib/incoming-file';
import type { SplitRepository } from '../splits/split.repository';
import type { SplitService } from '../splits/split.service';
import type { TransactionRepository } from '../transactions/transaction.repository';
import type { TransferRepository } from '../transfers/transfer.repository';
import type { TransferService } from '../transfers/transfer.service';
import { candidateDateRange, classifyRows, DuplicateClassification, fingerprint, type RowToClassify } from './duplicates';
import type { ImportBatchRepository } from './import-batch.repository';
import { OwnerNames } from './import-names';
import type { ImportPreviewRepository } from './import-preview.repository';
import type { ImportRepository } from './import.repository';
import type {
  ImportBatchRecord,
  ImportPreviewDetails,
  ImportPreviewRecord,
  ImportRowStatus,
  ImportStatementSummary,
  NewPreviewRow,
  PreviewRowRecord,
  PreviewSplit,
  PreviewStatusCounts,
} from './import.model';
import { parseCamt } from './parsers/camt';
import { parseCsv, type CsvOptions } from './parsers/csv';
import type { CsvMapping } from './parsers/csv-mapping';
import { parseOfx } from './parsers/ofx';
import { UnreadableFileError, type ImportFormat, type ParsedFile, type ParsedSplit, type ParsedStatement } from './parsers/parsed-file';
import { parseQif } from './parsers/qif';

/** A preview lives a day: long enough to review a large file, short enough not to pile up. */
const PREVIEW_TTL_SECONDS = 86_400;
/** Rows whose duplicate candidates are read at once. */
const CLASSIFY_SLICE = 20_000;
/** Rows read per page when a commit walks its preview. */
const COMMIT_PAGE = 10_000;
/** Created rows whose transfers an undo reads at once (two lists of bound values each, under SQLite's limit). */
const UNDO_SLICE = 5000;

interface ImportOptions {
  format?: ImportFormat | null;
  /** The text encoding to read a CSV file as (detected when absent; other formats declare theirs). */
  encoding?: string | null;
  /** Which statement of a multi-statement file (0-based). */
  statement?: number | null;
  csv?: Omit<CsvOptions, 'encoding' | 'categoryColumn'> | null;
}

/** What a preview answers: the stored preview's id and what the file held, with the counts by status. */
export interface ImportPreviewResult {
  id: number;
  accountId: number;
  format: ImportFormat;
  encoding: string;
  filename: string;
  /** The account's currency, for the rows' amounts. */
  currency: string;
  statements: ImportStatementSummary[];
  /** The statement the rows are of. */
  statementIndex: number;
  counts: PreviewStatusCounts;
  /** CSV only: the columns of the file, the mapping the rows were read with and the one guessed from it. */
  csvColumns: string[] | null;
  csvMapping: CsvMapping | null;
  suggestedCsvMapping: CsvMapping | null;
  /** CSV only: the date formats that read the most rows, the one used first (several: the user should pick). */
  dateFormatCandidates: string[] | null;
  expiresAt: Date;
}

interface ImportPreviewRowView extends Omit<PreviewRowRecord, 'amount' | 'splits'> {
  amount: Money | null;
  /** The preview's account: where the row would go, and what its transfer suggestion is looked for from. */
  accountId: number;
  splits: ImportPreviewSplitView[];
}

/** A split line as the preview shows it: the category and account its names resolve to now. */
interface ImportPreviewSplitView {
  amount: Money;
  category: CategoryRecord | null;
  /** The name as the file wrote it, when it names a category (resolved or not). */
  categoryName: string | null;
  notes: string;
  transferAccount: AccountRecord | null;
}

/**
 * The import flow: a file is read, parsed, matched against the account's transactions and stored
 * as a preview (any replica may commit it); a commit writes a batch in one database transaction;
 * undo removes what the batch created and unlinks what it matched.
 */
export class ImportService {
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
    private readonly transferRepository: TransferRepository,
    readonly limits: { maxBytes: number; maxRows: number },
  ) {}

  async preview(scope: OwnerScope, accountId: number, file: IncomingFile, options: ImportOptions = {}): Promise<ImportPreviewResult> {
    const account = await this.accounts.findById(scope, accountId);
    if (!account) throw notFound('Account');
    const bytes = await readLimited(file, this.limits.maxBytes, this.tooLargeMessage());
    if (bytes.length === 0) throw badInput('file', 'The file is empty.');
    const format = options.format ?? detectFormat(bytes);
    const settings = await this.imports.findSettings(scope, accountId);

    let parsed: ParsedFile;
    let csv: { columns: string[]; mapping: CsvMapping; suggestedMapping: CsvMapping; dateFormatCandidates: string[] } | null = null;
    try {
      if (format === 'CSV') {
        const result = parseWithMapping(bytes, options, savedCsvOptions(settings?.mapping));
        parsed = result.file;
        csv = result;
      } else if (format === 'OFX') parsed = parseOfx(bytes);
      else if (format === 'QIF') parsed = parseQif(bytes);
      else parsed = parseCamt(bytes);
    } catch (error) {
      if (error instanceof UnreadableFileError) throw badInput('file', error.message);
      throw error;
    }

    const statementIndex = chooseStatement(parsed.statements, options.statement, settings?.accountHint ?? null);
    const statement: ParsedStatement | undefined = parsed.statements[statementIndex];
    if (statement && statement.rows.length > this.limits.maxRows) {
      throw badInput('file', `The statement has ${statement.rows.length} rows; an import takes up to ${this.limits.maxRows}. Split the file by date and import each part.`);
    }
    // The batches read before the rows are classified: whatever commits after is checked again at commit.
    const knownBatchIds = await this.importBatches.batchIdsOfAccount(scope, accountId);
    const rows = await this.classify(scope, accountId, account.currency, statement);
    const details: ImportPreviewDetails = {
      statements: parsed.statements.map((s) => ({ index: s.index, accountHint: s.accountHint, currency: s.currency, rowCount: s.rows.length })),
      csv: csv && { columns: csv.columns, mapping: csv.mapping, suggestedMapping: csv.suggestedMapping, dateFormatCandidates: csv.dateFormatCandidates },
      accountHint: statement?.accountHint ?? null,
      knownBatchIds,
    };

    await this.importPreviews.deleteExpiredPreviews(scope);
    const filename = uploadedName(file.filename) || 'statement';
    const id = await writeTransaction(this.dataSource, (manager) =>
      this.importPreviews
        .within(manager)
        .insertPreview(scope, { accountId, format: parsed.format, encoding: parsed.encoding, filename, statementIndex, ttlSeconds: PREVIEW_TTL_SECONDS, details }, rows),
    );
    const counts = { NEW: 0, DUPLICATE: 0, MATCHED: 0, INVALID: 0 };
    for (const row of rows) counts[row.status] += 1;
    const stored = await this.importPreviews.findPreview(scope, id);
    if (!stored) throw notFound('Import preview');
    return resultOf(stored, account.currency, counts);
  }

  /** A stored preview, as previewImport answered it (NOT_FOUND once it is committed, expired or another's). */
  async previewById(scope: OwnerScope, previewId: number): Promise<ImportPreviewResult> {
    const preview = await this.importPreviews.findPreview(scope, previewId);
    if (!preview) throw notFound('Import preview');
    const account = await this.accounts.findById(scope, preview.accountId);
    if (!account) throw notFound('Import preview');
    return resultOf(preview, account.currency, await this.importPreviews.countPreviewRows(scope, previewId));
  }

  /** Drops a preview the user will not commit (a re-preview with another mapping supersedes it): whether it was there. */
  discard(scope: OwnerScope, previewId: number): Promise<boolean> {
    return this.importPreviews.deletePreview(scope, previewId);
  }

  /** A page of the preview's rows in file order, after the position (keyset), of one status or all. */
  async previewRows(
    scope: OwnerScope,
    preview: { id: number; accountId: number; currency: string },
    status: ImportRowStatus | null,
    limit: number,
    afterPosition: number | null,
  ): Promise<ImportPreviewRowView[]> {
    const rows = await this.importPreviews.previewRows(scope, preview.id, status, limit, afterPosition);
    // The names are read once for the page, and only when it has split lines to resolve.
    const names = rows.some((row) => row.splits?.length) ? await OwnerNames.read(scope, { categories: this.categories, accounts: this.accounts }, preview.accountId) : null;
    return rows.map((row) => ({
      ...row,
      accountId: preview.accountId,
      amount: row.amount === null ? null : new Money(row.amount, preview.currency),
      splits: (row.splits ?? []).map((split) => {
        const part = partOf(split, names!);
        return { amount: new Money(split.amount, preview.currency), category: part.category, categoryName: split.category, notes: part.notes, transferAccount: part.transferAccount };
      }),
    }));
  }

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
        if (!names && creating.some((row) => row.category !== null || row.splits?.length)) {
          names = await OwnerNames.read(scope, { categories: this.categories.within(manager), accounts: this.accounts.within(manager) }, preview.accountId);
        }
        // A row split into plain parts is written split (its parts' notes in its search text); one with a transfer part is split by the split service after.
        const planned = creating.map((row) => {
          const parts = row.splits?.length ? row.splits.map((line) => partOf(line, names!)) : null;
          return { row, parts, plain: parts !== null && parts.every((part) => part.transferAccount === null) };
        });
        const created = await transactions.insertMany(
          scope,
          planned.map(({ row, parts, plain }) => ({
            accountId: preview.accountId,
            // A split transaction's parts carry the categories; a category the owner does not have is left out.
            categoryId: parts ? null : (names?.category(row.category, row.amount!)?.id ?? null),
            date: row.date!,
            amount: row.amount!,
            description: row.description,
            notes: row.notes,
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
      return [...ids, ...(await this.otherLegsToDelete(manager, scope, ids))];
    });
    if (created.length) await this.deletion.deleteOwned(scope, { transactions: created });
    await this.importBatches.markBatchUndone(scope, batchId);
    return (await this.importBatches.findBatch(scope, batchId))!;
  }

  /**
   * Before the batch's rows go: the other legs of their transfers that go with them (a leg made
   * with the row, as a split's transfer part makes one); the transfers of legs the user linked are
   * undone, and those legs stay. Deleting one leg applies the same rules (TransferLegs).
   */
  private async otherLegsToDelete(manager: EntityManager, scope: OwnerScope, ids: readonly number[]): Promise<number[]> {
    const transfers = this.transferRepository.within(manager);
    const going = new Set(ids);
    const legs: number[] = [];
    for (const [from, to] of slices(ids.length, UNDO_SLICE)) {
      const touching = await transfers.findTouching(scope, ids.slice(from, to));
      if (!touching.length) continue;
      const parts = await this.splits.repository.within(manager).listForTransfers(
        scope,
        touching.map((transfer) => transfer.id),
      );
      for (const transfer of touching) {
        const otherId = going.has(transfer.outflowTransactionId) ? transfer.inflowTransactionId : transfer.outflowTransactionId;
        if (going.has(otherId)) continue;
        const otherIsPart = parts.some((part) => part.transferId === transfer.id && part.transactionId === otherId);
        if (transfer.origin === 'created' && !otherIsPart) {
          legs.push(otherId);
          going.add(otherId);
        } else await transfers.delete(scope, transfer.id);
      }
    }
    return legs;
  }

  /** The statement's rows as the preview stores them: amounts in the account's currency, each with its status. */
  private async classify(scope: OwnerScope, accountId: number, currency: string, statement: ParsedStatement | undefined): Promise<NewPreviewRow[]> {
    if (!statement) return [];
    const otherCurrency = statement.currency && statement.currency.toUpperCase() !== currency ? statement.currency.toUpperCase() : null;
    const rows: NewPreviewRow[] = [];
    // The valid rows are classified as they are: a preview row is a RowToClassify once it has a date and an amount.
    const valid: (NewPreviewRow & RowToClassify)[] = [];
    for (const parsed of statement.rows) {
      let error = parsed.error;
      let amount: bigint | null = null;
      if (!error && otherCurrency) error = `The statement is in ${otherCurrency}; the account is in ${currency}.`;
      if (!error && parsed.date === null) error = 'The row has no date.';
      if (!error && parsed.amount === null) error = 'The row has no amount.';
      if (!error) {
        try {
          amount = parseMoney(parsed.amount!, currency, 'amount');
        } catch (caught) {
          if (!(caught instanceof AppError)) throw caught;
          error = `Amount ${parsed.amount}: ${caught.message}`;
        }
      }
      const splits = parsed.splits?.length ? splitsInCurrency(parsed.splits, currency) : null;
      if (!error && typeof splits === 'string') error = splits;
      const invalid = error !== null || amount === null;
      // One literal of one shape for every row: a spread gave each of 200 000 rows a hidden class of its own (a third of the heap).
      const row: NewPreviewRow = {
        line: parsed.line,
        date: parsed.date,
        amount: invalid ? null : amount,
        description: parsed.description,
        notes: parsed.notes,
        externalId: parsed.externalId,
        fingerprint: invalid ? null : fingerprint(parsed.date!, amount!, parsed.description),
        status: invalid ? 'INVALID' : 'NEW',
        matchedTransactionId: null,
        error: invalid ? (error ?? 'The row cannot be read.') : null,
        included: !invalid,
        category: parsed.category,
        splits: typeof splits === 'string' ? null : splits,
      };
      rows.push(row);
      if (!invalid) valid.push(row as NewPreviewRow & RowToClassify);
    }
    if (!valid.length) return rows;

    const range = candidateDateRange(valid)!;
    const classification = new DuplicateClassification(valid);
    // Each rule reads the candidates of a slice of rows at a time: a re-import of a whole file
    // would otherwise hold every transaction of the account beside its rows (the heap is 192 MB).
    for (const [from, to] of slices(valid.length, CLASSIFY_SLICE)) {
      const externalIds = new Set(valid.slice(from, to).flatMap((row) => (row.externalId === null ? [] : [row.externalId])));
      if (externalIds.size) classification.byExternalId(await this.imports.candidatesByExternalId(scope, accountId, [...externalIds]), from, to);
    }
    // Typed transactions near the rows' dates (and any imported without a fingerprint): the near-date rule's, and the fingerprint rule's too.
    const unprinted = await this.imports.candidatesInDateRange(scope, accountId, range.from, range.to);
    for (const [from, to] of slices(valid.length, CLASSIFY_SLICE)) {
      const withoutId = new Set<string>();
      const withId = new Set<string>();
      for (let index = from; index < to; index += 1) {
        if (!classification.isOpen(index)) continue;
        (valid[index].externalId === null ? withoutId : withId).add(valid[index].fingerprint!);
      }
      const printed = [
        ...(await this.imports.candidatesByFingerprint(scope, accountId, [...withoutId])),
        ...(await this.imports.candidatesByFingerprint(scope, accountId, [...withId].filter((print) => !withoutId.has(print)), true)),
      ];
      classification.byFingerprint([...printed, ...unprinted], from, to);
    }
    classification.byNearDate(unprinted);
    classification.results.forEach((result, i) => {
      const row = valid[i];
      row.status = result.status;
      row.matchedTransactionId = result.transactionId;
      row.included = result.status !== 'DUPLICATE';
    });
    return rows;
  }

  private tooLargeMessage(): string {
    return `Statement files can be up to ${Math.round((this.limits.maxBytes / 1024 / 1024) * 10) / 10} MB.`;
  }
}

/**
 * A row's split lines in the account's currency, as the commit makes them parts, or why it cannot
 * (an amount with more decimals than the currency, more parts than a transaction takes, a memo a
 * part cannot hold). Lines of 0 are left out: a part says an amount. The parser checked that the
 * lines add up to the row's amount, exactly.
 */
function splitsInCurrency(splits: readonly ParsedSplit[], currency: string): PreviewSplit[] | string {
  const converted: PreviewSplit[] = [];
  for (const [index, split] of splits.entries()) {
    let amount: bigint;
    try {
      amount = parseMoney(split.amount, currency, 'amount');
    } catch (caught) {
      if (!(caught instanceof AppError)) throw caught;
      return `Split ${index + 1}, amount ${split.amount}: ${caught.message}`;
    }
    if (split.notes.length > LIMITS.notes || !isCleanText(split.notes)) return `Split ${index + 1}: the memo (E line) is longer than ${LIMITS.notes} characters or holds control characters.`;
    if (amount !== 0n) converted.push({ amount, category: split.category, transferAccount: split.transferAccount, notes: split.notes });
  }
  if (converted.length > LIMITS.splits) return `The transaction has ${converted.length} split lines; a transaction takes at most ${LIMITS.splits} parts.`;
  return converted;
}

/** A split line as the owner's part: what the preview shows and the commit writes. */
interface ImportPart {
  amount: MinorUnits;
  category: CategoryRecord | null;
  transferAccount: AccountRecord | null;
  notes: string;
}

/**
 * A split line as a part of the owner's: its category and transfer account by name. A transfer to
 * an account they do not have (in that currency) is a plain part whose note says where the money went.
 */
function partOf(split: PreviewSplit, names: OwnerNames): ImportPart {
  const transferAccount = names.account(split.transferAccount);
  let notes = split.notes;
  if (split.transferAccount !== null && !transferAccount) {
    const where = `${split.amount < 0n ? 'to' : 'from'} ${split.transferAccount}`;
    notes = (notes ? `${notes} (transfer ${where})` : `Transfer ${where}`).slice(0, LIMITS.notes);
  }
  return { amount: split.amount, category: names.category(split.category, split.amount), transferAccount, notes };
}

/** [from, to) of each slice of `length` items, `size` at a time. */
function* slices(length: number, size: number): Generator<[number, number]> {
  for (let from = 0; from < length; from += size) yield [from, Math.min(from + size, length)];
}

function resultOf(preview: ImportPreviewRecord, currency: string, counts: PreviewStatusCounts): ImportPreviewResult {
  const { csv } = preview.details;
  return {
    id: preview.id,
    accountId: preview.accountId,
    format: preview.format,
    encoding: preview.encoding,
    filename: preview.filename,
    currency,
    statements: preview.details.statements,
    statementIndex: preview.statementIndex,
    counts,
    csvColumns: csv?.columns ?? null,
    csvMapping: csv?.mapping ?? null,
    suggestedCsvMapping: csv?.suggestedMapping ?? null,
    dateFormatCandidates: csv?.dateFormatCandidates ?? null,
    expiresAt: preview.expiresAt,
  };
}

/** The format of a file by its content: an OFX header or element, a camt Document, a QIF header, else CSV. */
function detectFormat(bytes: Buffer): ImportFormat {
  const head = headText(bytes.subarray(0, 8192));
  if (/OFXHEADER\s*[:=]|<\?OFX\b|<OFX[\s>]/i.test(head)) return 'OFX';
  if (/urn:iso:std:iso:20022:tech:xsd:camt\.|<(\w+:)?BkToCstmr(Stmt|AcctRpt|DbtCdtNtfctn)\b/.test(head)) return 'CAMT';
  if (/^\s*!(Type|Account|Option)\b/im.test(head)) return 'QIF';
  return 'CSV';
}

/** The start of the file as text, well enough to recognise markers (UTF-16 by its BOM or its zero bytes). */
function headText(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  if (head[0] === 0xfe && head[1] === 0xff) return Buffer.from(head.subarray(2)).swap16().toString('utf16le');
  const zeros = (offset: number) => head.filter((byte, i) => i % 2 === offset && byte === 0).length;
  if (head.length >= 4 && zeros(1) > head.length / 4) return head.subarray(0, head.length & ~1).toString('utf16le');
  if (head.length >= 4 && zeros(0) > head.length / 4) return Buffer.from(head.subarray(0, head.length & ~1)).swap16().toString('utf16le');
  return head.toString('latin1');
}

/** The statement asked for; else the one the account imported last (by its hint); else the first. */
function chooseStatement(statements: readonly ParsedStatement[], asked: number | null | undefined, lastHint: string | null): number {
  if (asked != null) {
    if (!Number.isInteger(asked) || asked < 0 || asked >= Math.max(statements.length, 1)) {
      throw badInput('statement', `The file has ${statements.length} statement${statements.length === 1 ? '' : 's'}; statement ${asked} is not one of them.`);
    }
    return asked;
  }
  const remembered = lastHint === null ? -1 : statements.findIndex((statement) => statement.accountHint === lastHint);
  return remembered >= 0 ? remembered : 0;
}

/** The caller's mapping; else the account's saved one, unless it does not fit this file; else the file's own guess. */
function parseWithMapping(bytes: Buffer, options: ImportOptions, saved: CsvOptions | null) {
  if (options.csv || !saved) return parseCsv(bytes, { ...options.csv, encoding: options.encoding });
  try {
    return parseCsv(bytes, { ...saved, encoding: options.encoding });
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return parseCsv(bytes, { encoding: options.encoding });
  }
}

/** A saved mapping as parse options (an unreadable saved value is as if none were saved); a column it had none of stays none. */
function savedCsvOptions(saved: unknown): CsvOptions | null {
  if (!saved || typeof saved !== 'object') return null;
  const mapping = saved as CsvOptions;
  const none = (column: string | null | undefined) => column ?? '';
  return { ...mapping, descriptionColumn: none(mapping.descriptionColumn), notesColumn: none(mapping.notesColumn), externalIdColumn: none(mapping.externalIdColumn) };
}
