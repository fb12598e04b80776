import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOfx } from '../src/modules/imports/parsers/ofx';
import { UnreadableFileError, type ParsedRow } from '../src/modules/imports/parsers/parsed-file';

const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures/imports/ofx', name));
const parse = (name: string) => parseOfx(fixture(name));
const valid = (row: Partial<ParsedRow>): Partial<ParsedRow> => ({ category: null, error: null, ...row });

describe('OFX 1.x SGML bank statement in windows-1252', () => {
  const file = parse('bank-sgml-1252.ofx');

  test('is one EUR statement of the bank/account, read as windows-1252', () => {
    expect(file.format).toBe('OFX');
    expect(file.encoding).toBe('windows-1252');
    expect(file.statements).toHaveLength(1);
    expect(file.statements[0]).toMatchObject({ index: 0, accountHint: '30004/00012345678', currency: 'EUR' });
  });

  test('unclosed leaves, comma decimals, every date form, accents and the euro sign', () => {
    const [cafe, att, salary, grocer] = file.statements[0].rows;
    expect(cafe).toEqual(
      valid({ line: 18, date: '2026-03-14', amount: '-12.50', description: 'Café de la Gare', notes: 'Petit-déjeuner 12,50 €', externalId: '0001' }),
    );
    // a generic NAME ("POS") gives way to the memo; a stray "&" survives, entities are decoded
    expect(att).toEqual(valid({ line: 26, date: '2026-03-15', amount: '-23.99', description: 'AT&T WIRELESS & CO <ONLINE>', notes: '', externalId: '0002' }));
    // an empty NAME, a "+" sign, a date with time and time zone: the calendar date as written
    expect(salary).toMatchObject({ date: '2026-03-16', amount: '1500.00', description: 'SALAIRE MARS', notes: '' });
    // a truncated NAME repeated in full by MEMO; no FITID
    expect(grocer).toMatchObject({ date: '2026-03-17', amount: '-4.2', description: 'SUPERMARCHE CARREFOUR CITY PARIS 11', notes: '', externalId: null });
  });
});

describe('OFX 2.x XML credit-card statement', () => {
  const file = parse('card-xml.ofx');

  test('the card number is the hint, CURDEF the currency (upper-cased)', () => {
    expect(file.encoding).toBe('UTF-8');
    expect(file.statements.map(({ accountHint, currency }) => ({ accountHint, currency }))).toEqual([
      { accountHint: '4111111111111111', currency: 'USD' },
    ]);
  });

  test('CDATA keeps "&" and "<" as text; numeric and named entities are decoded; blanks collapse', () => {
    const [icecream, payment, toms] = file.statements[0].rows;
    expect(icecream).toEqual(
      valid({ line: 21, date: '2026-03-02', amount: '-5.50', description: "BEN & JERRY'S <NYC>", notes: 'ice cream', externalId: 'CC-1' }),
    );
    expect(payment).toMatchObject({ amount: '250.00', description: 'PAYMENT – THANK YOU', notes: '', externalId: 'CC-2' });
    expect(toms).toMatchObject({ amount: '-0.99', description: "Tom & Jerry's", notes: 'Café "Bleu"' });
  });
});

test('several accounts: one statement each in file order, an empty one, a refused one', () => {
  const file = parse('multi-account.ofx');
  expect(file.statements.map((s) => [s.index, s.accountHint, s.currency, s.rows.length])).toEqual([
    [0, '121000248/9100', 'USD', 2],
    [1, '121000248/9200', 'USD', 0],
    [2, null, null, 1],
    [3, '5500000000000004', 'CAD', 1],
  ]);
  expect(file.statements[0].rows.map((r) => [r.line, r.externalId, r.amount])).toEqual([
    [13, 'A1', '-40.00'],
    [14, 'A2', '-41.00'],
  ]);
  expect(file.statements[2].rows[0]).toMatchObject({ line: 27, date: null, amount: null, error: 'The bank returned no statement (code 2000: General Server Error).' });
  expect(file.statements[3].rows[0]).toMatchObject({ date: '2026-03-07', amount: '-9.99', externalId: 'C1', description: 'STREAMING' });
});

test('several accounts on one line (as some banks write SGML) keep their own rows, in file order', () => {
  const one = (kind: 'bank' | 'card', id: string, fitid: string): string =>
    kind === 'bank'
      ? `<STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>B<ACCTID>${id}</BANKACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20260101<TRNAMT>-1<FITID>${fitid}</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS>`
      : `<CCSTMTTRNRS><CCSTMTRS><CURDEF>EUR<CCACCTFROM><ACCTID>${id}</CCACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20260102<TRNAMT>-2<FITID>${fitid}</STMTTRN></BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS>`;
  const text = `OFXHEADER:100\n\n<OFX><CREDITCARDMSGSRSV1>${one('card', 'C9', 'c')}</CREDITCARDMSGSRSV1><BANKMSGSRSV1>${one('bank', 'A1', 'a')}${one('bank', 'A2', 'b')}</BANKMSGSRSV1></OFX>`;
  const file = parseOfx(Buffer.from(text));
  expect(file.statements.map((s) => [s.accountHint, s.rows.map((r) => [r.line, r.externalId])])).toEqual([
    ['C9', [[3, 'c']]],
    ['B/A1', [[3, 'a']]],
    ['B/A2', [[3, 'b']]],
  ]);
});

