/**
 * CSV statements: any delimiter, quoted fields, a header or none, a bank's preamble, and a column
 * mapping. What the caller leaves out of the mapping is guessed from the file (csv-suggest.ts), and
 * the guess is handed back so the flow can show it and the user can correct it.
 * Two passes keep memory to the rows: the first reads a sample to find the table and guess the
 * mapping, the second turns each record into its ParsedRow as csv-parse reads it.
 */
import { detectDebitIndicator, negate, parseAmount } from './csv-amounts';
import { DATE_FORMATS, parseDate, scoreDateFormats } from './csv-dates';
import { checkedDelimiter, columnIndexes, mappingOf, withOptions, type CsvMapping, type CsvOptions } from './csv-mapping';
import { appExportColumns, findTableStart, guessColumns, hasDateCell, usualWidth } from './csv-suggest';
import { csvSource, detectDelimiter, lastLineOf, readRecords, type CsvRecord } from './csv-table';
import { decodeStatementBytes } from './decode';
import { subtractDecimals, sumDecimals } from './decimal-text';
import { UnreadableFileError, type ParsedFile, type ParsedRow, type ParsedSplit } from './parsed-file';

export type { CsvOptions } from './csv-mapping';

export interface CsvParseResult {
  file: ParsedFile;
  /** Header texts, or "1", "2", ... when the file has no header. */
  columns: string[];
  /** The mapping the rows were read with: the caller's choices over the suggestion. */
  mapping: CsvMapping;
  suggestedMapping: CsvMapping;
  /** Several date formats read every row (no day above 12): the flow asks which. */
  dateFormatAmbiguous: boolean;
  /** The formats that read the most rows, the suggested one first. */
  dateFormatCandidates: string[];
}

/** Lines the first pass reads: past any bank's preamble, enough rows to guess the columns from. */
const SAMPLE_LINES = 2000;

export function parseCsv(bytes: Buffer, options: CsvOptions = {}): CsvParseResult {
  const { source, head, encoding } = readSource(bytes, options.encoding ?? undefined);
  const delimiter = options.delimiter ? checkedDelimiter(options.delimiter) : detectDelimiter(head);
  if (!delimiter) throw new UnreadableFileError('No delimiter (comma, semicolon, tab or |) separates columns: this is not a CSV file', 1);
  if (options.skipRows != null && !(Number.isInteger(options.skipRows) && options.skipRows >= 0)) {
    throw new UnreadableFileError(`Rows to skip must be a whole number of lines, not ${options.skipRows}`);
  }
  const fromLine = options.skipRows == null ? 1 : options.skipRows + 1;
  const table = tableOf(readRecords(source, delimiter, { fromLine, toLine: fromLine + SAMPLE_LINES - 1 }), options);
  const guess = guessColumns(table.columns, table.sample, table.hasHeader);
  const nothingFits = guess.date === null && guess.amount === null && guess.inflow === null && guess.outflow === null;
  if (nothingFits && table.sample.length > 0 && !options.dateColumn && !options.amountColumn && !options.inflowColumn && !options.outflowColumn) {
    // An OFX, JSON or other text file read as CSV: saying so beats a preview of rows that are all invalid.
    throw new UnreadableFileError('No column holds dates or amounts: this is not a bank statement in CSV', table.sample[0].line);
  }
  const suggested = mappingOf(guess, table, delimiter);
  const indexes = columnIndexes(withOptions(suggested, options), table.columns);
  const given = withIndicatorMark(withOptions(suggested, options), table.sample, indexes);

  const date = given.dateColumn === null ? undefined : indexes.get(given.dateColumn);
  const dateCells: string[] = [];
  const appExport = appExportColumns(table.columns, table.hasHeader);
  const parentColumn = appExport?.parent ?? null;
  let last: ParsedRow | null = null;
  const rows = readRecords(source, delimiter, { fromLine: table.dataFromLine }, (record) => {
    // The app's export writes a split transaction's parts on the lines after it: they become its splits.
    if (parentColumn !== null && (record.fields[parentColumn] ?? '').trim() !== '') {
      addPart(last, record, record.fields[parentColumn].trim(), given, indexes);
      return null;
    }
    dateCells.push(date === undefined ? '' : (record.fields[date] ?? '').trim());
    last = rowWithoutDate(record, given, indexes, appExport?.id ?? null);
    return last;
  });
  // Every format that could fit is scored on every row; the sample only narrows which could.
  const scored = date === undefined ? [] : scoreDateFormats(dateCells, given.decimalSeparator === ',', plausibleFormats(dateCells)).candidates;
  const mapping = { ...given, dateFormat: options.dateFormat ?? scored[0] ?? null };
  const suggestedMapping = given.dateColumn === suggested.dateColumn ? { ...suggested, dateFormat: scored[0] ?? null } : suggested;
  for (const [i, row] of rows.entries()) {
    setDate(row, dateCells[i], mapping);
    if (row.splits && row.amount !== null && !row.error) row.error = splitSumError(row.splits, row.amount);
  }
  const dateFormatCandidates = options.dateFormat ? [options.dateFormat] : scored;
  return {
    file: { format: 'CSV', encoding, statements: [{ index: 0, accountHint: null, currency: null, rows }] },
    columns: table.columns,
    mapping,
    suggestedMapping,
    dateFormatAmbiguous: dateFormatCandidates.length > 1,
    dateFormatCandidates,
  };
}

