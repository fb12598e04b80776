import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-ts';
import type { RequestContext } from '../../api/graphql/context';
import { CurrentUser } from '../../api/graphql/current-user';
import { decodeId, decodeOptionalId } from '../../api/graphql/ids';
import { ownerScope, type OwnerScope } from '../../db/owner-scope';
import { badInput } from '../../lib/errors';
import type { AccountRecord } from '../accounts/account.model';
import type { AccountService } from '../accounts/account.service';
import { Account } from '../accounts/account.type';
import type { CategoryRecord } from '../categories/category.model';
import { Category } from '../categories/category.type';
import type { TransactionRecord } from '../transactions/transaction.model';
import { Transaction } from '../transactions/transaction.type';
import type { ImportBatchRecord, ImportRowStatus } from './import.model';
import type { ImportCommitService } from './import-commit.service';
import type { ImportPreviewResult, ImportService } from './import.service';
import { ImportOptions } from './import.inputs';
import { ImportBatch, ImportPreview, ImportPreviewRow, ImportPreviewRowConnection, ImportRowStatusValues } from './import.type';

const DEFAULT_PAGE = 50;
/** As transactions' pages: a literal `first` of this many passes graphql-armor's cost limit with every row field asked for. */
const MAX_PAGE = 200;

/** A preview row's cursor: its position in the file, opaque to clients. */
function encodePositionCursor(position: number): string {
  return Buffer.from(`row|${position}`, 'utf8').toString('base64url');
}

function decodePositionCursor(value: string): number {
  const match = /^row\|(\d{1,9})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw badInput('after', 'This page cursor is not valid.');
  return Number(match[1]);
}

function previewOf(result: ImportPreviewResult): ImportPreview {
  return {
    id: result.id,
    format: result.format,
    encoding: result.encoding,
    statements: result.statements,
    newCount: result.counts.NEW,
    duplicateCount: result.counts.DUPLICATE,
    matchedCount: result.counts.MATCHED,
    invalidCount: result.counts.INVALID,
    csvColumns: result.csvColumns,
    suggestedCsvMapping: result.suggestedCsvMapping,
    csvMapping: result.csvMapping,
    dateFormatCandidates: result.dateFormatCandidates,
    filename: result.filename,
    statement: result.statementIndex,
    expiresAt: result.expiresAt,
    accountId: result.accountId,
    currency: result.currency,
  };
}

function batchOf(record: ImportBatchRecord): ImportBatch {
  return { ...record, undone: record.undoneAt !== null };
}

@Resolver(() => ImportPreview)
export class ImportResolver {
  constructor(private readonly services: { imports: ImportService; importCommits: ImportCommitService; accounts: AccountService }) {}

  @FieldResolver(() => Account)
  account(@Root() preview: ImportPreview, @Ctx() context: RequestContext): Promise<AccountRecord> {
    return this.services.accounts.getForUser(ownerScope(context.userId ?? 0), preview.accountId);
  }

  @Mutation(() => ImportPreview, { description: 'Reads a statement file (CSV, OFX/QFX, QIF, camt.05x) and matches its rows against the account; nothing is written until commitImport.' })
  async previewImport(
    @CurrentUser() scope: OwnerScope,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload> | FileUpload,
    @Arg('options', () => ImportOptions, { nullable: true }) options?: ImportOptions | null,
  ): Promise<ImportPreview> {
    const upload = await file;
    const result = await this.services.imports.preview(scope, decodeId(accountId), { filename: upload.filename, open: () => upload.createReadStream() }, options ?? {});
    return previewOf(result);
  }

  @Query(() => ImportPreview, { description: 'A preview not yet committed nor expired (NOT_FOUND otherwise): to page or filter its rows again.' })
  async importPreview(@CurrentUser() scope: OwnerScope, @Arg('id', () => ID) id: string): Promise<ImportPreview> {
    return previewOf(await this.services.imports.previewById(scope, decodeId(id)));
  }

  @Mutation(() => ImportBatch, {
    description:
      'Writes the preview in one database transaction. Without include, the NEW and MATCHED rows go in; include names the rows to write instead and exclude rows to leave out, both by ImportPreviewRow.line as the preview shows it (an included DUPLICATE is written as new; INVALID rows never are).',
  })
  async commitImport(
    @CurrentUser() scope: OwnerScope,
    @Arg('previewId', () => ID) previewId: string,
    @Arg('include', () => [Int], { nullable: true }) include?: number[] | null,
    @Arg('exclude', () => [Int], { nullable: true }) exclude?: number[] | null,
    @Arg('alsoInclude', () => [Int], { nullable: true, description: 'Lines to write as well as the default (or include) rows: a DUPLICATE the user wants after all; exclude still wins.' })
    alsoInclude?: number[] | null,
    @Arg('linkTransfers', () => [Int], {
      nullable: true,
      description: 'Lines of NEW rows to link, once written, with their transferSuggestion (looked for again at the commit): the two become one transfer.',
    })
    linkTransfers?: number[] | null,
  ): Promise<ImportBatch> {
    return batchOf(await this.services.importCommits.commit(scope, decodeId(previewId), include, exclude, alsoInclude, linkTransfers));
  }