test('a "<" that starts no tag is text, and markup smuggled into the body stays text', () => {
  const text = `OFXHEADER:100\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST><STMTTRN><DTPOSTED>20260101<TRNAMT>-1<NAME>A < B <3<MEMO><!DOCTYPE x [<!ENTITY y "z">]>&y;</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
  const [row] = parseOfx(Buffer.from(text)).statements[0].rows;
  expect(row).toMatchObject({ date: '2026-01-01', amount: '-1', description: 'A < B <3', notes: '<!DOCTYPE x [<!ENTITY y "z">]>&y;' });
});

test('a refused sign-on is one invalid row saying why', () => {
  const file = parse('signon-error.ofx');
  expect(file.statements).toHaveLength(1);
  expect(file.statements[0].rows).toEqual([
    {
      line: 11, date: null, amount: null, description: '', notes: '', externalId: null, category: null,
      error: 'The bank refused the sign-on (code 15500: Invalid user ID or password).',
    },
  ]);
});

test('a sign-on status that is only news (severity INFO) does not hide the statement', () => {
  const text = `OFXHEADER:100\n\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>1<SEVERITY>INFO<MESSAGE>Client is up to date</STATUS></SONRS></SIGNONMSGSRSV1><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKACCTFROM><ACCTID>7</BANKACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20260101<TRNAMT>-1</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
  expect(parseOfx(Buffer.from(text)).statements).toEqual([expect.objectContaining({ accountHint: '7', rows: [expect.objectContaining({ error: null, amount: '-1' })] })]);
});

test('a transaction without a date or amount, or with a bad one, is invalid; the others are kept', () => {
  const file = parse('missing-fields.ofx');
  expect(file.statements[0]).toMatchObject({ accountHint: '12345678', currency: 'GBP' });
  expect(file.statements[0].rows.map((r) => [r.line, r.date, r.amount, r.description, r.externalId, r.error])).toEqual([
    [10, null, null, 'No date', 'M1', 'The transaction has no date (DTPOSTED).'],
    [16, null, null, 'Thirty-first of February', 'M2', '"20260231" is not a date.'],
    [23, null, null, 'Empty amount', 'M3', 'The transaction has no amount (TRNAMT).'],
    [30, null, null, 'Dollar sign', 'M4', '"$120" is not an amount.'],
    [37, '2026-03-07', '12.00', 'Fine but no FITID', null, null],
  ]);
});

test('a file without any statement is one invalid row', () => {
  const file = parse('no-statement.ofx');
  expect(file.statements).toEqual([
    expect.objectContaining({ index: 0, accountHint: null, rows: [expect.objectContaining({ line: 11, error: 'The file holds no bank or credit-card statement.' })] }),
  ]);
});

test('an investment statement is listed with its account and not imported', () => {
  const file = parse('investment.ofx');
  expect(file.statements).toHaveLength(1);
  expect(file.statements[0]).toMatchObject({ accountHint: 'broker.example/X0001', currency: 'USD' });
  expect(file.statements[0].rows).toEqual([expect.objectContaining({ amount: null, error: expect.stringMatching(/^Investment statements are not imported/) })]);
});

test('the header decides the encoding, unless the bytes are plainly UTF-8', () => {
  const misdeclared = parse('declared-1252-written-utf8.ofx');
  expect(misdeclared.encoding).toBe('UTF-8');
  expect(misdeclared.statements[0].rows[0]).toMatchObject({ description: 'Bäckerei Müller', amount: '-3.20' });
  const utf8 = parse('utf8-header.ofx');
  expect(utf8.encoding).toBe('UTF-8');
  expect(utf8.statements[0]).toMatchObject({ accountHint: '1/3', currency: 'PLN' });
  expect(utf8.statements[0].rows[0].description).toBe('Żabka Łódź');
});

test('what is not OFX is unreadable, with a reason', () => {
  expect(() => parse('garbage.ofx')).toThrow(UnreadableFileError);
  expect(() => parse('garbage.ofx')).toThrow(/not an OFX file/);
  expect(() => parseOfx(Buffer.alloc(0))).toThrow(UnreadableFileError);
  expect(() => parseOfx(Buffer.from('OFXHEADER:100\nDATA:OFXSGML\n\nno body here'))).toThrow(/no <OFX> element/);
});

test('10 000 SGML transactions parse, each with its line and id', () => {
  const body = Array.from(
    { length: 10_000 },
    (_, i) => `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260314<TRNAMT>-1.${String(i % 100).padStart(2, '0')}<FITID>${i}<NAME>Shop &amp; Co ${i}</STMTTRN>`,
  ).join('\n');
  const text = `OFXHEADER:100\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKTRANLIST>\n${body}\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
  const bytes = Buffer.from(text);
  const rows = parseOfx(bytes).statements[0].rows;
  expect(rows).toHaveLength(10_000);
  expect(rows[9_999]).toMatchObject({ line: 10_003, externalId: '9999', amount: '-1.99', description: 'Shop & Co 9999' });
});