/** An indicator column the caller names without its debit mark: the mark its values use ("DBIT" of DBIT/CRDT). */
function withIndicatorMark(mapping: CsvMapping, sample: CsvRecord[], indexes: Map<string, number>): CsvMapping {
  const column = mapping.indicatorColumn === null ? undefined : indexes.get(mapping.indicatorColumn);
  if (column === undefined || mapping.debitIndicator !== null) return mapping;
  return { ...mapping, debitIndicator: detectDebitIndicator(sample.map((row) => row.fields[column] ?? '')) };
}

/** Decoded in a function of its own, so the decoded string is garbage once the bytes are made. */
function readSource(bytes: Buffer, declared: string | undefined): { source: Buffer; head: string; encoding: string } {
  const { text, encoding } = decodeStatementBytes(bytes, declared);
  if (!/\S/.test(text)) throw new UnreadableFileError('The file is empty');
  return { ...csvSource(text), encoding };
}

/** The formats that read most of the first cells; all of them when none does. */
function plausibleFormats(cells: string[]): readonly string[] {
  const first = cells.slice(0, 1000);
  const score = scoreDateFormats(first, true);
  if (score.read < score.cells * 0.9) return DATE_FORMATS;
  return DATE_FORMATS.filter((format) => first.filter((cell) => parseDate(cell, format) !== null).length >= score.read * 0.9);
}

interface Table {
  columns: string[];
  hasHeader: boolean;
  skipRows: number;
  /** The first data rows, to guess the mapping from. */
  sample: CsvRecord[];
  /** Where the second pass starts reading rows. */
  dataFromLine: number;
}

function tableOf(records: CsvRecord[], options: CsvOptions): Table {
  if (records.length === 0) throw new UnreadableFileError('The file has no rows after the skipped lines');
  if (usualWidth(records) < 2) {
    throw new UnreadableFileError('Its lines are not split into columns (by comma, semicolon, tab or |): this is not a CSV file', records[0].line);
  }
  const detected = options.skipRows == null ? findTableStart(records) : { start: 0, hasHeader: !hasDateCell(records[0].fields) };
  const hasHeader = options.hasHeader ?? detected.hasHeader;
  const first = records[detected.start];
  const sample = records.slice(detected.start + (hasHeader ? 1 : 0));
  const width = Math.max(first.fields.length, ...sample.map((row) => row.fields.length));
  const columns = hasHeader ? headerNames(first.fields, width) : Array.from({ length: width }, (_, i) => String(i + 1));
  const dataFromLine = hasHeader ? lastLineOf(first) + 1 : first.line;
  return { columns, hasHeader, skipRows: options.skipRows ?? first.line - 1, sample, dataFromLine };
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

/** The row with everything but its date, which waits for the format scored on all rows; `idColumn` is the app export's Id column. */
function rowWithoutDate(record: CsvRecord, mapping: CsvMapping, indexes: Map<string, number>, idColumn: number | null): ParsedRow {
  const cell = (name: string | null) => {
    const index = name === null ? undefined : indexes.get(name);
    return index === undefined ? '' : (record.fields[index] ?? '').trim();
  };
  const amount = rowAmount(cell, mapping);
  const externalId = cell(mapping.externalIdColumn);
  const category = cell(mapping.categoryColumn);
  return {
    line: record.line,
    date: null,
    amount: 'amount' in amount ? (mapping.invertSign ? negate(amount.amount) : amount.amount) : null,
    description: collapse(cell(mapping.descriptionColumn)),
    notes: collapse(cell(mapping.notesColumn)),
    externalId: externalId === '' ? null : externalId,
    exportedId: idColumn === null ? null : exportedIdOf(record.fields[idColumn] ?? ''),
    category: category === '' ? null : category,
    error: 'error' in amount ? amount.error : null,
  };
}

/** An Id cell of the app's export as the transaction id it names; null when it is no id (edited by hand). */
function exportedIdOf(cell: string): number | null {
  const text = cell.trim();
  return /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : null;
}

/**
 * A part line of the app's export as a split of its transaction, the line before it (a line whose
 * transaction is not there, cut off by hand, is left out). Its transfer account is not carried:
 * a re-import makes no rows in other accounts (the part stays, without a category).
 */
function addPart(parent: ParsedRow | null, record: CsvRecord, parentId: string, mapping: CsvMapping, indexes: Map<string, number>): void {
  if (!parent || parent.externalId !== parentId) return;
  const part = rowWithoutDate(record, mapping, indexes, null);
  parent.splits ??= [];
  if (part.amount === null) {
    parent.error ??= `Split ${parent.splits.length + 1} (line ${record.line}): ${part.error ?? 'No amount'}`;
    return;
  }
  parent.splits.push({ category: part.category, transferAccount: null, amount: part.amount, notes: part.notes });
}

/** Why the parts do not make the transaction's amount, exactly; null when they do. */
function splitSumError(splits: readonly ParsedSplit[], amount: string): string | null {
  const sum = sumDecimals(splits.map((split) => split.amount));
  const difference = subtractDecimals(amount, sum);
  return /[1-9]/.test(difference) ? `The split lines add up to ${sum}, not to the transaction's ${amount}.` : null;
}

/** Sets the row's date, or its error (before any amount error); an invalid row has neither date nor amount. */
function setDate(row: ParsedRow, text: string, mapping: CsvMapping): void {
  let error: string | null = null;
  if (!mapping.dateColumn) error = 'No date column is chosen';
  else if (!mapping.dateFormat) error = 'No date format is chosen';
  else {
    row.date = parseDate(text, mapping.dateFormat);
    if (!row.date) error = text === '' ? 'No date' : `Date "${text.slice(0, 40)}" does not match ${mapping.dateFormat}`;
  }
  if (error) row.error = row.error ? `${error}; ${row.error}` : error;
  if (row.error) [row.date, row.amount] = [null, null];
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
