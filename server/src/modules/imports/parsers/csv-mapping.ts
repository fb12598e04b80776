/** The column mapping of a CSV file: what the caller may give, and the complete mapping used or suggested. */
import type { DecimalSeparator } from './csv-amounts';
import { isReadableDateFormat } from './csv-dates';
import type { ColumnGuess } from './csv-suggest';
import { DELIMITERS } from './csv-table';
import { UnreadableFileError } from './parsed-file';

/**
 * The CsvMappingInput, and the encoding: columns by header text, or by 1-based position.
 * Null and absent are alike (GraphQL hands unset input fields as either).
 */
export interface CsvOptions {
  encoding?: string | null;
  delimiter?: string | null;
  hasHeader?: boolean | null;
  /** Lines before the header (or before the first row when there is none). */
  skipRows?: number | null;
  dateColumn?: string | null;
  /** Tokens YYYY, YY, MM, DD, MMM and separators: "DD/MM/YYYY", "DD MMM YY", "YYYYMMDD". */
  dateFormat?: string | null;
  amountColumn?: string | null;
  inflowColumn?: string | null;
  outflowColumn?: string | null;
  indicatorColumn?: string | null;
  /** The indicator's value for money out ("D", "DBIT", "S"); any other value is money in. */
  debitIndicator?: string | null;
  descriptionColumn?: string | null;
  notesColumn?: string | null;
  externalIdColumn?: string | null;
  /** Not in CsvMappingInput: the app's own export carries one. */
  categoryColumn?: string | null;
  decimalSeparator?: string | null;
  /** Credit-card files write spending as positive. */
  invertSign?: boolean | null;
}

/** A complete mapping (what was used, or what is suggested); columns by name as in `columns`. */
export interface CsvMapping {
  delimiter: string;
  hasHeader: boolean;
  skipRows: number;
  dateColumn: string | null;
  dateFormat: string | null;
  amountColumn: string | null;
  inflowColumn: string | null;
  outflowColumn: string | null;
  indicatorColumn: string | null;
  debitIndicator: string | null;
  descriptionColumn: string | null;
  notesColumn: string | null;
  externalIdColumn: string | null;
  categoryColumn: string | null;
  decimalSeparator: DecimalSeparator;
  invertSign: boolean;
}

/** Where the table sits in the file (what a mapping says besides its columns). */
export interface TableShape {
  columns: string[];
  hasHeader: boolean;
  skipRows: number;
}

export function mappingOf(guess: ColumnGuess, table: TableShape, delimiter: string): CsvMapping {
  const name = (index: number | null) => (index === null ? null : table.columns[index]);
  return {
    delimiter, hasHeader: table.hasHeader, skipRows: table.skipRows,
    dateColumn: name(guess.date), dateFormat: guess.dateFormats[0] ?? null,
    amountColumn: name(guess.amount), inflowColumn: name(guess.inflow), outflowColumn: name(guess.outflow),
    indicatorColumn: name(guess.indicator), debitIndicator: guess.debitIndicator,
    descriptionColumn: name(guess.description), notesColumn: name(guess.notes), externalIdColumn: name(guess.externalId),
    categoryColumn: name(guess.category), decimalSeparator: guess.decimalSeparator, invertSign: false,
  };
}

/** The caller's choices over the guess; naming any amount column replaces the guessed amount style. */
export function withOptions(suggested: CsvMapping, options: CsvOptions): CsvMapping {
  const given = <K extends keyof CsvMapping>(key: K): CsvMapping[K] => (options[key as keyof CsvOptions] ?? suggested[key]) as CsvMapping[K];
  // An optional column given as '' is none (null would be "guess it").
  const optional = (key: 'descriptionColumn' | 'notesColumn' | 'externalIdColumn' | 'categoryColumn') => (options[key] === '' ? null : given(key));
  const amountGiven = [options.amountColumn, options.inflowColumn, options.outflowColumn, options.indicatorColumn].some((value) => value !== undefined && value !== null);
  const amountOf = <K extends 'amountColumn' | 'inflowColumn' | 'outflowColumn' | 'indicatorColumn'>(key: K) =>
    amountGiven ? (options[key] ?? null) : suggested[key];
  if (options.dateFormat && !isReadableDateFormat(options.dateFormat)) {
    throw new UnreadableFileError(`"${options.dateFormat}" is not a date format (use tokens like DD/MM/YYYY)`);
  }
  if (options.decimalSeparator && options.decimalSeparator !== '.' && options.decimalSeparator !== ',') {
    throw new UnreadableFileError(`The decimal separator is "." or ",", not "${options.decimalSeparator}"`);
  }
  return {
    ...suggested,
    dateColumn: given('dateColumn'), dateFormat: given('dateFormat'),
    amountColumn: amountOf('amountColumn'), inflowColumn: amountOf('inflowColumn'), outflowColumn: amountOf('outflowColumn'),
    indicatorColumn: amountOf('indicatorColumn'), debitIndicator: options.debitIndicator ?? (amountGiven ? null : suggested.debitIndicator),
    descriptionColumn: optional('descriptionColumn'), notesColumn: optional('notesColumn'), externalIdColumn: optional('externalIdColumn'),
    categoryColumn: optional('categoryColumn'), decimalSeparator: given('decimalSeparator'), invertSign: options.invertSign ?? false,
  };
}

export function checkedDelimiter(delimiter: string): string {
  const value = delimiter === '\\t' || delimiter.toLowerCase() === 'tab' ? '\t' : delimiter;
  if (value.length !== 1 || /[\s"\w]/.test(value.replace('\t', ''))) {
    throw new UnreadableFileError(`"${delimiter}" cannot be a delimiter (use one of ${DELIMITERS.map((d) => JSON.stringify(d)).join(' ')} or another mark)`);
  }
  return value;
}

/** The index of a column named in a mapping: by header text, else by 1-based position. */
function columnIndex(columns: string[], name: string | null): number | null {
  if (name === null) return null;
  const exact = columns.indexOf(name);
  if (exact !== -1) return exact;
  const loose = columns.findIndex((column) => column.toLowerCase() === name.trim().toLowerCase());
  if (loose !== -1) return loose;
  const position = /^\d+$/.test(name.trim()) ? Number(name) : 0;
  if (position >= 1 && position <= columns.length) return position - 1;
  throw new UnreadableFileError(`The file has no column "${name}" (its columns: ${columns.join(', ')})`);
}

/** Every column the mapping names, checked once: a name the file lacks is an error before any row. */
export function columnIndexes(mapping: CsvMapping, columns: string[]): Map<string, number> {
  const indexes = new Map<string, number>();
  for (const key of COLUMN_KEYS) {
    const name = mapping[key];
    const index = columnIndex(columns, name);
    if (name !== null && index !== null) indexes.set(name, index);
  }
  return indexes;
}

const COLUMN_KEYS = [
  'dateColumn', 'amountColumn', 'inflowColumn', 'outflowColumn', 'indicatorColumn', 'descriptionColumn', 'notesColumn',
  'externalIdColumn', 'categoryColumn',
] as const;

