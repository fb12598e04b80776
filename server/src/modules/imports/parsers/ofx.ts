/**
 * OFX / QFX statements (1.x SGML and 2.x XML; bank and credit-card) to the parsed-file model: one
 * statement per account, FITID as the external id. Investment statements are listed but not imported.
 */
// fast-xml-parser rather than node-ofx-parser / ofx-js: both regex-convert SGML and break on real files
// (mixed closed/unclosed leaves, CDATA), lose line numbers, build one tree of the whole file, and
// node-ofx-parser double-escapes "&" and pins fast-xml-parser 3.
import { XMLParser } from 'fast-xml-parser';
import { isCalendarDay } from '../../../lib/dates';
import { plainDecimal } from './decimal-text';
import { decodeOfxText } from './statement-text';
import { ofxToXml } from './ofx-sgml';
import type { ParsedFile, ParsedRow, ParsedStatement } from './parsed-file';
import { UnreadableFileError } from './parsed-file';

type Node = Record<string, unknown>;

const ARRAYS = new Set(['STMTTRNRS', 'CCSTMTTRNRS', 'INVSTMTTRNRS', 'STMTTRN']);
/** Transactions parsed per fast-xml-parser call: small trees for the heap, few calls for speed (one per row is 3x slower). */
const BATCH = 500;

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false, // FITIDs, account ids and amounts stay text ("0012", "-5.50")
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

/** Transaction names that say only what kind of transaction it is; the memo then says more. */
const GENERIC_NAMES = new Set([
  'ATM', 'CASH', 'CHECK', 'CHEQUE', 'CREDIT', 'DEBIT', 'DEP', 'DEPOSIT', 'DIRECTDEBIT', 'DIRECTDEP',
  'DIV', 'FEE', 'INT', 'OTHER', 'PAYMENT', 'POS', 'SRVCHG', 'TRANSFER', 'XFER',
]);

export function parseOfx(bytes: Buffer): ParsedFile {
  const { text, encoding } = decodeOfxText(bytes);
  if (!/OFXHEADER|<\?OFX|<OFX\s*>/i.test(text.slice(0, 4096))) {
    throw new UnreadableFileError('This is not an OFX file: it has neither an OFX header nor an <OFX> element.');
  }
  const transactions = transactionReader();
  let tree: Node;
  try {
    tree = xmlParser.parse(ofxToXml(text, transactions.add)) as Node;
    transactions.flush();
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`The OFX file cannot be read: ${(error as Error).message}`);
  }
  const ofx = child(tree, 'OFX') ?? {};
  const statements: ParsedStatement[] = [];
  const add = (statement: Omit<ParsedStatement, 'index'>): void => {
    statements.push({ index: statements.length, ...statement });
  };

  const signOn = child(child(ofx, 'SIGNONMSGSRSV1'), 'SONRS');
  const signOnStatus = status(signOn);
  // A non-zero code with severity INFO is news ("client is up to date"), not a refusal.
  if (signOnStatus && signOnStatus.code !== '0' && signOnStatus.severity !== 'INFO') {
    add(failed(line(signOn), `The bank refused the sign-on (${describe(signOnStatus)}).`));
    return { format: 'OFX', encoding, statements };
  }

  const responses: { node: Node; statement: string; account: string }[] = [
    ...list(child(ofx, 'BANKMSGSRSV1'), 'STMTTRNRS').map((node) => ({ node, statement: 'STMTRS', account: 'BANKACCTFROM' })),
    ...list(child(ofx, 'CREDITCARDMSGSRSV1'), 'CCSTMTTRNRS').map((node) => ({ node, statement: 'CCSTMTRS', account: 'CCACCTFROM' })),
    ...list(child(ofx, 'INVSTMTMSGSRSV1'), 'INVSTMTTRNRS').map((node) => ({ node, statement: 'INVSTMTRS', account: 'INVACCTFROM' })),
  ].sort((a, b) => Number(a.node['@_n']) - Number(b.node['@_n']));

  for (const response of responses) {
    const body = child(response.node, response.statement);
    if (!body) {
      const why = status(response.node);
      add(failed(line(response.node), `The bank returned no statement${why ? ` (${describe(why)})` : ''}.`));
      continue;
    }
    const accountHint = accountOf(child(body, response.account));
    const currency = text1(body, 'CURDEF').toUpperCase() || null;
    if (response.statement === 'INVSTMTRS') {
      const note = 'Investment statements are not imported: only bank and credit-card statements are.';
      add({ ...failed(line(response.node), note), accountHint, currency });
      continue;
    }
    add({ accountHint, currency, rows: transactions.rowsOf(Number(response.node['@_n'])) });
  }
  if (!statements.length) add(failed(line(ofx) || 1, 'The file holds no bank or credit-card statement.'));
  return { format: 'OFX', encoding, statements };
}

