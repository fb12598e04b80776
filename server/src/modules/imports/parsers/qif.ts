/**
 * QIF (Quicken Interchange Format) to the parsed-file model. One statement per account (`!Account`
 * N name); transactions before any account go to a statement without a hint.
 */
// Our own parser: on our fixtures qif2json 0.4 refuses files that start with !Option or !Account,
// reads "12/19/18" as 2019-07-12 and "3/15'26" as 2027-03-03, and gives amounts as floats; qif-ts 1.0
// refuses any U line and leaves dates unread. Neither knows several accounts.
import { plainDecimal, subtractDecimals, sumDecimals } from './decimal-text';
import { decodeQifText } from './statement-text';
import type { ParsedFile, ParsedRow, ParsedSplit, ParsedStatement } from './parsed-file';
import { UnreadableFileError } from './parsed-file';
import { detectDateOrder, qifDate, type DateOrder } from './qif-date';

export interface QifOptions {
  /** The order of day and month in dates like 04/06/2020; detected from the file when absent. */
  dateOrder?: DateOrder;
}

type Section = 'transactions' | 'investment' | 'account' | 'other';

/** `!Type:` headers whose records are money transactions of one account. */
const TRANSACTION_TYPES = new Set(['bank', 'ccard', 'cash', 'otha', 'othl']);
const INVESTMENT_TYPES = new Set(['invst', 'port', '401(k)', '401k']);

interface QifRecord {
  line: number;
  /** Field code (first character) and value, in file order. */
  fields: [string, string][];
}

interface Account {
  hint: string | null;
  rows: ParsedRow[];
  /** Each row's D text, resolved once the file's day/month order is known; null for investment rows. */
  rawDates: (string | null)[];
}

export function parseQif(bytes: Buffer, options: QifOptions = {}): ParsedFile {
  const { text, encoding } = decodeQifText(bytes);
  if (!text.trim()) throw new UnreadableFileError('The file is empty.');
  if (!/^[ \t]*(!|\^[ \t]*$)/m.test(text)) {
    throw new UnreadableFileError('This is not a QIF file: it has no "!Type:" header and no "^" record end.');
  }

  // Each record becomes its row as soon as it ends (a 20 MB file never holds its records and rows at once).
  const accounts = new Map<string | null, Account>();
  let current: string | null = null;
  let section: Section | null = null;
  let record: QifRecord | null = null;
  const finish = (): void => {
    if (!record) return;
    const done = record;
    record = null;
    if (section === 'account') {
      const name = done.fields.find(([code]) => code === 'N')?.[1].trim();
      if (name) current = name;
      return;
    }
    // Records before any header are read as bank transactions when they look like them.
    const isTransaction = section === 'transactions' || section === 'investment' || (section === null && done.fields.some(([code]) => code === 'D'));
    if (!isTransaction) return;
    let account = accounts.get(current);
    if (!account) accounts.set(current, (account = { hint: current, rows: [], rawDates: [] }));
    const { row, rawDate } = toRow(done, section === 'investment');
    account.rows.push(row);
    account.rawDates.push(rawDate);
  };

  for (let from = 0, number = 1; from <= text.length; number++) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end < 0 ? text.length : end).trimEnd();
    from = end < 0 ? text.length + 1 : end + 1;
    if (line.startsWith('!')) {
      finish();
      // !Option:AutoSwitch / !Clear:AutoSwitch only frame the account list; every !Account block names
      // the account that the records after it belong to, so the switch itself needs no state here.
      section = headerSection(line);
      continue;
    }
    const field = line.trimStart();
    if (field.startsWith('^')) {
      finish();
      continue;
    }
    if (!field) continue;
    record ??= { line: number, fields: [] };
    record.fields.push([field[0].toUpperCase(), field.slice(1)]);
  }
  finish();

  const all = [...accounts.values()];
  const dates = all.flatMap((account) => account.rawDates.filter((raw): raw is string => !!raw));
  const order = options.dateOrder ?? detectDateOrder(dates) ?? 'MDY';
  const statements: ParsedStatement[] = all.map((account, index) => {
    account.rows.forEach((row, at) => resolveDate(row, account.rawDates[at], order));
    return { index, accountHint: account.hint, currency: null, rows: account.rows };
  });
  if (!statements.length) {
    const error = 'The file holds no bank, card or cash transactions (!Type:Bank, CCard, Cash, Oth A, Oth L).';
    statements.push({
      index: 0,
      accountHint: null,
      currency: null,
      rows: [{ line: 1, date: null, amount: null, description: '', notes: '', externalId: null, category: null, error }],
    });
  }
  return { format: 'QIF', encoding, statements };
}

function headerSection(line: string): Section {
  const header = line.slice(1).replace(/\s+/g, '').toLowerCase();
  if (header === 'account') return 'account';
  if (header.startsWith('type:')) {
    const type = header.slice('type:'.length);
    if (TRANSACTION_TYPES.has(type)) return 'transactions';
    if (INVESTMENT_TYPES.has(type)) return 'investment';
  }
  return 'other'; // categories, classes, memorized payees, securities, prices, options
}

