import { LIMITS } from '@finance-tracker/common';
import type { DataSource } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { AppError, badInput, notFound } from '../../lib/errors';
import { isCleanText } from '../../lib/text';
import { Money, parseMoney } from '../../lib/money';
import type { AccountRecord } from '../accounts/account.model';
import type { AccountRepository } from '../accounts/account.repository';
import type { CategoryRecord } from '../categories/category.model';
import type { CategoryRepository } from '../categories/category.repository';
import type { RuleBook } from '../rules/rule-book';
import { HAND_SET } from '../transactions/transaction.model';
import { minorDigits } from '../../lib/currency';
import { readLimited, uploadedName, type IncomingFile } from '../../lib/incoming-file';
import { candidateDateRange, DuplicateClassification, fingerprint, type RowToClassify } from './duplicates';
import type { ImportBatchRepository } from './import-batch.repository';
import { OwnerNames, partOf } from './import-names';
import type { ImportPreviewRepository } from './import-preview.repository';
import type { ImportRepository } from './import.repository';
import type {
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
/** Created rows whose transfers an undo reads at once (two lists of bound values each, under SQLite's limit). */

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

interface ImportPreviewRowView extends Omit<PreviewRowRecord, 'amount' | 'splits' | 'category'> {
  amount: Money | null;
  /** The category the commit gives the row: the file's (when the owner has it), else the rules'. */
  categoryId: number | null;
  /** The rule that chose it (null: the file's, or none). */
  categoryRuleId: number | null;
  /** The description the transaction gets (a rule may rename it). */
  transactionDescription: string;
  appliedRuleIds: number[];
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
 * The reading half of an import: a file is read, parsed, matched against the account's
 * transactions and stored as a preview (any replica may commit it: ImportCommitService).
 */
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly importPreviews: ImportPreviewRepository,
    private readonly importBatches: ImportBatchRepository,
    private readonly imports: ImportRepository,
    private readonly accounts: AccountRepository,
    private readonly categories: CategoryRepository,
    private readonly rules: RuleBook,
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
    const names = rows.some((row) => row.splits?.length || row.category !== null || row.ruleOutcome)
      ? await OwnerNames.read(scope, { categories: this.categories, accounts: this.accounts }, preview.accountId)
      : null;
    return rows.map(({ category, ...row }) => {
      const fileCategory = row.amount === null ? null : (names?.category(category, row.amount) ?? null);
      const ruleCategory = row.splits?.length ? null : (names?.categoryById(row.ruleOutcome?.categoryId) ?? null);
      return {
      ...row,
      categoryId: fileCategory?.id ?? ruleCategory?.id ?? null,
      categoryRuleId: !fileCategory && ruleCategory ? (row.ruleOutcome?.categoryRuleId ?? null) : null,
      transactionDescription: row.ruleOutcome?.description ?? row.description,
      appliedRuleIds: row.ruleOutcome?.ruleIds ?? [],
      accountId: preview.accountId,
      amount: row.amount === null ? null : new Money(row.amount, preview.currency),
      splits: (row.splits ?? []).map((split) => {
        const part = partOf(split, names!);
        return { amount: new Money(split.amount, preview.currency), category: part.category, categoryName: split.category, notes: part.notes, transferAccount: part.transferAccount };
      }),
      };
    });
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
      const row: NewPreviewRow & { exportedId: number | null } = {
        line: parsed.line,
        date: parsed.date,
        amount: invalid ? null : amount,
        description: parsed.description,
        notes: parsed.notes,
        externalId: parsed.externalId,
        exportedId: parsed.exportedId ?? null,
        fingerprint: invalid ? null : fingerprint(parsed.date!, amount!, parsed.description),
        status: invalid ? 'INVALID' : 'NEW',
        matchedTransactionId: null,
        error: invalid ? (error ?? 'The row cannot be read.') : null,
        included: !invalid,
        category: parsed.category,
        splits: typeof splits === 'string' ? null : splits,
        ruleOutcome: null,
      };
      rows.push(row);
      if (!invalid) valid.push(row as NewPreviewRow & RowToClassify);
    }
    if (!valid.length) return rows;

    const range = candidateDateRange(valid)!;
    const classification = new DuplicateClassification(valid);
    // Each rule reads the candidates of a slice of rows at a time: a re-import of a whole file
    // would otherwise hold every transaction of the account beside its rows (the heap is 192 MB).
    // Every slice of a rule before the next rule, as classifyRows runs them.
    for (const [from, to] of slices(valid.length, CLASSIFY_SLICE)) {
      const exportedIds = new Set(valid.slice(from, to).flatMap((row) => (row.exportedId == null ? [] : [row.exportedId])));
      if (exportedIds.size) classification.byExportedId(await this.imports.candidatesById(scope, accountId, [...exportedIds]), from, to);
    }
    for (const [from, to] of slices(valid.length, CLASSIFY_SLICE)) {
      const externalIds = new Set(valid.slice(from, to).flatMap((row, i) => (row.externalId === null || !classification.isOpen(from + i) ? [] : [row.externalId])));
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
    await this.runRules(scope, accountId, currency, valid);
    return rows;
  }

  /**
   * The owner's rules over the rows that become transactions, so the preview shows what the commit
   * writes. A category the file gives (and the owner has) is the file's: rules fill the others.
   */
  private async runRules(scope: OwnerScope, accountId: number, currency: string, rows: readonly NewPreviewRow[]): Promise<void> {
    const runner = await this.rules.runnerFor(scope);
    if (runner.isEmpty) return;
    const names = rows.some((row) => row.category !== null) ? await OwnerNames.read(scope, { categories: this.categories, accounts: this.accounts }, accountId) : null;
    const digits = minorDigits(currency);
    for (const row of rows) {
      if (row.status !== 'NEW') continue;
      const fileCategory = names?.category(row.category, row.amount!) ?? null;
      row.ruleOutcome = runner.run({
        accountId,
        digits,
        categoryId: null,
        date: row.date!,
        amount: row.amount!,
        description: row.description,
        importedDescription: row.description,
        notes: row.notes,
        isTransfer: false,
        isSplit: Boolean(row.splits?.length),
        handSet: fileCategory ? HAND_SET.CATEGORY : 0,
      });
    }
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