  @Mutation(() => Boolean, { description: 'Drops a preview that will not be committed (superseded by a re-preview, or cancelled); false when it was not there.' })
  discardImportPreview(@CurrentUser() scope: OwnerScope, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.services.imports.discard(scope, decodeId(id));
  }

  @Query(() => [ImportBatch], { description: 'Committed imports, newest first; of one account or all.' })
  async importBatches(@CurrentUser() scope: OwnerScope, @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null): Promise<ImportBatch[]> {
    return (await this.services.importCommits.batches(scope, decodeOptionalId(accountId) ?? null)).map(batchOf);
  }

  @Mutation(() => ImportBatch, { description: 'Deletes the transactions the batch created and unlinks those it matched (they keep what the user edited).' })
  async undoImport(@CurrentUser() scope: OwnerScope, @Arg('batchId', () => ID) batchId: string): Promise<ImportBatch> {
    return batchOf(await this.services.importCommits.undo(scope, decodeId(batchId)));
  }

  // Not a root field: the preview was reached through the signed-in user's previewImport.
  @FieldResolver(() => ImportPreviewRowConnection)
  async rows(
    @Root() preview: ImportPreview,
    @Ctx() context: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: `At most ${MAX_PAGE}; ${DEFAULT_PAGE} when left out.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('status', () => ImportRowStatusValues, { nullable: true }) status?: ImportRowStatus | null,
  ): Promise<ImportPreviewRowConnection> {
    const limit = first ?? DEFAULT_PAGE;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) throw badInput('first', `Pages hold 0 to ${MAX_PAGE} rows.`);
    const afterPosition = after ? decodePositionCursor(after) : null;
    const rows = await this.services.imports.previewRows(ownerScope(context.userId ?? 0), preview, status ?? null, limit + 1, afterPosition);
    const page = rows.slice(0, limit);
    const totalCount = status
      ? { NEW: preview.newCount, DUPLICATE: preview.duplicateCount, MATCHED: preview.matchedCount, INVALID: preview.invalidCount }[status]
      : preview.newCount + preview.duplicateCount + preview.matchedCount + preview.invalidCount;
    return {
      edges: page.map((row) => ({ cursor: encodePositionCursor(row.position), node: row })),
      pageInfo: { hasNextPage: rows.length > limit, endCursor: page.length ? encodePositionCursor(page[page.length - 1].position) : null },
      totalCount,
    };
  }
}

@Resolver(() => ImportPreviewRow)
export class ImportPreviewRowResolver {
  @FieldResolver(() => Category, { nullable: true, description: "What the commit gives the row: the file's category (when you have it), else the one your rules set." })
  category(@Root() row: ImportPreviewRow, @Ctx() context: RequestContext): Promise<CategoryRecord | null> | null {
    return row.categoryId === null ? null : context.loaders.categoryById.load(row.categoryId);
  }

  @FieldResolver(() => Transaction, { nullable: true, description: 'MATCHED: the transaction the row links to; DUPLICATE: the one it repeats (null once it is deleted).' })
  matchedTransaction(@Root() row: ImportPreviewRow, @Ctx() context: RequestContext): Promise<TransactionRecord | null> | null {
    // One query for a page's links (the request's loader), not one per row.
    return row.matchedTransactionId === null ? null : context.loaders.transactionById.load(row.matchedTransactionId);
  }

  @FieldResolver(() => Transaction, {
    nullable: true,
    description: 'For a NEW row: a transaction on another of your accounts that looks like its other leg (as Transaction.transferSuggestion); commitImport(linkTransfers:) links them.',
  })
  async transferSuggestion(@Root() row: ImportPreviewRow, @Ctx() context: RequestContext): Promise<TransactionRecord | null> {
    // A split row's transfers are its parts (S[Account] lines), never the whole row.
    if (row.status !== 'NEW' || row.date === null || row.amount === null || row.splits.length) return null;
    return context.loaders.transferSuggestion.load({ transactionId: null, accountId: row.accountId, date: row.date, amount: row.amount.minor });
  }
}

@Resolver(() => ImportBatch)
export class ImportBatchResolver {
  constructor(private readonly services: { accounts: AccountService }) {}

  @FieldResolver(() => Account)
  account(@Root() batch: ImportBatch, @Ctx() context: RequestContext): Promise<AccountRecord> {
    return this.services.accounts.getForUser(ownerScope(context.userId ?? 0), batch.accountId);
  }
}
