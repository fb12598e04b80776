/**
 * QIF (Quicken Interchange Format) to the parsed-file model. Our own parser: the npm QIF packages are
 * small, unmaintained and drop splits, !Account blocks or apostrophe years. One statement per account
 * (`!Account` N name); transactions before any account go to a statement without a hint.
 */
import { plainDecimal } from './decimal-text';
import { decodeQifText } from './local-decode'; // replaced by decode.ts at merge
import type { ParsedFile, ParsedRow, ParsedStatement } from './parsed-file';
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
  investment: boolean;
}

interface Account {
  hint: string | null;
  records: QifRecord[];
}

export function parseQif(bytes: Buffer, options: QifOptions = {}): ParsedFile {
  const { text, encoding } = decodeQifText(bytes);
  if (!text.trim()) throw new UnreadableFileError('The file is empty.');
  const lines = text.split('\n');
  if (!lines.some((line) => /^\s*(!|\^\s*$)/.test(line))) {
    throw new UnreadableFileError('This is not a QIF file: it has no "!Type:" header and no "^" record end.');
  }

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
    if (!account) accounts.set(current, (account = { hint: current, records: [] }));
    account.records.push({ ...done, investment: section === 'investment' });
  };

  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    if (line.startsWith('!')) {
      finish();
      // !Option:AutoSwitch / !Clear:AutoSwitch only frame the account list; every !Account block names
      // the account that the records after it belong to, so the switch itself needs no state here.
      section = headerSection(line);
      return;
    }
    if (/^\s*\^/.test(line)) {
      finish();
      return;
    }
    const field = line.trimStart();
    if (!field) return;
    record ??= { line: index + 1, fields: [], investment: false };
    record.fields.push([field[0].toUpperCase(), field.slice(1)]);
  });
  finish();

  const all = [...accounts.values()];
  const order =
    options.dateOrder ??
    detectDateOrder(all.flatMap((account) => account.records.flatMap((r) => r.fields.filter(([c]) => c === 'D').map(([, v]) => v)))) ??
    'MDY';
  const statements: ParsedStatement[] = all.map((account, index) => ({
    index,
    accountHint: account.hint,
    currency: null,
    rows: account.records.map((r) => toRow(r, order)),
  }));
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

interface Split {
  category: string;
  memo: string;
  amount: string;
}

function toRow(record: QifRecord, order: DateOrder): ParsedRow {
  let date = '';
  let amount = '';
  let payee = '';
  let memo = '';
  let category = '';
  let number = '';
  const splits: Split[] = [];
  for (const [code, value] of record.fields) {
    const split = splits[splits.length - 1];
    if (code === 'D') date = value.trim();
    else if (code === 'T' || (code === 'U' && !amount)) amount = value.trim();
    else if (code === 'P') payee = collapse(value);
    else if (code === 'M') memo = collapse(value);
    else if (code === 'L') category = value.trim();
    else if (code === 'N') number = value.trim();
    else if (code === 'S') splits.push({ category: value.trim(), memo: '', amount: '' });
    else if (code === 'E') (split ?? pushed(splits)).memo = collapse(value);
    else if (code === '$') (split ?? pushed(splits)).amount = value.trim();
  }
  const base = {
    line: record.line,
    description: payee || memo,
    externalId: /\d/.test(number) ? number : null, // "ATM", "EFT", "Print" are kinds, not check numbers
    category: categoryOf(category),
  };
  const notes = [payee ? memo : '', splits.map(splitText).join('; ')].filter(Boolean).join(' | ');

  const errors: string[] = [];
  if (record.investment) errors.push('Investment transactions (!Type:Invst) are not imported: only bank, card and cash accounts are.');
  const isoDate = date ? qifDate(date, order) : null;
  if (!record.investment && !date) errors.push('The transaction has no date (D line).');
  else if (!record.investment && !isoDate) errors.push(`"${date}" is not a date (read as ${order === 'MDY' ? 'month/day/year' : 'day/month/year'}).`);
  const decimal = amount ? plainDecimal(amount, 'thousands') : null;
  if (!record.investment && !amount) errors.push('The transaction has no amount (T line).');
  else if (!record.investment && decimal === null) errors.push(`"${amount}" is not an amount.`);
  const error = errors.length ? errors.join(' ') : null;
  return { ...base, notes, date: error ? null : isoDate, amount: error ? null : decimal, error };
}

function pushed(splits: Split[]): Split {
  const split = { category: '', memo: '', amount: '' };
  splits.push(split);
  return split;
}

/** "Food:Groceries/Class" → "Food:Groceries"; "[Savings]" (a transfer) stays as written; "--Split--" is none. */
function categoryOf(raw: string): string | null {
  const withoutClass = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1 || undefined) : raw.split('/')[0];
  const category = withoutClass.trim();
  return category && category !== '--Split--' ? category : null;
}

function splitText(split: Split): string {
  const label = categoryOf(split.category) ?? '';
  const named = label && split.memo ? `${label} (${split.memo})` : label || split.memo;
  const amount = plainDecimal(split.amount, 'thousands') ?? split.amount;
  return [named, amount].filter(Boolean).join(' ');
}

const collapse = (value: string): string => value.replace(/\s+/g, ' ').trim();
