/**
 * One CAMT entry (Ntry) to the rows it stands for: none when it is not booked, one, or one per
 * transaction of a batch whose parts add up to the booked amount.
 */
import { at, attribute, children, lineOf, textAt, textOf, type XmlValue } from './camt-xml';
import { isCalendarDate } from '../../../lib/dates';
import type { ParsedRow } from './parsed-file';

export interface EntryContext {
  /** The statement's currency: an entry in another one cannot be imported into its account. */
  currency: string | null;
  /** Collects the rows of reversal entries, whose sign the statement may settle from its balances. */
  reversals?: ParsedRow[];
}

type Indicator = 'CRDT' | 'DBIT';
const AMOUNT = /^(\d+)(?:\.(\d+))?$/;
const MAX_DECIMALS = 5;
const SCALE = 10n ** BigInt(MAX_DECIMALS);

export function entryRows(entry: XmlValue, context: EntryContext): ParsedRow[] {
  const rows = readEntry(entry, context);
  if (/^(true|1)$/i.test(textAt(entry, 'RvslInd') ?? '')) for (const row of rows) context.reversals?.push(row);
  return rows;
}

function readEntry(entry: XmlValue, context: EntryContext): ParsedRow[] {
  // v2-v7 write <Sts>BOOK</Sts>, v8 <Sts><Cd>BOOK</Cd></Sts>; PDNG, INFO and FUTR are not on the account yet.
  const status = textAt(entry, 'Sts') ?? textAt(entry, 'Sts', 'Cd') ?? textAt(entry, 'Sts', 'Prtry');
  // Sts is mandatory; a file that leaves it out is read as a statement of booked entries, not emptied.
  if (status !== undefined && status.toUpperCase() !== 'BOOK') return [];

  const line = lineOf(entry) ?? 1;
  const details = children(entry, 'NtryDtls').flatMap((group) => children(group, 'TxDtls'));
  const indicator = indicatorOf(textAt(entry, 'CdtDbtInd'));
  // ISO's usage note books a reversal in its own direction, German banks (DK rules) in the original's:
  // RvslInd true turns the sign round here, and the statement's balances turn it back when they prove ISO.
  const reversal = /^(true|1)$/i.test(textAt(entry, 'RvslInd') ?? '');
  const amount = readAmount(at(entry, 'Amt'), indicator, reversal);
  const date = readDate(entry);
  const problems = [amount.error, indicator ? undefined : 'The entry has no CdtDbtInd (CRDT or DBIT)', date.error];
  const currency = attribute(at(entry, 'Amt'), 'Ccy')?.toUpperCase();
  if (currency && context.currency && currency !== context.currency) {
    problems.push(`The entry is in ${currency}, the statement's account in ${context.currency}`);
  }
  const error = problems.filter((problem) => problem !== undefined).join('; ') || null;
  const entryRef = textAt(entry, 'AcctSvcrRef');
  const entryInfo = textAt(entry, 'AddtlNtryInf');

  if (details.length > 1 && !error && indicator) {
    const parts = splitAmounts(details, amount.value!, currency, indicator, reversal);
    if (parts) {
      const endToEndIds = details.map((detail) => reference(detail, 'EndToEndId'));
      return details.map((detail, i) => {
        const text = detailText(detail, textAt(detail, 'CdtDbtInd') ?? indicator);
        const own = reference(detail, 'AcctSvcrRef');
        const endToEnd = endToEndIds[i];
        // The entry's reference is shared by the whole batch: numbered, it stays unique and stable.
        const repeated = endToEnd !== undefined && endToEndIds.indexOf(endToEnd) !== endToEndIds.lastIndexOf(endToEnd);
        const externalId =
          own ?? (entryRef ? `${entryRef}/${i + 1}` : endToEnd && repeated ? `${endToEnd}/${i + 1}` : endToEnd);
        return row(lineOf(detail) ?? line, date.value, parts[i], text.description, [text.info, entryInfo], externalId, null);
      });
    }
  }

  // One row: a plain entry, a single transaction, or a batch whose parts cannot be told apart safely.
  const texts = details.map((detail) => detailText(detail, textAt(detail, 'CdtDbtInd') ?? indicator ?? 'DBIT'));
  // A batch kept whole names each party once, then each remittance text.
  const names = unique(texts.map((text) => text.name ?? '')).join(', ');
  const description = [names, ...unique(texts.map((text) => text.message))].filter(Boolean).join(' / ');
  const single = details.length === 1 ? details[0] : undefined;
  const externalId =
    reference(single, 'AcctSvcrRef') ?? entryRef ?? (single ? reference(single, 'EndToEndId') : undefined);
  const infos = [...texts.map((text) => text.info), entryInfo];
  return [row(line, date.value, amount.value, description, infos, externalId, error)];
}

function row(
  line: number,
  date: string | null,
  amount: string | null,
  description: string,
  infos: (string | undefined)[],
  externalId: string | undefined,
  error: string | null,
): ParsedRow {
  let text = collapse(description);
  const extra = unique(infos.map((info) => collapse(info ?? '')));
  // Without a party or remittance text, the bank's free text is the best description there is.
  if (!text && extra.length > 0) text = extra.shift()!;
  const notes = extra.filter((info) => !text.includes(info)).join(' / ');
  return { line, date, amount, description: text, notes, externalId: externalId ?? null, category: null, error };
}

