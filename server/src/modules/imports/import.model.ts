import type { MinorUnits } from '../../lib/money';
import type { RuleOutcome } from '../rules/rule.model';
import type { CsvMapping } from './parsers/csv-mapping';
import type { ImportFormat } from './parsers/parsed-file';

export type ImportRowStatus = 'NEW' | 'DUPLICATE' | 'MATCHED' | 'INVALID';

export const IMPORT_ROW_STATUSES: readonly ImportRowStatus[] = ['NEW', 'DUPLICATE', 'MATCHED', 'INVALID'];

/** One account or statement of a file. */
export interface ImportStatementSummary {
  index: number;
  accountHint: string | null;
  currency: string | null;
  rowCount: number;
}

/** What a preview found beyond its rows, kept with it (as JSON) until the commit. */
export interface ImportPreviewDetails {
  statements: ImportStatementSummary[];
  /** CSV only: the file's columns, the mapping the rows were read with, the guess, and the date formats that read the rows (several: the user picks). */
  csv: { columns: string[]; mapping: CsvMapping; suggestedMapping: CsvMapping; dateFormatCandidates: string[] } | null;
  /** The chosen statement's account hint: the commit remembers it for the account. */
  accountHint: string | null;
  /** The account's batches when the rows were classified: any other batch was committed since, and the commit checks its rows again. */
  knownBatchIds: number[];
}

/** A preview to store: the file's description; it expires `ttlSeconds` after the insert (database time). */
export interface NewImportPreview {
  accountId: number;
  format: ImportFormat;
  encoding: string;
  filename: string;
  statementIndex: number;
  ttlSeconds: number;
  details: ImportPreviewDetails;
}

export interface ImportPreviewRecord {
  id: number;
  accountId: number;
  format: ImportFormat;
  encoding: string;
  filename: string;
  statementIndex: number;
  createdAt: Date;
  expiresAt: Date;
  details: ImportPreviewDetails;
}

/** One classified row of a preview, in file order (its position is its index in the list given). */
export interface NewPreviewRow {
  line: number;
  date: string | null;
  /** Minor units of the account's currency; null when the row is invalid. */
  amount: MinorUnits | null;
  description: string;
  notes: string;
  externalId: string | null;
  fingerprint: string | null;
  status: ImportRowStatus;
  /** MATCHED: the transaction the row links to; DUPLICATE: the one it repeats. */
  matchedTransactionId: number | null;
  error: string | null;
  included: boolean;
  /** The category the file names for the row, as written ("Food:Groceries"); matched to the owner's by name when read and at commit. */
  category: string | null;
  /** The row's split lines (QIF), in file order; null when it has none. */
  splits: PreviewSplit[] | null;
  /** What the owner's rules give the row (shown by the preview, written by the commit); null when nothing. */
  ruleOutcome: RuleOutcome | null;
}

/** A split line of a preview row: names as the file wrote them, resolved to the owner's category and account when read and at commit. */
export interface PreviewSplit {
  /** Minor units of the account's currency, signed like the row. */
  amount: MinorUnits;
  category: string | null;
  transferAccount: string | null;
  notes: string;
}

export interface PreviewRowRecord extends NewPreviewRow {
  /** 0-based, in file order: the row's identity in its preview and the keyset of its pages. */
  position: number;
}

export type PreviewStatusCounts = Record<ImportRowStatus, number>;

export interface NewImportBatch {
  accountId: number;
  format: ImportFormat;
  filename: string;
  createdCount: number;
  matchedCount: number;
  skippedCount: number;
}

export interface ImportBatchRecord extends NewImportBatch {
  id: number;
  createdAt: Date;
  undoneAt: Date | null;
}

/** What a MATCHED row writes on the existing transaction: the link and the bank's data, nothing the user edited. */
export interface NewBatchMatch {
  transactionId: number;
  externalId: string | null;
  importedDescription: string;
  importFingerprint: string | null;
}

/** A transaction a batch matched, and what undo puts back on it. */
export interface BatchMatchRecord {
  transactionId: number;
  previousImportedDescription: string;
  previousExternalId: string | null;
}

/** What an account remembers of its imports: the CSV mapping (as saved, JSON) and the last statement's account hint. */
export interface ImportSettings {
  mapping: unknown;
  accountHint: string | null;
}
