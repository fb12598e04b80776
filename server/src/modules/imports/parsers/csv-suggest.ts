/**
 * Guessing what a CSV file's columns hold, from their headers (in the languages banks use) and
 * their cells: where the table starts, the date column and format, the amount columns, the text.
 */
import { detectDebitIndicator, detectDecimalSeparator, looksLikeAmount, parseAmount, type DecimalSeparator } from './csv-amounts';
import { DATE_FORMATS, parseDate, scoreDateFormats } from './csv-dates';
import type { CsvRecord } from './csv-table';

/** What the cells and headers say about the columns (by index); null where nothing fits. */
export interface ColumnGuess {
  date: number | null;
  dateFormats: string[];
  amount: number | null;
  inflow: number | null;
  outflow: number | null;
  indicator: number | null;
  debitIndicator: string | null;
  description: number | null;
  notes: number | null;
  externalId: number | null;
  category: number | null;
  decimalSeparator: DecimalSeparator;
}

/** Rows the roles are guessed from; the date format is then scored on every row. */
const SAMPLE_ROWS = 500;

const HINTS = {
  date: /date|datum|buchung|booking|posted|data|fecha|dátum|tag\b/i,
  valueDate: /valut|value|wert/i,
  amount: /amount|betrag|kwota|montant|importe|bedrag|částka|suma|belopp|beløb|umsatz|value|sum/i,
  balance: /balance|saldo|kontostand|solde|stan/i,
  outflow: /debit|out|withdraw|ausgang|soll|lastschrift|ausgabe|spent|charge|wydatki|obciąż|débit|belastung|payment/i,
  inflow: /credit|\bin\b|paid in|deposit|eingang|haben|gutschrift|einnahme|received|wpływ|uznani|crédit/i,
  indicator: /indicator|kennzeichen|s\/h|d\/c|cr\/dr|dr\/cr|soll\/haben|typ|type/i,
  payee: /payee|empfänger|auftraggeber|beguenstigter|begünstigter|name|merchant|counterparty|kontrahent|odbiorca|nadawca|bénéficiaire/i,
  description: /description|beschreibung|buchungstext|details|libellé|opis|tytuł|text|narrative|concepto|omschrijving|popis/i,
  notes: /memo|note|notiz|verwendungszweck|purpose|reference|referenz|zweck|remittance/i,
  externalId: /^(id|transaction id|transaktions-?id|reference|referenz|ref|fitid|unique id|transaction reference|buchungs-?id)$/i,
};

/** The app's own export (GET /export/transactions.csv): mapped with no user input. */
const APP_EXPORT = ['date', 'account', 'amount', 'currency', 'category', 'description', 'imported description', 'notes'];

function isAppExport(columns: string[]): boolean {
  const names = columns.map((column) => column.trim().toLowerCase());
  return APP_EXPORT.every((name) => names.includes(name));
}

/**
 * In the app's export, the columns of its own ids: the transaction's Id, and the Parent id that
 * marks a split part's line with its transaction's; null in any other file.
 */
export function appExportColumns(columns: string[], hasHeader: boolean): { id: number | null; parent: number | null } | null {
  if (!hasHeader || !isAppExport(columns)) return null;
  const at = (name: string) => {
    const index = columns.findIndex((column) => column.trim().toLowerCase() === name);
    return index === -1 ? null : index;
  };
  return { id: at('id'), parent: at('parent id') };
}

/** Whether any cell of a record is a date in some supported format. */
export function hasDateCell(fields: string[]): boolean {
  return fields.some((cell) => cell.trim() !== '' && DATE_FORMATS.some((format) => parseDate(cell, format) !== null));
}

/**
 * Where the table starts: the first record with the table's usual number of fields that holds a
 * date and an amount beside it; the record before it is the header when it holds neither.
 */