function indicatorOf(raw: string | undefined): Indicator | undefined {
  const value = raw?.toUpperCase();
  return value === 'CRDT' || value === 'DBIT' ? value : undefined;
}

/** The amount as written (leading zeros dropped), signed: debits negative, a reversal the other way. */
function readAmount(
  node: XmlValue | undefined,
  indicator: Indicator | undefined,
  reversal: boolean,
): { value: string | null; error?: string } {
  const raw = textOf(node);
  if (raw === undefined) return { value: null, error: 'The entry has no amount (Amt)' };
  const match = AMOUNT.exec(raw);
  if (!match) return { value: null, error: `The amount "${raw}" is not a decimal number` };
  if ((match[2] ?? '').length > MAX_DECIMALS) {
    return { value: null, error: `The amount "${raw}" has more than ${MAX_DECIMALS} decimals` };
  }
  const whole = match[1].replace(/^0+(?=\d)/, '');
  const unsigned = match[2] === undefined ? whole : `${whole}.${match[2]}`;
  const negative = (indicator === 'DBIT') !== reversal;
  return { value: negative && /[1-9]/.test(unsigned) ? `-${unsigned}` : unsigned };
}

/** BookgDt, else ValDt; a DtTm counts by the calendar date the bank wrote (its own time zone). */
function readDate(entry: XmlValue): { value: string | null; error?: string } {
  for (const name of ['BookgDt', 'ValDt']) {
    const raw = textAt(entry, name, 'Dt') ?? textAt(entry, name, 'DtTm');
    if (raw === undefined) continue;
    const date = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(raw)?.[1];
    if (!date || !isCalendarDate(date)) {
      return { value: null, error: `The ${name === 'BookgDt' ? 'booking' : 'value'} date "${raw}" is not a date` };
    }
    return { value: date };
  }
  return { value: null, error: 'The entry has no booking or value date (BookgDt, ValDt)' };
}

/**
 * Each transaction's own signed amount (AmtDtls/TxAmt/Amt, else Amt), when every one has it in
 * the entry's currency and they add up to the booked amount; else undefined (kept as one row).
 */
function splitAmounts(
  details: XmlValue[],
  entryAmount: string,
  currency: string | undefined,
  indicator: Indicator,
  reversal: boolean,
): string[] | undefined {
  const parts: string[] = [];
  let total = 0n;
  for (const detail of details) {
    const node = at(detail, 'AmtDtls', 'TxAmt', 'Amt') ?? at(detail, 'Amt');
    const partCurrency = attribute(node, 'Ccy')?.toUpperCase();
    if (partCurrency && currency && partCurrency !== currency) return undefined;
    const part = readAmount(node, indicatorOf(textAt(detail, 'CdtDbtInd')) ?? indicator, reversal);
    if (part.value === null) return undefined;
    parts.push(part.value);
    total += scaled(part.value);
  }
  return total === scaled(entryAmount) ? parts : undefined;
}

/** A decimal amount as an integer of 1/100 000ths, for exact sums. */
export function scaled(amount: string): bigint {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole) * SCALE + BigInt(fraction.padEnd(MAX_DECIMALS, '0'));
  return amount.startsWith('-') ? -value : value;
}

interface DetailText {
  name?: string;
  message: string;
  /** The name and the message, as one row shows them. */
  description: string;
  info?: string;
}

/** The other party's name (by the direction: the creditor of a debit) and the remittance text. */
function detailText(detail: XmlValue, indicator: string): DetailText {
  const role = indicator.toUpperCase() === 'DBIT' ? 'Cdtr' : 'Dbtr';
  const parties = at(detail, 'RltdPties');
  // v2-v7: Cdtr/Nm; v8: Cdtr/Pty/Nm; the ultimate party when only it is named.
  const name =
    textAt(parties, role, 'Nm') ?? textAt(parties, role, 'Pty', 'Nm') ?? textAt(parties, `Ultmt${role}`, 'Nm') ??
    textAt(parties, `Ultmt${role}`, 'Pty', 'Nm');
  const remittance = children(detail, 'RmtInf');
  let message = remittance.flatMap((info) => children(info, 'Ustrd').map(textOf)).filter(Boolean);
  if (message.length === 0) {
    message = remittance.flatMap((info) => children(info, 'Strd').map((s) => textAt(s, 'CdtrRefInf', 'Ref')));
  }
  const text = message.filter(Boolean).join(' ');
  return { name, message: text, description: [name, text].filter(Boolean).join(' / '), info: textAt(detail, 'AddtlTxInf') };
}

function reference(detail: XmlValue | undefined, name: 'AcctSvcrRef' | 'EndToEndId'): string | undefined {
  const value = textAt(detail, 'Refs', name);
  return value && value.toUpperCase() !== 'NOTPROVIDED' ? value : undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function unique(values: string[]): string[] {
  return [...new Set(values.map(collapse).filter((value) => value !== ''))];
}
