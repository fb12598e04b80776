/**
 * What every statement parser (CSV, OFX, QIF, CAMT) hands to the import flow: rows as the bank
 * wrote them, normalised but not yet in any account's currency. Parsers are pure: bytes or text
 * in, this out; they know nothing of the database, accounts or GraphQL.
 */
export type ImportFormat = 'CSV' | 'OFX' | 'QIF' | 'CAMT';

export interface ParsedRow {
  /** 1-based line of the file where the row starts (for CAMT/OFX: the line of its entry element). */
  line: number;
  /** "YYYY-MM-DD", or null when the row is invalid. */
  date: string | null;
  /**
   * The signed amount as a plain decimal string ("-1234.56", "12", "0.5"): dot separator, no
   * thousands separator, as many decimals as the file gave (the flow checks them against the
   * account's currency). Negative is money out. Null when the row is invalid.
   */
  amount: string | null;
  /** The bank's own text for the row (payee, memo or remittance information), trimmed, blanks collapsed. */
  description: string;
  notes: string;
  /** The bank's id for the row (OFX FITID, CAMT AcctSvcrRef/EndToEndId, a CSV column), when it has one. */
  externalId: string | null;
  /**
   * CSV of the app's own export: the id of the transaction the row was exported from (its Id), which
   * re-imported into the same account is that transaction again. Null or absent in any other file.
   */
  exportedId?: number | null;
  /** A category path the file carries ("Group:Sub" in QIF), for later matching; null when none or when the row is a transfer. */
  category: string | null;
  /** QIF: the account the row moves money to or from (`L[Savings]`), by its name in the file; null or absent when none. */
  transferAccount?: string | null;
  /** QIF: the row's split lines (`S`, `E`, `$`), in file order; absent when it has none. Their amounts add up to `amount` (else the row is invalid). */
  splits?: ParsedSplit[];
  /** Why the row cannot be imported (then it is previewed as INVALID); null when it can. */
  error: string | null;
}

/** One part of a split row (QIF `S` category, `E` memo, `$` amount lines). */
export interface ParsedSplit {
  /** The part's category path; null when none or when the part is a transfer. */
  category: string | null;
  /** The account the part moves money to or from (`S[Savings]`); null when none. */
  transferAccount: string | null;
  /** Signed plain decimal, as ParsedRow.amount. */
  amount: string;
  notes: string;
}

/** One account's statement within a file (a multi-account OFX, a multi-statement CAMT, QIF !Account blocks). */
export interface ParsedStatement {
  /** 0-based position in the file. */
  index: number;
  /** What names the account in the file (IBAN, account id, QIF account name), to remember per account. */
  accountHint: string | null;
  /** ISO 4217 code when the file says (OFX CURDEF, CAMT Ccy), else null. */
  currency: string | null;
  rows: ParsedRow[];
}

export interface ParsedFile {
  format: ImportFormat;
  /** The text encoding the bytes were read as ("UTF-8", "UTF-16LE", "windows-1252", ...). */
  encoding: string;
  statements: ParsedStatement[];
}

/** A file that cannot be read at all (not a row of it): the flow answers BAD_USER_INPUT with this message. */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    /** The 1-based line where reading stopped, when known. */
    readonly line?: number,
  ) {
    super(line ? `Line ${line}: ${message}` : message);
    this.name = 'UnreadableFileError';
  }
}
