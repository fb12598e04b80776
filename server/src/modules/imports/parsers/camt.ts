/**
 * ISO 20022 bank-to-customer files: camt.053 statements (Stmt), camt.052 reports (Rpt) and
 * camt.054 notifications (Ntfctn), versions 001.02 to 001.08. Elements are matched by local name,
 * so any namespace prefix (or none) reads the same; each statement of the file is one ParsedStatement.
 */
import { entryRows } from './camt-entry';
import { at, attribute, children, decodeXmlBytes, LineIndex, parseXml, textAt, type XmlValue } from './camt-xml';
import { UnreadableFileError, type ParsedFile, type ParsedStatement } from './parsed-file';

/** The message element under Document, the statement element it repeats, and the name users know. */
const MESSAGES: Record<string, { statement: string; kind: string }> = {
  BkToCstmrStmt: { statement: 'Stmt', kind: 'camt.053' },
  BkToCstmrAcctRpt: { statement: 'Rpt', kind: 'camt.052' },
  BkToCstmrDbtCdtNtfctn: { statement: 'Ntfctn', kind: 'camt.054' },
};

export function parseCamt(bytes: Buffer): ParsedFile {
  const { text, encoding } = decodeXmlBytes(bytes);
  const tree = parseXml(text);
  const lines = new LineIndex(text);

  const rootName = Object.keys(tree).find((name) => !name.startsWith('?') && !name.startsWith('#'));
  const root = rootName ? children(tree, rootName)[0] : undefined;
  if (rootName !== 'Document') {
    const found = rootName ? `the root element is <${rootName}>` : 'it has no root element';
    throw new UnreadableFileError(`Not a camt.052/053/054 file: ${found}, not <Document>`, lines.lineOf(root));
  }
  // Version 001.01 suffixes the message name (BkToCstmrAcctRptV01); its content reads the same.
  const messageName = typeof root === 'object' ? Object.keys(root).find((name) => name.replace(/V\d+$/, '') in MESSAGES) : undefined;
  if (!messageName) {
    const inside = typeof root === 'object' ? Object.keys(root).find((name) => !name.startsWith('@_')) : undefined;
    const found = inside ? `<Document> holds <${inside}>` : '<Document> is empty';
    throw new UnreadableFileError(
      `Not a camt.052/053/054 file: ${found}, not BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn`,
      lines.lineOf(root),
    );
  }
  const { statement: statementName, kind } = MESSAGES[messageName.replace(/V\d+$/, '')];
  const message = children(root, messageName)[0];
  const statements = children(message, statementName);
  if (statements.length === 0) {
    throw new UnreadableFileError(`The ${kind} file holds no ${statementName} element`, lines.lineOf(message));
  }
  return { format: 'CAMT', encoding, statements: statements.map((node, index) => readStatement(node, index, lines)) };
}

function readStatement(node: XmlValue, index: number, lines: LineIndex): ParsedStatement {
  const entries = children(node, 'Ntry');
  const accountHint = textAt(node, 'Acct', 'Id', 'IBAN') ?? textAt(node, 'Acct', 'Id', 'Othr', 'Id') ?? null;
  const declared =
    textAt(node, 'Acct', 'Ccy') ??
    [...entries, ...children(node, 'Bal')].map((element) => attribute(at(element, 'Amt'), 'Ccy')).find(Boolean);
  const currency = declared?.toUpperCase() ?? null;
  const rows = entries.flatMap((entry) => entryRows(entry, { currency, lines }));
  return { index, accountHint: accountHint?.replace(/\s+/g, '') ?? null, currency, rows };
}