export function findTableStart(records: CsvRecord[]): { start: number; hasHeader: boolean } {
  const width = usualWidth(records);
  const looksLikeData = (record: CsvRecord) =>
    record.fields.length >= width && hasDateCell(record.fields) && record.fields.some((cell) => looksLikeAmount(cell) && !hasDateCell([cell]));
  const data = records.findIndex(looksLikeData);
  if (data === -1) {
    const first = records.findIndex((record) => record.fields.length >= width);
    return { start: Math.max(first, 0), hasHeader: true };
  }
  const before = records[data - 1];
  const header = before !== undefined && before.fields.length >= 2 && !hasDateCell(before.fields) && !before.fields.some((cell) => looksLikeAmount(cell));
  return header ? { start: data - 1, hasHeader: true } : { start: data, hasHeader: false };
}

/** The number of fields most records have (the data rows outnumber preamble and footer). */
export function usualWidth(records: CsvRecord[]): number {
  const counts = new Map<number, number>();
  for (const record of records.slice(0, SAMPLE_ROWS * 2)) counts.set(record.fields.length, (counts.get(record.fields.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [width, count] of counts) if (count > bestCount || (count === bestCount && width > best)) [best, bestCount] = [width, count];
  return best;
}

export function guessColumns(columns: string[], rows: CsvRecord[], hasHeader: boolean): ColumnGuess {
  const sample = rows.slice(0, SAMPLE_ROWS);
  const cellsOf = (index: number, from = sample) => from.map((row) => row.fields[index] ?? '');
  const header = (index: number) => (hasHeader ? columns[index] : '');
  const filled = (cells: string[]) => cells.filter((cell) => cell.trim() !== '');
  const indexes = columns.map((_, index) => index);

  if (hasHeader && isAppExport(columns)) return appExportGuess(columns, cellsOf);

  // Date: the first column the formats read almost entirely, a value date only when nothing else.
  const dateColumns = indexes.filter((index) => {
    const cells = filled(cellsOf(index));
    const score = scoreDateFormats(cells, true);
    return cells.length > 0 && cells.length >= sample.length / 2 && score.read >= cells.length * 0.5;
  });
  const date = dateColumns.find((index) => !HINTS.valueDate.test(header(index))) ?? dateColumns[0] ?? null;

  const amountColumns = indexes.filter((index) => {
    if (dateColumns.includes(index)) return false;
    const cells = filled(cellsOf(index));
    return cells.length > 0 && cells.filter(looksLikeAmount).length >= cells.length * 0.8;
  });
  const decimalSeparator = detectDecimalSeparator(amountColumns.flatMap((index) => cellsOf(index))) ?? '.';
  const indicator = indexes.find((index) => !amountColumns.includes(index) && filled(cellsOf(index)).length >= sample.length * 0.6 && detectDebitIndicator(cellsOf(index)) !== null) ?? null;
  const amountStyle = guessAmountColumns(amountColumns, header, cellsOf, decimalSeparator, indicator);

  const used = new Set([date, amountStyle.amount, amountStyle.inflow, amountStyle.outflow, amountStyle.indicator]);
  const textColumns = indexes.filter((index) => !used.has(index) && !amountColumns.includes(index) && !dateColumns.includes(index));
  const byHint = (hint: RegExp) => textColumns.find((index) => hint.test(header(index))) ?? null;
  const longest = [...textColumns].sort((a, b) => averageLength(cellsOf(b)) - averageLength(cellsOf(a)))[0] ?? null;
  const description = byHint(HINTS.payee) ?? byHint(HINTS.description) ?? byHint(HINTS.notes) ?? longest;
  const notes = textColumns.find((index) => index !== description && HINTS.notes.test(header(index))) ?? null;
  const externalId =
    textColumns.concat(amountColumns).find((index) => HINTS.externalId.test(header(index)) && isUnique(cellsOf(index, rows))) ?? null;

  const dateFormats = date === null ? [] : dateFormatsOf(rows, date, decimalSeparator);
  return { date, dateFormats, ...amountStyle, description, notes, externalId, category: null, decimalSeparator };
}

/** The formats that read the most of a column's cells, over every row. */
function dateFormatsOf(rows: CsvRecord[], column: number, decimal: DecimalSeparator): string[] {
  return scoreDateFormats(
    rows.map((row) => row.fields[column] ?? ''),
    decimal === ',',
  ).candidates;
}

type AmountStyle = Pick<ColumnGuess, 'amount' | 'inflow' | 'outflow' | 'indicator' | 'debitIndicator'>;

function guessAmountColumns(
  candidates: number[],
  header: (index: number) => string,
  cellsOf: (index: number) => string[],
  decimal: DecimalSeparator,
  indicator: number | null,
): AmountStyle {
  const none: AmountStyle = { amount: null, inflow: null, outflow: null, indicator: null, debitIndicator: null };
  const usable = candidates.filter((index) => !HINTS.balance.test(header(index)));
  // Separate columns: each row fills one of them (the other blank or zero).
  for (const outflow of usable) {
    for (const inflow of usable) {
      if (inflow === outflow || !complementary(cellsOf(outflow), cellsOf(inflow), decimal)) continue;
      const named = HINTS.outflow.test(header(outflow)) && HINTS.inflow.test(header(inflow));
      const unnamed = !HINTS.inflow.test(header(outflow)) && !HINTS.outflow.test(header(inflow)) && outflow < inflow;
      if (named || unnamed) return { ...none, inflow, outflow };
    }
  }
  const score = (index: number) => {
    const cells = cellsOf(index).filter((cell) => cell.trim() !== '');
    return (
      (HINTS.amount.test(header(index)) ? 4 : 0) +
      (cells.some((cell) => /[.,]\d{1,2}\b/.test(cell)) ? 2 : 0) +
      (cells.some((cell) => /^\s*[-(−]|-\s*$/.test(cell)) ? 1 : 0)
    );
  };
  const amount = [...usable].sort((a, b) => score(b) - score(a))[0] ?? candidates[0] ?? null;
  if (amount === null) return none;
  const unsigned = cellsOf(amount).every((cell) => !/^\s*[-(−]|-\s*$/.test(cell));
  if (indicator !== null && unsigned) return { ...none, amount, indicator, debitIndicator: detectDebitIndicator(cellsOf(indicator)) };
  return { ...none, amount };
}

function complementary(outflow: string[], inflow: string[], decimal: DecimalSeparator): boolean {
  const hasValue = (cell: string) => {
    const parsed = parseAmount(cell, decimal);
    return 'amount' in parsed && !/^-?[0.]*$/.test(parsed.amount);
  };
  let outs = 0;
  let ins = 0;
  for (let i = 0; i < outflow.length; i++) {
    const out = hasValue(outflow[i] ?? '');
    const into = hasValue(inflow[i] ?? '');
    if (out && into) return false;
    if (out) outs++;
    if (into) ins++;
  }
  return outs > 0 && ins > 0 && outs + ins === outflow.length;
}

/** Its Id is the row's external id: an export imported once is found a duplicate the next time. */
function appExportGuess(columns: string[], cellsOf: (index: number) => string[]): ColumnGuess {
  const at = (name: string) => columns.findIndex((column) => column.trim().toLowerCase() === name);
  const id = at('id');
  return {
    date: at('date'), dateFormats: ['YYYY-MM-DD'], amount: at('amount'), inflow: null, outflow: null, indicator: null,
    debitIndicator: null, description: at('description'), notes: at('notes'), externalId: id === -1 ? null : id, category: at('category'),
    decimalSeparator: detectDecimalSeparator(cellsOf(at('amount'))) ?? '.',
  };
}

function averageLength(cells: string[]): number {
  return cells.reduce((sum, cell) => sum + cell.length, 0) / Math.max(cells.length, 1);
}

function isUnique(cells: string[]): boolean {
  const seen = new Set<string>();
  for (const cell of cells) {
    const value = cell.trim();
    if (value === '' || seen.has(value)) return false;
    seen.add(value);
  }
  return cells.length > 0;
}
