/**
 * Amounts as banks write them in CSV files, to ParsedRow's plain decimal string: "1.234,56",
 * "1,234.56", "-110.7 €", "EUR 5", "(12.00)" and "12.00-" (negative), "+5", "1 234,56" with spaces,
 * NBSP or apostrophes between thousands.
 */

export type DecimalSeparator = '.' | ',';

/** Currency signs and codes around a number, and the characters that group its thousands. */
const CURRENCY = /[€$£¥₹₽₺₩₪₴฿]|\b(?:[A-Z]{3}|kr|Fr|Ft|lei|kn)\b|zł|Kč/g;
const GROUPING = /[\s\u00a0\u202f\u2009']/g;
const MINUS = /[\u2212\u2013]/g;

export type AmountResult = { amount: string } | { error: string };

/** Reads one amount with the given decimal separator; the other separator may group thousands. */
export function parseAmount(raw: string, decimal: DecimalSeparator): AmountResult {
  let text = raw.replace(CURRENCY, '').replace(MINUS, '-').replace(GROUPING, '');
  if (raw.trim() === '') return { error: 'No amount' };
  let negative = false;
  if (/^\(.*\)$/.test(text)) [negative, text] = [true, text.slice(1, -1)];
  if (/^[-+]/.test(text)) [negative, text] = [negative !== (text[0] === '-'), text.slice(1)];
  else if (/[-+]$/.test(text)) [negative, text] = [negative !== text.endsWith('-'), text.slice(0, -1)];
  if (!/\d/.test(text)) return { error: `"${raw.trim().slice(0, 40)}" is not an amount` };
  const grouping = decimal === ',' ? '.' : ',';
  const [whole, fraction, extra] = text.split(decimal);
  const groups = whole.split(grouping);
  const wellGrouped = groups.length === 1 || (/^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g)));
  if (extra !== undefined || !wellGrouped || !/^\d*$/.test(groups.join('')) || (fraction !== undefined && !/^\d+$/.test(fraction))) {
    return { error: `"${raw.trim().slice(0, 40)}" is not an amount with "${decimal}" as the decimal separator` };
  }
  const digits = groups.join('').replace(/^0+(?=\d)/, '') || '0';
  const amount = fraction === undefined ? digits : `${digits}.${fraction}`;
  const zero = /^[0.]*$/.test(amount);
  return { amount: negative && !zero ? `-${amount}` : amount };
}

/** Flips the sign of a plain decimal string (credit-card files write spending as positive). */
export function negate(amount: string): string {
  if (/^[0.]*$/.test(amount)) return amount;
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}

/**
 * Which separator a column's amounts use. Each cell votes: with both marks, the last one is the
 * decimal; one mark that repeats groups thousands; one mark followed by other than three digits is
 * the decimal. "1,234" tells nothing. Null when no cell tells.
 */
export function detectDecimalSeparator(cells: Iterable<string>): DecimalSeparator | null {
  let dot = 0;
  let comma = 0;
  for (const raw of cells) {
    const text = raw.replace(CURRENCY, '').replace(GROUPING, '');
    const vote = decimalVote(text);
    if (vote === '.') dot++;
    else if (vote === ',') comma++;
  }
  if (dot === 0 && comma === 0) return null;
  return comma > dot ? ',' : '.';
}

function decimalVote(text: string): DecimalSeparator | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) return lastDot > lastComma ? '.' : ',';
  const mark = lastDot !== -1 ? '.' : lastComma !== -1 ? ',' : null;
  if (!mark) return null;
  if (text.indexOf(mark) !== text.lastIndexOf(mark)) return mark === '.' ? ',' : '.';
  const after = /^\d*/.exec(text.slice(text.lastIndexOf(mark) + 1))?.[0] ?? '';
  return after.length === 3 ? null : mark;
}

/** Whether a cell reads as an amount with either separator (to find the amount columns). */
export function looksLikeAmount(cell: string): boolean {
  const text = cell.trim();
  return 'amount' in parseAmount(text, '.') || 'amount' in parseAmount(text, ',');
}

/** Pairs of debit/credit marks banks put in an indicator column, debit first. */
const INDICATOR_PAIRS: [string, string][] = [
  ['D', 'C'], ['DBIT', 'CRDT'], ['S', 'H'], ['DR', 'CR'], ['DEBIT', 'CREDIT'], ['SOLL', 'HABEN'], ['-', '+'],
];

/** The debit mark of an indicator column, when all its values belong to one known pair. */
export function detectDebitIndicator(cells: string[]): string | null {
  const values = new Set(cells.map((cell) => cell.trim().toUpperCase()).filter((cell) => cell !== ''));
  if (values.size === 0) return null;
  const pair = INDICATOR_PAIRS.find(([debit, credit]) => [...values].every((value) => value === debit || value === credit));
  return pair ? pair[0] : null;
}