/** A split as its lines gave it: texts as written, read into a ParsedSplit once the record ends. */
interface SplitLines {
  category: string;
  memo: string | null;
  amount: string | null;
}

/** The row without its date (that needs the file's order); `error` so far holds only amount and split errors. */
function toRow(record: QifRecord, investment: boolean): { row: ParsedRow; rawDate: string | null } {
  let date = '';
  let amount = '';
  let payee = '';
  let memo = '';
  let category = '';
  let number = '';
  const lines: SplitLines[] = [];
  for (const [code, value] of record.fields) {
    const split = lines[lines.length - 1];
    // A D line after an S line is that split's own date (Quicken writes some), not the transaction's.
    if (code === 'D') date ||= lines.length ? '' : value.trim();
    else if (code === 'T' || (code === 'U' && !amount)) amount = value.trim();
    else if (code === 'P') payee = collapse(value);
    else if (code === 'M') memo = collapse(value);
    else if (code === 'L') category = value.trim();
    else if (code === 'N') number = value.trim();
    else if (code === 'S') lines.push({ category: value.trim(), memo: null, amount: null });
    // An E or $ line its split already has starts a split without a category.
    else if (code === 'E') (split && split.memo === null && split.amount === null ? split : pushed(lines)).memo = collapse(value);
    else if (code === '$') (split && split.amount === null ? split : pushed(lines)).amount = value.trim();
  }
  const decimal = amount ? plainDecimal(amount, 'thousands') : null;
  const splits = investment || !lines.length ? undefined : readSplits(lines);
  let error: string | null = null;
  if (investment) error = 'Investment transactions (!Type:Invst) are not imported: only bank, card and cash accounts are.';
  else if (!amount) error = 'The transaction has no amount (T line).';
  else if (decimal === null) error = `"${amount}" is not an amount.`;
  else if (typeof splits === 'string') error = splits;
  else if (splits) error = splitSumError(splits, decimal);
  const target = categoryOf(category);
  const row: ParsedRow = {
    line: record.line,
    date: null,
    amount: investment ? null : decimal,
    description: payee || memo,
    notes: payee ? memo : '',
    externalId: /\d/.test(number) ? number : null, // "ATM", "EFT", "Print" are kinds, not check numbers
    category: target.category,
    transferAccount: target.transferAccount,
    splits: typeof splits === 'string' ? undefined : splits,
    error,
  };
  return { row, rawDate: investment ? null : date };
}

/** The record's splits, or why they cannot be read (naming the split, 1-based in file order). */
function readSplits(lines: readonly SplitLines[]): ParsedSplit[] | string {
  const splits: ParsedSplit[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.amount === null || line.amount === '') return `Split ${index + 1} of the transaction has no amount ($ line).`;
    const amount = plainDecimal(line.amount, 'thousands');
    if (amount === null) return `Split ${index + 1} of the transaction: "${line.amount}" is not an amount.`;
    splits.push({ ...categoryOf(line.category), amount, notes: line.memo ?? '' });
  }
  return splits;
}

/** Why the splits do not make the transaction's amount, exactly; null when they do. */
function splitSumError(splits: readonly ParsedSplit[], amount: string): string | null {
  const sum = sumDecimals(splits.map((split) => split.amount));
  const difference = subtractDecimals(amount, sum);
  if (!/[1-9]/.test(difference)) return null;
  return `The split lines add up to ${sum}, not to the transaction's ${amount}: a difference of ${difference}.`;
}

/** Sets the row's date in the file's order, or puts the date's error before any amount error. */
function resolveDate(row: ParsedRow, rawDate: string | null, order: DateOrder): void {
  if (rawDate === null) return;
  const isoDate = rawDate ? qifDate(rawDate, order) : null;
  const dateError = !rawDate
    ? 'The transaction has no date (D line).'
    : isoDate
      ? null
      : `"${rawDate}" is not a date (read as ${order === 'MDY' ? 'month/day/year' : 'day/month/year'}).`;
  const error = [dateError, row.error].filter(Boolean).join(' ') || null;
  Object.assign(row, { error, date: error ? null : isoDate, amount: error ? null : row.amount });
}

function pushed(lines: SplitLines[]): SplitLines {
  const split: SplitLines = { category: '', memo: null, amount: null };
  lines.push(split);
  return split;
}

/**
 * An L or S line's text: "Food:Groceries/Class" is the category "Food:Groceries" (the class after
 * "/" is not part of it); "[Savings]" (class or not) is a transfer to or from the account Savings;
 * "--Split--" and nothing are none.
 */
function categoryOf(raw: string): { category: string | null; transferAccount: string | null } {
  if (raw.startsWith('[')) {
    const close = raw.indexOf(']');
    const account = collapse(raw.slice(1, close < 0 ? undefined : close));
    return { category: null, transferAccount: account || null };
  }
  const category = raw.split('/')[0].trim();
  return { category: category && category !== '--Split--' ? category : null, transferAccount: null };
}

const collapse = (value: string): string => value.replace(/\s+/g, ' ').trim();