/** Transactions parsed in batches as the SGML pass hands them over, grouped by their response's `_n`. */
function transactionReader() {
  const rowsByResponse = new Map<number, ParsedRow[]>();
  let batch: string[] = [];
  let batchResponse = 0;
  const flush = (): void => {
    if (!batch.length) return;
    const parsed = xmlParser.parse(`<BATCH>${batch.join('')}</BATCH>`) as Node;
    batch = [];
    let rows = rowsByResponse.get(batchResponse);
    if (!rows) rowsByResponse.set(batchResponse, (rows = []));
    for (const node of list(child(parsed, 'BATCH'), 'STMTTRN')) rows.push(toRow(node));
  };
  const add = (xml: string, response: number): void => {
    if (response !== batchResponse || batch.length >= BATCH) flush();
    batchResponse = response;
    batch.push(xml);
  };
  return { add, flush, rowsOf: (response: number): ParsedRow[] => rowsByResponse.get(response) ?? [] };
}

function toRow(node: Node): ParsedRow {
  const errors: string[] = [];
  const rawDate = text1(node, 'DTPOSTED') || text1(node, 'DTUSER');
  const date = rawDate ? ofxDate(rawDate) : null;
  if (!rawDate) errors.push('The transaction has no date (DTPOSTED).');
  else if (!date) errors.push(`"${rawDate}" is not a date.`);
  const rawAmount = text1(node, 'TRNAMT');
  const amount = rawAmount ? plainDecimal(rawAmount, 'decimal') : null;
  if (!rawAmount) errors.push('The transaction has no amount (TRNAMT).');
  else if (amount === null) errors.push(`"${rawAmount}" is not an amount.`);

  const name = collapse(text1(node, 'NAME') || text1(child(node, 'PAYEE'), 'NAME'));
  const memo = collapse(text1(node, 'MEMO'));
  const trnType = text1(node, 'TRNTYPE').toUpperCase();
  const generic = !name || GENERIC_NAMES.has(name.toUpperCase()) || name.toUpperCase() === trnType;
  // Banks truncate NAME (often to 32 characters) and repeat it in full in MEMO.
  const memoSaysMore = memo && (generic || (memo.startsWith(name) && memo.length > name.length));
  return {
    line: line(node),
    date: errors.length ? null : date,
    amount: errors.length ? null : amount,
    description: memoSaysMore ? memo : name,
    notes: memoSaysMore || memo === name ? '' : memo,
    externalId: text1(node, 'FITID') || null,
    category: null,
    error: errors.length ? errors.join(' ') : null,
  };
}

/** "20260314", "20260314120000", "20260314120000.000[-5:EST]": the calendar date as written. */
function ofxDate(raw: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(raw.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  return isCalendarDay(Number(y), Number(m), Number(d)) ? `${y}-${m}-${d}` : null;
}

function accountOf(from: Node | undefined): string | null {
  const bank = text1(from, 'BANKID') || text1(from, 'BROKERID');
  const account = text1(from, 'ACCTID');
  if (!account) return bank || null;
  return bank ? `${bank}/${account}` : account;
}

function failed(at: number, error: string): Omit<ParsedStatement, 'index'> {
  const row: ParsedRow = { line: at, date: null, amount: null, description: '', notes: '', externalId: null, category: null, error };
  return { accountHint: null, currency: null, rows: [row] };
}

interface Status {
  code: string;
  severity: string;
  message: string;
}

function status(node: Node | undefined): Status | null {
  const found = child(node, 'STATUS');
  if (!found) return null;
  return { code: text1(found, 'CODE') || '0', severity: text1(found, 'SEVERITY').toUpperCase(), message: collapse(text1(found, 'MESSAGE')) };
}

const describe = (found: Status): string =>
  found.message ? `code ${found.code}: ${found.message}` : `code ${found.code}`;

function child(node: unknown, name: string): Node | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as Node)[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (first && typeof first === 'object') return first as Node;
  // an aggregate written empty (<BANKTRANLIST></BANKTRANLIST>) parses as ""
  return first === '' ? {} : undefined;
}

function list(node: Node | undefined, name: string): Node[] {
  const value = node?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (item): item is Node => typeof item === 'object' && item !== null,
  );
}

/** A leaf's text ("" when absent or empty). */
function text1(node: Node | undefined, name: string): string {
  const value = node?.[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first.trim();
  if (first && typeof first === 'object' && typeof (first as Node)['#text'] === 'string') {
    return ((first as Node)['#text'] as string).trim();
  }
  return '';
}

const line = (node: Node | undefined): number => Number(node?.['@_line'] ?? 0);
const collapse = (value: string): string => value.replace(/\s+/g, ' ').trim();
