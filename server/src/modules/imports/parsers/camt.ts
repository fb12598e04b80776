/**
 * ISO 20022 bank-to-customer files: camt.053 statements (Stmt), camt.052 reports (Rpt) and
 * camt.054 notifications (Ntfctn), versions 001.02 to 001.08 (001.01 reads the same). Elements
 * are matched by local name, so any namespace prefix (or none) reads the same; each statement of
 * the file is one ParsedStatement. The file is read in one streaming pass: entries become rows as
 * they close, so a 20 MB file never exists as a tree.
 */
import { entryRows, scaled } from './camt-entry';
import { at, attribute, children, decodeXmlBytes, streamXml, textAt, type XmlElement, type XmlValue } from './camt-xml';
import { UnreadableFileError, type ParsedFile, type ParsedRow, type ParsedStatement } from './parsed-file';

/** The message element under Document, the statement element it repeats, and the name users know. */
const MESSAGES: Record<string, { statement: string; kind: string }> = {
  BkToCstmrStmt: { statement: 'Stmt', kind: 'camt.053' },
  BkToCstmrAcctRpt: { statement: 'Rpt', kind: 'camt.052' },
  BkToCstmrDbtCdtNtfctn: { statement: 'Ntfctn', kind: 'camt.054' },
};
const NOT_CAMT = 'Not a camt.052/053/054 file';

export function parseCamt(bytes: Buffer): ParsedFile {
  const { text, encoding } = decodeXmlBytes(bytes);
  let message: { name: string; line: number; statement: string; kind: string } | undefined;
  const statements = new Map<XmlElement, ParsedStatement>();
  const reversals = new Map<ParsedStatement, ParsedRow[]>();

  const root = streamXml(text, {
    // Checked as the elements open, so another kind of XML stops at its first lines.
    open(path, line) {
      if (path.length === 1 && path[0] !== 'Document') {
        throw new UnreadableFileError(`${NOT_CAMT}: the root element is <${path[0]}>, not <Document>`, line);
      }
      if (path.length === 2 && !message) {
        // Version 001.01 suffixes the message name (BkToCstmrAcctRptV01).
        const known = MESSAGES[path[1].replace(/V\d+$/, '')];
        if (!known) {
          throw new UnreadableFileError(
            `${NOT_CAMT}: <Document> holds <${path[1]}>, not BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn`,
            line,
          );
        }
        message = { name: path[1], line, ...known };
      }
    },
    takes: (path) => path.length === 4 && path[3] === 'Ntry' && path[1] === message?.name && path[2] === message.statement,
    take(entry, ancestors) {
      const node = ancestors[2];
      let statement = statements.get(node);
      if (!statement) {
        // Acct and Bal precede the entries, so the header is complete when the first entry closes.
        statement = readHeader(node, statements.size, entry);
        statements.set(node, statement);
        reversals.set(statement, []);
      }
      statement.rows.push(...entryRows(entry, { currency: statement.currency, reversals: reversals.get(statement) }));
    },
  });

  if (!message) throw new UnreadableFileError(`${NOT_CAMT}: <Document> is empty`);
  const nodes = children(children(root, message.name)[0], message.statement);
  if (nodes.length === 0) {
    throw new UnreadableFileError(`The ${message.kind} file holds no ${message.statement} element`, message.line);
  }
  return {
    format: 'CAMT',
    encoding,
    statements: nodes.map((node, index) => {
      const statement = (typeof node === 'object' && statements.get(node)) || readHeader(node, index);
      settleReversals(node, statement.rows, reversals.get(statement) ?? []);
      return { ...statement, index };
    }),
  };
}

function readHeader(node: XmlValue, index: number, firstEntry?: XmlValue): ParsedStatement {
  const accountHint =
    textAt(node, 'Acct', 'Id', 'IBAN') ??
    textAt(node, 'Acct', 'Id', 'Othr', 'Id') ??
    textAt(node, 'Acct', 'Id', 'PrtryAcct', 'Id') ?? // 001.01
    null;
  const declared =
    textAt(node, 'Acct', 'Ccy') ??
    attribute(at(firstEntry, 'Amt'), 'Ccy') ??
    children(node, 'Bal')
      .map((balance) => attribute(at(balance, 'Amt'), 'Ccy'))
      .find(Boolean);
  return {
    index,
    accountHint: accountHint?.replace(/\s+/g, '') ?? null,
    currency: declared?.toUpperCase() ?? null,
    rows: [],
  };
}

/**
 * Reversal rows were signed the German way (see camt-entry). When the statement's opening and
 * closing balances add up only with ISO's way (CdtDbtInd as booked), the rows take that sign.
 */
function settleReversals(node: XmlValue, rows: ParsedRow[], reversals: ParsedRow[]): void {
  if (reversals.length === 0 || rows.some((row) => row.amount === null)) return;
  const balance = (...codes: string[]) => {
    const found = children(node, 'Bal').find((bal) => codes.includes(textAt(bal, 'Tp', 'CdOrPrtry', 'Cd') ?? ''));
    const amount = textAt(found, 'Amt');
    if (!amount || !/^\d+(\.\d+)?$/.test(amount)) return undefined;
    return textAt(found, 'CdtDbtInd') === 'DBIT' ? -scaled(amount) : scaled(amount);
  };
  const opening = balance('OPBD', 'PRCD');
  const closing = balance('CLBD');
  if (opening === undefined || closing === undefined) return;
  const asRead = rows.reduce((sum, row) => sum + scaled(row.amount!), 0n);
  const asBooked = asRead - 2n * reversals.reduce((sum, row) => sum + scaled(row.amount!), 0n);
  if (closing - opening !== asRead && closing - opening === asBooked) {
    for (const row of reversals) {
      const amount = row.amount!;
      if (/[1-9]/.test(amount)) row.amount = amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
    }
  }
}
