/**
 * CSV statements: any delimiter, quoted fields, a header or none, a bank's preamble, and a column
 * mapping. What the caller leaves out of the mapping is guessed from the file (csv-suggest.ts), and
 * the guess is handed back so the flow can show it and the user can correct it.
 */
import { negate, parseAmount, type DecimalSeparator } from './csv-amounts';
import { isReadableDateFormat, parseDate } from './csv-dates';
import { dateFormatsOf, findTableStart, guessColumns, hasDateCell, usualWidth, type ColumnGuess } from './csv-suggest';
import { DELIMITERS, detectDelimiter, readRecords, type CsvRecord } from './csv-table';
import { decodeStatementBytes } from './decode';
import { UnreadableFileError, type ParsedFile, type ParsedRow } from './parsed-file';

/** The CsvMappingInput, and the encoding: columns by header text, or by 1-based position. */
export interface CsvOptions {
  encoding?: string;
  delimiter?: string;
  hasHeader?: boolean;
  /** Lines before the header (or before the first row when there is none). */
  skipRows?: number;
  dateColumn?: string;
  /** Tokens YYYY, YY, MM, DD, MMM and separators: "DD/MM/YYYY", "DD MMM YY", "YYYYMMDD". */
  dateFormat?: string;
  amountColumn?: string;
  inflowColumn?: string;
  outflowColumn?: string;
  indicatorColumn?: string;
  /** The indicator's value for money out ("D", "DBIT", "S"); any other value is money in. */
  debitIndicator?: string;
  descriptionColumn?: string;
  notesColumn?: string;
  externalIdColumn?: string;
  /** Not in CsvMappingInput: the app's own export carries one. */
  categoryColumn?: string;
  decimalSeparator?: string;
  /** Credit-card files write spending as positive. */
  invertSign?: boolean;
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

export interface CsvParseResult {
  file: ParsedFile;
  /** Header texts, or "1", "2", ... when the file has no header. */
  columns: string[];
  mapping: CsvMapping;
  suggestedMapping: CsvMapping;
  /** Several date formats read every row (no day above 12): the flow asks which. */
  dateFormatAmbiguous: boolean;
  /** The formats that read the most rows, the suggested one first. */
  dateFormatCandidates: string[];
}

export function parseCsv(bytes: Buffer, options: CsvOptions = {}): CsvParseResult {
  const { text, encoding } = decodeStatementBytes(bytes, options.encoding);
  if (text.trim() === '') throw new UnreadableFileError('The file is empty');
  const delimiter = options.delimiter ? checkedDelimiter(options.delimiter) : detectDelimiter(text);
  if (!delimiter) throw new UnreadableFileError('No delimiter (comma, semicolon, tab or |) separates columns: this is not a CSV file', 1);
  const records = readRecords(text, delimiter, options.skipRows === undefined ? 1 : options.skipRows + 1);
  const table = tableOf(records, options);
  const guess = guessColumns(table.columns, table.rows, table.hasHeader);
  const suggestedMapping = mappingOf(guess, table, delimiter);
  let mapping = withOptions(suggestedMapping, options);
  const indexes = columnIndexes(mapping, table.columns);
  let dateFormatCandidates = options.dateFormat ? [options.dateFormat] : guess.dateFormats;
  if (!options.dateFormat && mapping.dateColumn !== null && mapping.dateColumn !== suggestedMapping.dateColumn) {
    // The caller chose another date column: its own cells say its format.
    dateFormatCandidates = dateFormatsOf(table.rows, indexes.get(mapping.dateColumn) ?? 0, mapping.decimalSeparator);
    mapping = { ...mapping, dateFormat: dateFormatCandidates[0] ?? null };
  }
  const rows = table.rows.map((record) => parseRow(record, mapping, indexes));
  return {
    file: { format: 'CSV', encoding, statements: [{ index: 0, accountHint: null, currency: null, rows }] },
    columns: table.columns,
    mapping,
    suggestedMapping,
    dateFormatAmbiguous: dateFormatCandidates.length > 1,
    dateFormatCandidates,
  };
}

interface Table {
  columns: string[];
  rows: CsvRecord[];
  hasHeader: boolean;
  skipRows: number;
}

function tableOf(records: CsvRecord[], options: CsvOptions): Table {
  if (records.length === 0) throw new UnreadableFileError('The file has no rows after the skipped lines');
  if (usualWidth(records) < 2) {
    throw new UnreadableFileError('Its lines are not split into columns (by comma, semicolon, tab or |): this is not a CSV file', records[0].line);
  }
  const detected = options.skipRows === undefined ? findTableStart(records) : { start: 0, hasHeader: !hasDateCell(records[0].fields) };
  const hasHeader = options.hasHeader ?? detected.hasHeader;
  const first = records[detected.start];
  const rows = records.slice(detected.start + (hasHeader ? 1 : 0));
  const width = Math.max(first.fields.length, ...rows.slice(0, 1000).map((row) => row.fields.length));
  const columns = hasHeader ? headerNames(first.fields, width) : Array.from({ length: width }, (_, i) => String(i + 1));
  return { columns, rows, hasHeader, skipRows: options.skipRows ?? first.line - 1 };
}

/** Header texts, trimmed; a blank one is named by its position, a repeated one gets " (2)". */
function headerNames(fields: string[], width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    const name = (fields[i] ?? '').trim() || String(i + 1);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

function mappingOf(guess: ColumnGuess, table: Table, delimiter: string): CsvMapping {
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
function withOptions(suggested: CsvMapping, options: CsvOptions): CsvMapping {
  const given = <K extends keyof CsvMapping>(key: K): CsvMapping[K] => (options[key as keyof CsvOptions] ?? suggested[key]) as CsvMapping[K];
  const amountGiven = [options.amountColumn, options.inflowColumn, options.outflowColumn, options.indicatorColumn].some((value) => value !== undefined);
  const amountOf = <K extends 'amountColumn' | 'inflowColumn' | 'outflowColumn' | 'indicatorColumn'>(key: K) =>
    amountGiven ? (options[key] ?? null) : suggested[key];
  if (options.dateFormat !== undefined && !isReadableDateFormat(options.dateFormat)) {
    throw new UnreadableFileError(`"${options.dateFormat}" is not a date format (use tokens like DD/MM/YYYY)`);
  }
  if (options.decimalSeparator !== undefined && options.decimalSeparator !== '.' && options.decimalSeparator !== ',') {
    throw new UnreadableFileError(`The decimal separator is "." or ",", not "${options.decimalSeparator}"`);
  }
  return {
    ...suggested,
    dateColumn: given('dateColumn'), dateFormat: given('dateFormat'),
    amountColumn: amountOf('amountColumn'), inflowColumn: amountOf('inflowColumn'), outflowColumn: amountOf('outflowColumn'),
    indicatorColumn: amountOf('indicatorColumn'), debitIndicator: options.debitIndicator ?? (amountGiven ? null : suggested.debitIndicator),
    descriptionColumn: given('descriptionColumn'), notesColumn: given('notesColumn'), externalIdColumn: given('externalIdColumn'),
    categoryColumn: given('categoryColumn'), decimalSeparator: given('decimalSeparator'), invertSign: options.invertSign ?? false,
  };
}

function checkedDelimiter(delimiter: string): string {
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
function columnIndexes(mapping: CsvMapping, columns: string[]): Map<string, number> {
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

function parseRow(record: CsvRecord, mapping: CsvMapping, indexes: Map<string, number>): ParsedRow {
  const cell = (name: string | null) => {
    const index = name === null ? undefined : indexes.get(name);
    return index === undefined ? '' : (record.fields[index] ?? '').trim();
  };
  const errors: string[] = [];
  let date: string | null = null;
  if (!mapping.dateColumn) errors.push('No date column is chosen');
  else if (!mapping.dateFormat) errors.push('No date format is chosen');
  else {
    const text = cell(mapping.dateColumn);
    date = parseDate(text, mapping.dateFormat);
    if (!date) errors.push(text === '' ? 'No date' : `Date "${text.slice(0, 40)}" does not match ${mapping.dateFormat}`);
  }
  const amount = rowAmount(cell, mapping);
  if ('error' in amount) errors.push(amount.error);
  const externalId = cell(mapping.externalIdColumn);
  const category = cell(mapping.categoryColumn);
  return {
    line: record.line,
    date: errors.length === 0 ? date : null,
    amount: errors.length === 0 && 'amount' in amount ? (mapping.invertSign ? negate(amount.amount) : amount.amount) : null,
    description: collapse(cell(mapping.descriptionColumn)),
    notes: collapse(cell(mapping.notesColumn)),
    externalId: externalId === '' ? null : externalId,
    category: category === '' ? null : category,
    error: errors.length === 0 ? null : errors.join('; '),
  };
}

function rowAmount(cell: (name: string | null) => string, mapping: CsvMapping): { amount: string } | { error: string } {
  const decimal = mapping.decimalSeparator;
  if (mapping.amountColumn) {
    const parsed = parseAmount(cell(mapping.amountColumn), decimal);
    if ('error' in parsed || !mapping.indicatorColumn) return parsed;
    const indicator = cell(mapping.indicatorColumn).toUpperCase();
    if (indicator === '') return { error: 'No debit/credit indicator' };
    const unsigned = parsed.amount.replace(/^-/, '');
    return { amount: indicator === (mapping.debitIndicator ?? 'D').toUpperCase() ? negate(unsigned) : unsigned };
  }
  if (mapping.inflowColumn || mapping.outflowColumn) {
    const inflow = cell(mapping.inflowColumn);
    const outflow = cell(mapping.outflowColumn);
    const parsedIn = inflow === '' ? null : parseAmount(inflow, decimal);
    const parsedOut = outflow === '' ? null : parseAmount(outflow, decimal);
    if (parsedIn && 'error' in parsedIn) return parsedIn;
    if (parsedOut && 'error' in parsedOut) return parsedOut;
    const valueIn = parsedIn && !isZero(parsedIn.amount) ? parsedIn.amount.replace(/^-/, '') : null;
    const valueOut = parsedOut && !isZero(parsedOut.amount) ? negate(parsedOut.amount.replace(/^-/, '')) : null;
    if (valueIn && valueOut) return { error: 'Both the inflow and the outflow column have an amount' };
    const amount = valueIn ?? valueOut ?? parsedIn?.amount ?? parsedOut?.amount;
    return amount === undefined ? { error: 'No amount' } : { amount };
  }
  return { error: 'No amount column is chosen' };
}

function isZero(amount: string): boolean {
  return /^-?[0.]*$/.test(amount);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
