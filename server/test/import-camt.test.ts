/** The CAMT parser on the project's own camt.052/053/054 fixtures: what a user's bank file turns into. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCamt } from '../src/modules/imports/parsers/camt';
import { UnreadableFileError, type ParsedFile, type ParsedRow } from '../src/modules/imports/parsers/parsed-file';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures/imports/camt', name));
const parse = (name: string) => parseCamt(fixture(name));
const row = (fields: Partial<ParsedRow>): ParsedRow => ({
  line: expect.any(Number),
  date: null,
  amount: null,
  description: '',
  notes: '',
  externalId: null,
  category: null,
  error: null,
  ...fields,
});
const unreadable = (bytes: Buffer | string): UnreadableFileError => {
  try {
    parseCamt(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
  } catch (error) {
    if (error instanceof UnreadableFileError) return error;
    throw error;
  }
  throw new Error('the file was read');
};

describe('camt.053.001.02', () => {
  const file = parse('camt053-v02.xml');
  const rows = file.statements[0].rows;

  test('one statement, named by its IBAN without blanks, in the account currency', () => {
    expect(file).toMatchObject({ format: 'CAMT', encoding: 'UTF-8' });
    expect(file.statements).toHaveLength(1);
    expect(file.statements[0]).toMatchObject({ index: 0, accountHint: 'DE89370400440532013000', currency: 'EUR' });
  });

  test('a debit is negative; the creditor is the other party; AcctSvcrRef wins over EndToEndId', () => {
    expect(rows[0]).toEqual(
      row({
        line: 23,
        date: '2024-02-03',
        amount: '-42.50',
        description: 'Stadtwerke Köln & Co / Abschlag Strom Februar 2024',
        notes: 'SEPA-Lastschrift',
        externalId: 'BANKREF-0001',
      }),
    );
  });

  test('a credit names its debtor; without AcctSvcrRef the EndToEndId is the id', () => {
    expect(rows[1]).toEqual(
      row({ line: 45, date: '2024-02-28', amount: '2750.00', description: 'Beispiel GmbH / Gehalt Februar', externalId: 'SALARY-2024-02' }),
    );
  });

  test('pending entries are no rows', () => {
    expect(rows.map((r) => r.externalId)).not.toContain('PENDING-0001');
    expect(rows.map((r) => r.line)).not.toContain(61);
    expect(rows).toHaveLength(6);
  });

  test('five decimals kept as written; value date when no booking date; NOTPROVIDED is no id; structured reference', () => {
    expect(rows[2]).toEqual(
      row({ line: 68, date: '2024-02-29', amount: '0.12345', description: 'RF18539007547034', notes: 'Zinsen', externalId: null }),
    );
  });

  test('an entry without details is described by its additional information, blanks collapsed', () => {
    expect(rows[3]).toEqual(
      row({ line: 83, date: '2024-02-29', amount: '-3.00', description: 'Kontoführung Februar', externalId: 'FEE-2024-02' }),
    );
  });

  test('entries without amount or date, or with a comma amount or an impossible date, are rows with the reason', () => {
    expect(rows[4]).toMatchObject({ line: 91, amount: null, date: null, externalId: 'BROKEN-0001' });
    expect(rows[4].error).toContain('no amount');
    expect(rows[4].error).toContain('no booking or value date');
    expect(rows[5]).toMatchObject({ line: 97, amount: null, date: null, externalId: 'BROKEN-0002' });
    expect(rows[5].error).toContain('"12,50" is not a decimal number');
    expect(rows[5].error).toContain('"2024-02-30" is not a date');
    expect(rows.slice(0, 4).every((r) => r.error === null)).toBe(true);
  });
});

describe('camt.053.001.04 with a namespace prefix and CRLF line ends', () => {
  const file = parse('camt053-v04-prefixed-crlf.xml');
  const [statement] = file.statements;

  test('the prefix changes nothing; Othr/Id names the account; the currency comes from the entries', () => {
    expect(statement).toMatchObject({ accountHint: '0532013000', currency: 'CHF' });
  });

  test('DtTm counts by the calendar date the bank wrote, not by UTC', () => {
    expect(statement.rows[0]).toEqual(
      row({
        line: 10,
        date: '2024-03-31',
        amount: '-18.20',
        description: 'Migros Zürich',
        notes: 'Kartenzahlung 31.03.2024 23:29',
        externalId: 'CH-0001',
      }),
    );
  });

  test('a reversal turns the sign round', () => {
    expect(statement.rows[1]).toEqual(
      row({ line: 22, date: '2024-04-01', amount: '18.20', description: 'Storno Kartenzahlung', externalId: 'CH-0002' }),
    );
  });

  test('a batch whose parts add up is one row per TxDtls, each with its amount in the account currency', () => {
    const batch = statement.rows.slice(2, 5);
    expect(batch).toEqual([
      row({ line: 39, date: '2024-04-02', amount: '-200.00', description: 'Vermieter AG / Nebenkosten', notes: 'Sammelauftrag', externalId: 'BATCH-0001-A' }),
      row({ line: 45, date: '2024-04-02', amount: '-100.00', description: 'Versicherung', notes: 'Sammelauftrag', externalId: 'BATCH-0001/2' }),
      row({ line: 50, date: '2024-04-02', amount: '-50.00', description: 'Zeitung', notes: 'Sammelauftrag', externalId: 'BATCH-0001/3' }),
    ]);
  });

  test('a batch whose parts do not add up stays one row with the booked amount', () => {
    expect(statement.rows[5]).toEqual(
      row({ line: 61, date: '2024-04-03', amount: '-80.00', description: 'Verein / Beitrag / Spende', externalId: 'BATCH-0002' }),
    );
  });

  test('batch rows sharing an EndToEndId get numbered ids, so neither is taken for a duplicate of the other', () => {
    expect(statement.rows.slice(6)).toEqual([
      row({ line: 86, date: '2024-04-04', amount: '10.00', description: 'Ben', externalId: 'SPLIT-1/1' }),
      row({ line: 91, date: '2024-04-04', amount: '20.00', description: 'Clara', externalId: 'SPLIT-1/2' }),
    ]);
    expect(statement.rows).toHaveLength(8);
  });
});

test("a reversal keeps CdtDbtInd as booked when the statement's balances prove the bank follows ISO", () => {
  const [iso, dk] = parse('camt053-reversal-balances.xml').statements;
  expect(iso.rows.map((r) => [r.externalId, r.amount])).toEqual([
    ['ISO-1', '-20.00'],
    ['ISO-2', '20.00'],
  ]);
  expect(dk.rows.map((r) => [r.externalId, r.amount])).toEqual([
    ['DK-1', '-20.00'],
    ['DK-2', '20.00'],
  ]);
});

describe('camt.053.001.08', () => {
  const [statement] = parse('camt053-v08.xml').statements;

  test('Sts/Cd BOOK is booked; PDNG and INFO are skipped', () => {
    expect(statement.rows.map((r) => r.line)).toEqual([11, 30, 59]);
  });

  test('Pty/Nm names the party; the entry amount is booked even when the transaction was in another currency', () => {
    expect(statement.rows[0]).toEqual(
      row({ line: 11, date: '2024-04-12', amount: '-64.10', description: 'Online Bookshop Inc. / Order 5531', externalId: 'NL-TX-0001' }),
    );
  });

  test('additional information already in the description is not repeated in the notes', () => {
    expect(statement.rows[1]).toEqual(
      row({ line: 30, date: '2024-04-15', amount: '15.00', description: 'Piet de Vries / Pizza', notes: '', externalId: 'E2E-NL-2' }),
    );
  });

  test("an entry in another currency than the account's cannot be imported", () => {
    expect(statement.rows[2]).toMatchObject({ amount: '-5.00', externalId: 'NL-USD-0001' });
    expect(statement.rows[2].error).toContain('USD');
  });
});

test('several statements in one file are listed in order, an empty one included; an entry without Sts counts as booked', () => {
  const file = parse('camt053-multi-statement.xml');
  expect(file.statements.map(({ index, accountHint, currency, rows }) => ({ index, accountHint, currency, count: rows.length }))).toEqual([
    { index: 0, accountHint: 'FR1420041010050500013M02606', currency: 'EUR', count: 1 },
    { index: 1, accountHint: 'SAVINGS-77', currency: 'EUR', count: 0 },
    { index: 2, accountHint: 'GB33BUKB20201555555555', currency: 'USD', count: 3 },
  ]);
  expect(file.statements[2].rows.map((r) => [r.amount, r.externalId])).toEqual([
    ['100', 'US-0001'],
    ['-0.50', 'US-0002'],
    ['-1.00', 'US-NO-STATUS'],
  ]);
});

test('camt.052 reports (Rpt) read like statements, pending entries skipped', () => {
  const file: ParsedFile = parse('camt052-v08.xml');
  expect(file.statements).toEqual([
    {
      index: 0,
      accountHint: 'AT611904300234573201',
      currency: 'EUR',
      rows: [row({ line: 8, date: '2024-07-10', amount: '-7.80', description: 'Kaffeehaus', externalId: 'AT-0001' })],
    },
  ]);
});

test('camt.054 notifications (Ntfctn) read like statements', () => {
  const [statement] = parse('camt054-v04.xml').statements;
  expect(statement).toMatchObject({ accountHint: 'CH9300762011623852957', currency: 'CHF' });
  expect(statement.rows).toEqual([
    row({ line: 8, date: '2024-07-31', amount: '1250.00', description: 'Mieter Muster / 210000000003139471430009017', externalId: 'RENT-2024-08' }),
  ]);
});

describe('text encodings', () => {
  test('the encoding the XML declares is used', () => {
    const file = parse('camt053-latin1.xml');
    expect(file.encoding).toBe('ISO-8859-1');
    expect(file.statements[0].rows[0].description).toBe('Bäckerei Müller');
  });

  test('UTF-16 with a byte-order mark', () => {
    const text = fixture('camt054-v04.xml').toString('utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const file = parseCamt(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(file.encoding).toBe('UTF-16LE');
    expect(file.statements[0].rows[0].amount).toBe('1250.00');
  });

  test('UTF-8 with a byte-order mark', () => {
    const file = parseCamt(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('camt053-v02.xml')]));
    expect(file.statements[0].rows[0].description).toContain('Köln');
  });
});

describe('files that cannot be read', () => {
  test('malformed XML names the line', () => {
    const error = unreadable(fixture('malformed.xml'));
    expect(error.line).toBe(8);
    expect(error.message).toMatch(/^Line 8: Not well-formed XML/);
  });

  test('a truncated file', () => {
    const text = fixture('camt053-v02.xml').toString('utf8');
    const error = unreadable(text.slice(0, text.indexOf('<Ntry>', 1000)));
    expect(error.message).toContain('Not well-formed XML');
  });

  test('another ISO 20022 message names what it is', () => {
    const error = unreadable(fixture('not-camt-pain001.xml'));
    expect(error.message).toBe('Line 3: Not a camt.052/053/054 file: <Document> holds <CstmrCdtTrfInitn>, not BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn');
  });

  test('XML of another kind, a CSV, an empty file', () => {
    expect(unreadable('<?xml version="1.0"?>\n<OFX><BANKMSGSRSV1/></OFX>').message).toBe(
      'Line 2: Not a camt.052/053/054 file: the root element is <OFX>, not <Document>',
    );
    expect(unreadable('Date;Amount\n2024-01-01;12.00\n').message).toContain('Not well-formed XML');
    expect(unreadable('').message).toContain('Not well-formed XML');
  });

  test('a camt message without statements', () => {
    const text = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">\n  <BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrStmt>\n</Document>';
    expect(unreadable(text).message).toBe('Line 2: The camt.053 file holds no Stmt element');
  });

  test('entities declared in a DTD are not expanded', () => {
    const text = '<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Document><BkToCstmrStmt><Stmt><Ntry><Amt>&b;</Amt></Ntry></Stmt></BkToCstmrStmt></Document>';
    expect(unreadable(text).message).toContain('Not well-formed XML');
  });
});

test('a 10 000-entry statement reads every entry (its speed, against Actual\'s 17 s, is the benchmark\'s)', () => {
  const entry = (i: number) =>
    `<Ntry><Amt Ccy="EUR">${(i % 1000) + 0.25}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
    `<BookgDt><Dt>2024-01-${String((i % 28) + 1).padStart(2, '0')}</Dt></BookgDt><AcctSvcrRef>R${i}</AcctSvcrRef>` +
    `<NtryDtls><TxDtls><RltdPties><Cdtr><Pty><Nm>Shop ${i % 40}</Nm></Pty></Cdtr></RltdPties>` +
    `<RmtInf><Ustrd>Invoice ${i}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`;
  const body = Array.from({ length: 10_000 }, (_, i) => entry(i)).join('');
  const text = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>\n<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n${body}</Stmt></BkToCstmrStmt></Document>`;
  const [statement] = parseCamt(Buffer.from(text)).statements;
  expect(statement.rows).toHaveLength(10_000);
  expect(statement.rows[9_999]).toMatchObject({ line: 10_002, amount: '-999.25', externalId: 'R9999', description: 'Shop 39 / Invoice 9999' });
});
