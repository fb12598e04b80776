import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, type CsvOptions } from '../src/modules/imports/parsers/csv';
import { parseAmount, detectDecimalSeparator } from '../src/modules/imports/parsers/csv-amounts';
import { parseDate } from '../src/modules/imports/parsers/csv-dates';
import { UnreadableFileError } from '../src/modules/imports/parsers/parsed-file';

const FIXTURES = join(__dirname, 'fixtures/imports/csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const parse = (name: string, options?: CsvOptions) => parseCsv(fixture(name), options);
const rowsOf = (result: ReturnType<typeof parseCsv>) => result.file.statements[0].rows;
/** The rows as [date, amount, description] for short assertions. */
const brief = (result: ReturnType<typeof parseCsv>) => rowsOf(result).map((row) => [row.date, row.amount, row.description]);
const csv = (text: string, options?: CsvOptions) => parseCsv(Buffer.from(text), options);

describe('a German bank export with a preamble, quoted fields and decimal commas', () => {
  const result = parse('preamble-de.csv');

  test('its preamble is skipped, its header found and its columns mapped', () => {
    expect(result.columns).toEqual(['Buchungstag', 'Wertstellung', 'Auftraggeber / Begünstigter', 'Verwendungszweck', 'Betrag (EUR)']);
    expect(result.suggestedMapping).toMatchObject({
      delimiter: ';', hasHeader: true, skipRows: 4, dateColumn: 'Buchungstag', dateFormat: 'DD.MM.YYYY',
      amountColumn: 'Betrag (EUR)', descriptionColumn: 'Auftraggeber / Begünstigter', notesColumn: 'Verwendungszweck',
      decimalSeparator: ',', invertSign: false,
    });
    expect(result.mapping).toEqual(result.suggestedMapping);
    expect(result.dateFormatAmbiguous).toBe(false);
    expect(result.file).toMatchObject({ format: 'CSV', encoding: 'UTF-8', statements: [{ index: 0, accountHint: null, currency: null }] });
  });

  test('its rows keep the lines they start on; a field with a delimiter or a newline stays one field', () => {
    expect(rowsOf(result).map((row) => [row.line, row.date, row.amount, row.notes])).toEqual([
      [6, '2026-09-15', '-12.50', 'Brötchen; Kaffee'],
      [7, '2026-09-14', '2345.67', 'Gehalt September 2026'],
      [9, '2026-09-13', '-1060.00', 'Abschlag Strom'],
      [10, '2026-09-01', '-850.00', 'Miete'],
      [11, null, null, ''],
    ]);
  });

  test('the closing balance line is kept as an invalid row saying why', () => {
    expect(rowsOf(result)[4].error).toBe('Date "Kontostand am 30.09.2026" does not match DD.MM.YYYY');
  });

  test('a mapping given by the caller is used over the guess, and the guess is still handed back', () => {
    const byValueDate = parse('preamble-de.csv', { dateColumn: 'Wertstellung', descriptionColumn: 'Verwendungszweck', notesColumn: 'Auftraggeber / Begünstigter' });
    expect(byValueDate.mapping.dateColumn).toBe('Wertstellung');
    expect(byValueDate.suggestedMapping.dateColumn).toBe('Buchungstag');
    expect(rowsOf(byValueDate)[0]).toMatchObject({ date: '2026-09-16', description: 'Brötchen; Kaffee', notes: 'Bäckerei Müller' });
  });
});

describe('a US credit-card export', () => {
  test('reads month-first dates, thousands commas, "$", "(500.00)" and quoted quotes', () => {
    const result = parse('card-us.csv');
    expect(result.mapping).toMatchObject({ delimiter: ',', dateColumn: 'Transaction Date', dateFormat: 'MM/DD/YYYY', amountColumn: 'Amount', decimalSeparator: '.', descriptionColumn: 'Description', notesColumn: 'Memo' });
    expect(brief(result)).toEqual([
      ['2026-09-25', '1234.56', 'AMAZON MKTPLACE, SEATTLE WA'],
      ['2026-09-13', '4.50', 'Joe\'s "Best" Coffee'],
      ['2026-09-02', '-500.00', 'PAYMENT THANK YOU'],
      ['2026-08-31', '-19.99', 'REFUND STORE'],
    ]);
    expect(rowsOf(result)[1].notes).toBe('two lines of memo');
  });

  test('invertSign turns the card\'s positive spending into money out', () => {
    expect(rowsOf(parse('card-us.csv', { invertSign: true })).map((row) => row.amount)).toEqual(['-1234.56', '-4.50', '500.00', '19.99']);
  });
});

describe('dates', () => {
  test('when every day is 12 or less, the file is ambiguous and says which formats fit', () => {
    const result = parse('ambiguous-dates.csv');
    expect(result.dateFormatAmbiguous).toBe(true);
    expect(result.dateFormatCandidates).toEqual(['MM/DD/YYYY', 'DD/MM/YYYY']);
    expect(result.mapping.dateFormat).toBe('MM/DD/YYYY');
    expect(rowsOf(parse('ambiguous-dates.csv', { dateFormat: 'DD/MM/YYYY' })).map((row) => row.date)).toEqual(['2026-02-01', '2026-04-03', '2026-11-12']);
  });

  test('with decimal commas, the day-first reading is suggested first', () => {
    const result = csv('Datum;Text;Betrag\n01/02/2026;a;-3,50\n03/04/2026;b;2,00\n');
    expect(result.dateFormatCandidates).toEqual(['DD/MM/YYYY', 'MM/DD/YYYY']);
  });

  test('one day above 12 settles the order', () => {
    const result = csv('Date,Text,Amount\n01/02/2026,a,1\n03/04/2026,b,2\n25/04/2026,c,3\n');
    expect(result.dateFormatAmbiguous).toBe(false);
    expect(result.mapping.dateFormat).toBe('DD/MM/YYYY');
  });

  test.each([
    ['YYYY-MM-DD', '2026-09-30', '2026-09-30'],
    ['DD/MM/YYYY', '30/09/2026', '2026-09-30'],
    ['MM/DD/YYYY', '09/30/2026', '2026-09-30'],
    ['DD.MM.YYYY', '30.09.2026', '2026-09-30'],
    ['YYYY.MM.DD', '2026.09.30', '2026-09-30'],
    ['DD-MM-YYYY', '30-09-2026', '2026-09-30'],
    ['YYYYMMDD', '20260930', '2026-09-30'],
    ['DD MMM YY', '30 SEP 26', '2026-09-30'],
    ['DD MMM YYYY', '30 Sep 2026', '2026-09-30'],
    ['DD/MM/YY', '30/09/26', '2026-09-30'],
    ['MM/DD/YY', '09/30/99', '1999-09-30'],
    ['DD.MM.YY', '1.9.26', '2026-09-01'],
  ])('%s is detected from a file and read: %s', (format, text, date) => {
    const result = csv(`When,What,How much\n${text},x,1.00\n`);
    expect(result.dateFormatCandidates).toContain(format);
    expect(rowsOf(csv(`When,What,How much\n${text},x,1.00\n`, { dateFormat: format }))[0].date).toBe(date);
    expect(parseDate(text, format)).toBe(date);
  });

  test('a date with a time after it is the date; impossible dates are no dates', () => {
    expect(parseDate('2026-09-30 14:22:01', 'YYYY-MM-DD')).toBe('2026-09-30');
    expect(parseDate('2026-09-30T14:22', 'YYYY-MM-DD')).toBe('2026-09-30');
    expect(parseDate('31.09.2026', 'DD.MM.YYYY')).toBeNull();
    expect(parseDate('29.02.2027', 'DD.MM.YYYY')).toBeNull();
    expect(parseDate('01 Foo 2026', 'DD MMM YYYY')).toBeNull();
    expect(parseDate('01 Okt 2026', 'DD MMM YYYY')).toBe('2026-10-01');
  });

  test('a date format the parser cannot read is refused', () => {
    expect(() => parse('ambiguous-dates.csv', { dateFormat: 'whenever' })).toThrow(UnreadableFileError);
  });
});

describe('amounts', () => {
  test.each([
    ['1.234,56', ',', '1234.56'],
    ['1,234.56', '.', '1234.56'],
    ['-110.7 €', '.', '-110.7'],
    ['(12.00)', '.', '-12.00'],
    ['12.00-', '.', '-12.00'],
    ['+5', '.', '5'],
    ['EUR 1 234,50', ',', '1234.50'],
    ['1\u00a0234,50 zł', ',', '1234.50'],
    ["CHF 1'234.50", '.', '1234.50'],
    ['−7,25', ',', '-7.25'],
    ['0,00', ',', '0.00'],
    ['-0.00', '.', '0.00'],
    ['.5', '.', '0.5'],
    ['$1,000,000', '.', '1000000'],
  ])('%s with "%s" is %s', (text, decimal, amount) => {
    expect(parseAmount(text, decimal as '.' | ',')).toEqual({ amount });
  });

  test.each([
    ['12,5', '.'],
    ['1.2.3', ','],
    ['abc', '.'],
    ['12,34,5', '.'],
    ['', '.'],
    ['-', '.'],
  ])('%s with "%s" is no amount', (text, decimal) => {
    expect(parseAmount(text, decimal as '.' | ',')).toHaveProperty('error');
  });

  test('a file with NBSP thousands, euro signs, "+5,00" and a trailing minus', () => {
    const result = parse('symbols-fr.csv');
    expect(result.mapping).toMatchObject({ decimalSeparator: ',', amountColumn: 'Montant', descriptionColumn: 'Libellé' });
    expect(rowsOf(result).map((row) => row.amount)).toEqual(['-1234.56', '5.00', '-110.7', '-0.99']);
  });

  test('the decimal separator is found from the cells that tell it', () => {
    expect(detectDecimalSeparator(['1.234', '12,50'])).toBe(',');
    expect(detectDecimalSeparator(['1,234', '12.5'])).toBe('.');
    expect(detectDecimalSeparator(['1.234.567'])).toBe(',');
    expect(detectDecimalSeparator(['1,234', '5'])).toBeNull();
  });

  test('separate paid-out and paid-in columns, with pound signs and a zero in the unused one', () => {
    const result = parse('inflow-outflow.csv');
    expect(result.mapping).toMatchObject({ dateFormat: 'DD MMM YYYY', amountColumn: null, outflowColumn: 'Paid out', inflowColumn: 'Paid in', descriptionColumn: 'Description' });
    expect(brief(result)).toEqual([
      ['2026-09-01', '-24.10', 'TESCO STORES 2041'],
      ['2026-09-02', '2500.00', 'SALARY ACME LTD'],
      ['2026-09-03', '-150.00', 'COUNCIL TAX'],
      ['2026-09-04', '5.00', 'REFUND'],
    ]);
  });

  test('an amount with a DBIT/CRDT column, and a unique transaction id as the external id', () => {
    const result = parse('indicator.csv');
    expect(result.mapping).toMatchObject({ amountColumn: 'Amount', indicatorColumn: 'Debit/Credit', debitIndicator: 'DBIT', externalIdColumn: 'Transaction id', descriptionColumn: 'Counterparty', notesColumn: 'Remittance information' });
    expect(rowsOf(result).map((row) => [row.amount, row.externalId])).toEqual([['-47.11', 'TX-0001'], ['3100.00', 'TX-0002'], ['-950.00', 'TX-0003']]);
  });

  test('a Soll/Haben column (S/H), and a debit mark the caller names', () => {
    // The footer line (a balance without its indicator) is kept as an invalid row and does not hide the column.
    expect(rowsOf(parse('indicator-sh.csv')).map((row) => row.amount)).toEqual(['-47.11', '3100.00', null]);
    const flipped = parse('indicator-sh.csv', { amountColumn: 'Umsatz', indicatorColumn: 'S/H', debitIndicator: 'H' });
    expect(rowsOf(flipped).map((row) => row.amount)).toEqual(['47.11', '-3100.00', null]);
  });

  test('an indicator column named without its debit mark: the mark is read from its values', () => {
    const result = parse('indicator.csv', { amountColumn: 'Amount', indicatorColumn: 'Debit/Credit' });
    expect(result.mapping.debitIndicator).toBe('DBIT');
    expect(rowsOf(result).map((row) => row.amount)).toEqual(['-47.11', '3100.00', '-950.00']);
  });

  test('naming an amount column replaces the guessed style', () => {
    const result = parse('inflow-outflow.csv', { amountColumn: 'Balance' });
    expect(result.mapping).toMatchObject({ amountColumn: 'Balance', inflowColumn: null, outflowColumn: null });
    expect(rowsOf(result)[0].amount).toBe('1975.90');
  });
});

describe('files without a header, with other delimiters', () => {
  test('a tab-separated file without a header: columns are numbered and mapped by position', () => {
    const result = parse('no-header.tsv');
    expect(result.columns).toEqual(['1', '2', '3', '4']);
    expect(result.mapping).toMatchObject({ delimiter: '\t', hasHeader: false, skipRows: 0, dateColumn: '1', dateFormat: 'YYYYMMDD', amountColumn: '3', descriptionColumn: '2' });
    expect(brief(result)).toEqual([
      ['2026-09-01', '-12.00', 'CARD PURCHASE GROCER'],
      ['2026-09-02', '1500.25', 'TRANSFER IN'],
      ['2026-09-30', '-0.99', 'FEE'],
    ]);
    const byPosition = parse('no-header.tsv', { hasHeader: false, dateColumn: '1', dateFormat: 'YYYYMMDD', amountColumn: '3', descriptionColumn: '4', externalIdColumn: '4' });
    expect(rowsOf(byPosition)[0]).toMatchObject({ description: 'REF-1', externalId: 'REF-1' });
  });

  test('a pipe-separated file with "01 SEP 26" dates and currency codes', () => {
    const result = parse('pipe-two-digit-year.csv');
    expect(result.mapping).toMatchObject({ delimiter: '|', dateFormat: 'DD MMM YY', amountColumn: 'AMOUNT', descriptionColumn: 'DETAILS' });
    expect(brief(result)).toEqual([['2026-09-01', '-3.20', 'CAFE NERO'], ['2026-09-15', '12', 'REFUND'], ['2026-09-30', '-50', 'ATM']]);
  });

  test('skipRows and hasHeader given by the caller', () => {
    const result = parse('preamble-de.csv', { skipRows: 5, hasHeader: false, dateColumn: '1', dateFormat: 'DD.MM.YYYY', amountColumn: '5', descriptionColumn: '3' });
    expect(result.columns).toEqual(['1', '2', '3', '4', '5']);
    expect(brief(result)[0]).toEqual(['2026-09-15', '-12.50', 'Bäckerei Müller']);
  });

  test('a legacy code page is decoded before parsing; an encoding given by the caller wins', () => {
    expect(rowsOf(parse('cp1250-pl.csv'))[1]).toMatchObject({ amount: '1200.00', description: 'Przelew od Małgorzata Świątek, źródło' });
    expect(parse('utf16be-pl.csv').file.encoding).toBe('UTF-16BE');
    expect(rowsOf(parse('utf16le-bom-de.csv'))[0]).toMatchObject({ date: '2026-09-01', amount: '-12.50', description: 'Bäckerei Müller' });
    const forced = parse('cp1250-pl.csv', { encoding: 'windows-1252' });
    expect(forced.file.encoding).toBe('windows-1252');
    expect(rowsOf(forced)[0].description).not.toBe('Płatność kartą Żabka Łódź');
  });
});

test("the app's own export is mapped with no user input", () => {
  const result = parse('app-export.csv');
  expect(result.mapping).toMatchObject({ dateColumn: 'date', dateFormat: 'YYYY-MM-DD', amountColumn: 'amount', descriptionColumn: 'description', notesColumn: 'notes', categoryColumn: 'category', decimalSeparator: '.' });
  expect(rowsOf(result)[0]).toEqual({ line: 2, date: '2026-09-01', amount: '-12.50', description: 'Bakery', notes: 'for the weekend', externalId: null, exportedId: null, category: 'Food:Groceries', error: null });
});

describe('rows that cannot be imported are kept and say why', () => {
  test('bad dates and bad amounts', () => {
    const rows = rowsOf(parse('bad-rows.csv'));
    expect(rows.map((row) => [row.line, row.error])).toEqual([
      [2, null],
      [3, 'Date "2026-13-45" does not match YYYY-MM-DD'],
      [4, '"abc" is not an amount'],
      [5, 'No date'],
      [6, null],
      [7, '"12,5" is not an amount with "." as the decimal separator'],
    ]);
    expect(rows[2]).toMatchObject({ date: null, amount: null, description: 'Bad amount' });
  });

  test('a header without rows is a file of no rows; a mapping without a date column makes every row say so', () => {
    const header = parse('header-only.csv');
    expect(header.columns).toEqual(['Date', 'Description', 'Amount']);
    expect(rowsOf(header)).toEqual([]);
    const noDate = parse('bad-rows.csv', { dateColumn: 'Description' });
    expect(rowsOf(noDate).every((row) => row.error === 'No date format is chosen' || row.error?.startsWith('No date format is chosen;'))).toBe(true);
  });
});

test("null options (GraphQL's unset input fields) are no options; a negative skip is refused", () => {
  const keys = ['encoding', 'delimiter', 'hasHeader', 'skipRows', 'dateColumn', 'dateFormat', 'amountColumn', 'inflowColumn', 'outflowColumn', 'indicatorColumn', 'debitIndicator', 'descriptionColumn', 'notesColumn', 'externalIdColumn', 'decimalSeparator', 'invertSign'];
  expect(parse('inflow-outflow.csv', Object.fromEntries(keys.map((key) => [key, null])))).toEqual(parse('inflow-outflow.csv'));
  expect(() => parse('inflow-outflow.csv', { skipRows: -1 })).toThrow(UnreadableFileError);
});

test("a date column the caller chooses gets its own format, scored on its cells", () => {
  const result = parse('card-us.csv', { dateColumn: 'Post Date' });
  expect(result.mapping).toMatchObject({ dateColumn: 'Post Date', dateFormat: 'MM/DD/YYYY' });
  expect(rowsOf(result)[0].date).toBe('2026-09-26');
});

describe('files that are no CSV at all', () => {
  test('an empty file', () => {
    expect(() => parse('empty.csv')).toThrow(new UnreadableFileError('The file is empty'));
    expect(() => csv('\n\n  \n')).toThrow('The file is empty');
  });

  test('prose without delimiters', () => {
    expect(() => parse('not-csv.txt')).toThrow(UnreadableFileError);
  });

  test('text with commas but neither dates nor amounts (an OFX or JSON file, an address list)', () => {
    const ofx = 'OFXHEADER:100\nDATA:OFXSGML\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0, INFO</CODE></STATUS>\n<BANKTRANLIST><STMTTRN><NAME>Shop, Inc</NAME></STMTTRN>\n</BANKTRANLIST></OFX>\n';
    expect(() => csv(ofx)).toThrow(UnreadableFileError);
    expect(() => csv('name,city\nAlice,Paris\nBob,Rome\n')).toThrow('Line 2: No column holds dates or amounts: this is not a bank statement in CSV');
    expect(() => csv('{"a": 1, "b": 2,\n "c": [1, 2, 3],\n "d": "x"}\n')).toThrow(UnreadableFileError);
  });

  test('a quote that never closes names its line', () => {
    let error: unknown;
    try {
      parse('unclosed-quote.csv');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as UnreadableFileError).line).toBe(2);
    expect((error as Error).message).toMatch(/^Line 2: /);
  });

  test('a column the file does not have', () => {
    expect(() => parse('bad-rows.csv', { dateColumn: 'Datum' })).toThrow('The file has no column "Datum" (its columns: Date, Description, Amount)');
  });

  test('binary data', () => {
    expect(() => parseCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x9c, 0xff]))).toThrow(UnreadableFileError);
  });
});

// How fast is the benchmark's question (scripts/bench/imports.mjs); here, that every row keeps its line.
test('20 000 rows with multi-line fields and CRLF keep their lines', () => {
  const lines = ['Date;Text;Amount'];
  for (let i = 0; i < 20000; i++) lines.push(`2026-09-${String((i % 28) + 1).padStart(2, '0')};"row ${i}\r\nsecond line";-${i},50`);
  const rows = rowsOf(csv(lines.join('\r\n')));
  expect(rows).toHaveLength(20000);
  expect(rows[19999]).toMatchObject({ line: 40000, date: '2026-09-08', amount: '-19999.50', description: 'row 19999 second line', error: null });
});
