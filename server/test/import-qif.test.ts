import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainDecimal, subtractDecimals, sumDecimals } from '../src/modules/imports/parsers/decimal-text';
import { UnreadableFileError } from '../src/modules/imports/parsers/parsed-file';
import { parseQif } from '../src/modules/imports/parsers/qif';
import { detectDateOrder, qifDate } from '../src/modules/imports/parsers/qif-date';

const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures/imports/qif', name));
const rowsOf = (name: string, options?: Parameters<typeof parseQif>[1]) => parseQif(fixture(name), options).statements[0].rows;

test('a bank file: every date form, amounts with separators, payee, memo, category, check number', () => {
  const file = parseQif(fixture('bank-dates.qif'));
  expect(file).toMatchObject({ format: 'QIF', encoding: 'UTF-8' });
  expect(file.statements).toHaveLength(1);
  expect(file.statements[0]).toMatchObject({ index: 0, accountHint: null, currency: null });
  const rows = file.statements[0].rows;
  expect(rows.map((r) => [r.line, r.date, r.amount])).toEqual([
    [2, '2018-12-19', '-1234.56'],
    [10, '2020-06-04', '-12.00'],
    [17, '2020-06-04', '2500'],
    [23, '2020-06-04', '-300.00'],
    [28, '2018-12-19', '1234.50'],
    [32, '2000-01-01', '0.5'],
    [36, '1999-12-31', '-7'],
  ]);
  expect(rows[0]).toEqual({
    line: 2, date: '2018-12-19', amount: '-1234.56', description: 'Landlord & Sons', notes: 'December rent',
    externalId: '1001', category: 'Housing:Rent', transferAccount: null, error: null,
  });
  // the class after "/" is not part of the category; "ATM" is no check number; blanks collapse
  expect(rows[1]).toMatchObject({ description: 'Corner Shop', category: 'Food:Groceries', externalId: null });
  // a transfer names its account, and has no category
  expect(rows[3]).toMatchObject({ category: null, transferAccount: 'Savings', description: 'Transfer to savings' });
  // no payee: the memo describes the row
  expect(rows[5]).toMatchObject({ description: 'A memo and no payee', notes: '', category: null });
  expect(rows.every((r) => r.error === null)).toBe(true);
});

test('day-first dates are detected from the file', () => {
  expect(rowsOf('dmy.qif').map((r) => r.date)).toEqual(['2020-06-04', '2020-12-25', '2021-01-13']);
});

test('a file that never says its order is read month first, unless told otherwise', () => {
  expect(rowsOf('ambiguous.qif').map((r) => r.date)).toEqual(['2020-04-06', '2021-01-02']);
  expect(rowsOf('ambiguous.qif', { dateOrder: 'DMY' }).map((r) => r.date)).toEqual(['2020-06-04', '2021-02-01']);
});

test('an order given against the file makes the dates that cannot be read so invalid', () => {
  const rows = rowsOf('dmy.qif', { dateOrder: 'MDY' });
  expect(rows.map((r) => [r.date, r.error])).toEqual([
    ['2020-04-06', null],
    [null, '"25/12/2020" is not a date (read as month/day/year).'],
    [null, '"13.01.2021" is not a date (read as month/day/year).'],
  ]);
});

test('a split transaction is one row for its total with its split lines: category, transfer, memo and exact amounts', () => {
  const [shop, visa, phone, order] = rowsOf('splits.qif');
  expect(shop).toEqual({
    line: 2, date: '2026-03-15', amount: '-15.50', description: 'Pharmacy Mart', notes: 'Weekly shop', externalId: null,
    category: null, transferAccount: null, error: null,
    splits: [
      { category: 'Food:Groceries', transferAccount: null, amount: '-12.00', notes: 'Fruit' },
      { category: 'Health:Pharmacy', transferAccount: null, amount: '-3.50', notes: '' },
    ],
  });
  // a split to [Visa] is a transfer part, not a category
  expect(visa).toMatchObject({
    amount: '-100.00', notes: '', category: null, error: null,
    splits: [
      { category: null, transferAccount: 'Visa', amount: '-90.00', notes: '' },
      { category: 'Bank Charges', transferAccount: null, amount: '-10.00', notes: 'Fee' },
    ],
  });
  // parts of both signs; the class after "/" is no part of a split's category either
  expect(phone).toMatchObject({
    amount: '67.50', category: 'Bills:Phone', error: null,
    splits: [
      { category: 'Bills:Phone', amount: '-15.00', notes: 'Sign-up credit' },
      { category: 'Bills:Phone', amount: '82.50', notes: 'Refund of old contract' },
    ],
  });
  // a D line inside the splits is that split's date: the transaction keeps its own
  expect(order).toMatchObject({ line: 33, date: '2026-03-18', amount: '-100.00', notes: 'Online order', category: 'Household', error: null });
  expect(order.splits?.map((split) => [split.category, split.transferAccount, split.amount, split.notes])).toEqual([
    ['Household', null, '-50.00', 'Half'],
    ['Leisure:Books', null, '-25.00', '25%'],
    [null, 'Savings', '-25.00', ''],
  ]);
});

test('split lines that do not add up to the amount make the row invalid, naming the difference', () => {
  const rows = rowsOf('splits.qif');
  expect(rows[4]).toMatchObject({
    line: 49, date: null, amount: null, description: 'Market',
    error: "The split lines add up to -19.00, not to the transaction's -20.00: a difference of -1.00.",
  });
  // the split lines stay with the row, so the preview can show what does not add up
  expect(rows[4].splits?.map((split) => split.amount)).toEqual(['-12.00', '-7.00']);
  expect(rows[5]).toMatchObject({ line: 58, amount: null, error: 'Split 2 of the transaction has no amount ($ line).', splits: undefined });
  // a whole-row transfer: no category, the account named
  expect(rows[6]).toEqual(expect.objectContaining({ line: 67, amount: '-250.00', category: null, transferAccount: 'Savings', error: null }));
  expect(rows[6].splits).toBeUndefined();
});

test('split amounts are summed exactly, whatever their decimals and separators', () => {
  const record = (total: string, ...parts: string[]) =>
    parseQif(Buffer.from(`!Type:Bank\nD1/2/2026\nT${total}\nPShop\n${parts.map((part, i) => `SPart ${i}\n$${part}`).join('\n')}\n^\n`)).statements[0].rows[0];
  // 0.1 + 0.2 is 0.3 here, unlike in floating point
  expect(record('0.3', '0.1', '0.2')).toMatchObject({ amount: '0.3', error: null });
  expect(record('-1,234.50', '-1,000.00', '-234.5')).toMatchObject({ amount: '-1234.50', error: null });
  expect(record('10', '3.333', '6.667')).toMatchObject({ error: null });
  expect(record('10.00', '3.333', '6.666')).toMatchObject({ error: "The split lines add up to 9.999, not to the transaction's 10.00: a difference of 0.001." });
  expect(record('-5.00', '-2.00', '-4.00')).toMatchObject({ error: "The split lines add up to -6.00, not to the transaction's -5.00: a difference of 1.00." });
  expect(record('-5.00', '-2.00', 'three')).toMatchObject({ error: 'Split 2 of the transaction: "three" is not an amount.' });
  // a split without its S line is a part without a category
  const bare = parseQif(Buffer.from('!Type:Bank\nD1/2/2026\nT-3\nSTea\n$-1\nEtip\n$-2\n^\n')).statements[0].rows[0];
  expect(bare.splits).toEqual([
    { category: 'Tea', transferAccount: null, amount: '-1', notes: '' },
    { category: null, transferAccount: null, amount: '-2', notes: 'tip' },
  ]);
});

test('decimal sums and differences are exact', () => {
  expect(sumDecimals(['-12.00', '-3.5'])).toBe('-15.50');
  expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
  expect(sumDecimals(['-0.5', '0.25'])).toBe('-0.25');
  expect(sumDecimals([])).toBe('0');
  expect(subtractDecimals('-20.00', '-19')).toBe('-1.00');
  expect(subtractDecimals('0.001', '0.01')).toBe('-0.009');
  expect(subtractDecimals('90071992547409930.01', '-0.99')).toBe('90071992547409931.00');
});

test('!Account blocks: one statement per account, lists and investments aside', () => {
  const file = parseQif(fixture('accounts.qif'));
  expect(file.statements.map((s) => [s.index, s.accountHint, s.rows.map((r) => r.description || r.error)])).toEqual([
    [0, 'Checking', ['Grocer', 'Salary', 'Coffee', 'Mortgage']],
    [1, 'Visa Card', ['Bookshop']],
    [2, 'Brokerage', ['Investment transactions (!Type:Invst) are not imported: only bank, card and cash accounts are.']],
  ]);
  expect(file.statements[0].rows.map((r) => [r.date, r.amount])).toEqual([
    ['2026-01-05', '-50.00'],
    ['2026-01-06', '1000.00'],
    ['2026-01-09', '-5.00'],
    ['2026-01-10', '-200.00'],
  ]);
  expect(file.statements[2].rows[0]).toMatchObject({ date: null, amount: null });
});

test('rows without a date or amount, or with bad ones, are invalid; a last record without "^" counts', () => {
  expect(rowsOf('missing.qif').map((r) => [r.line, r.date, r.amount, r.description, r.error])).toEqual([
    [2, null, null, 'No date', 'The transaction has no date (D line).'],
    [5, null, null, 'No amount', 'The transaction has no amount (T line).'],
    [8, null, null, 'Thirtieth of February', '"02/30/2026" is not a date (read as month/day/year).'],
    [12, null, null, 'Words for an amount', '"ten dollars" is not an amount.'],
    [16, '2026-03-03', '-3.00', 'Last record has no caret', null],
  ]);
});

test('windows-1252 and UTF-8 with a BOM and CRLF are read right', () => {
  const legacy = parseQif(fixture('cp1252.qif'));
  expect(legacy.encoding).toBe('windows-1252');
  expect(legacy.statements[0].rows[0]).toMatchObject({ description: 'Café Crème', notes: 'Croissant 4,80 €', amount: '-4.80' });
  const bom = parseQif(fixture('bom-crlf.qif'));
  expect(bom.encoding).toBe('UTF-8');
  expect(bom.statements[0].rows).toEqual([expect.objectContaining({ line: 2, date: '2026-03-14', description: 'Zürich Café' })]);
});

test('a file of categories and memorized payees only has nothing to import, and says so', () => {
  expect(parseQif(fixture('lists-only.qif')).statements).toEqual([
    expect.objectContaining({ accountHint: null, rows: [expect.objectContaining({ error: expect.stringMatching(/no bank, card or cash transactions/) })] }),
  ]);
});

test('an empty file and a file that is not QIF are unreadable', () => {
  expect(() => parseQif(fixture('empty.qif'))).toThrow(new UnreadableFileError('The file is empty.'));
  expect(() => parseQif(Buffer.from(' \n\r\n'))).toThrow(UnreadableFileError);
  expect(() => parseQif(fixture('garbage.qif'))).toThrow(/not a QIF file/);
});

describe('QIF dates', () => {
  test("an apostrophe year is 2000 or later; two digits after a slash pivot at 69", () => {
    expect(qifDate("7/ 4'75", 'MDY')).toBe('2075-07-04');
    expect(qifDate("7/ 4'05", 'MDY')).toBe('2005-07-04');
    expect(qifDate('7/4/75', 'MDY')).toBe('1975-07-04');
    expect(qifDate('7/4/68', 'MDY')).toBe('2068-07-04');
    expect(qifDate("12/31'2019", 'MDY')).toBe('2019-12-31');
  });

  test('year-first dates need no order; impossible days are refused', () => {
    expect(qifDate('2020-6-4', 'DMY')).toBe('2020-06-04');
    expect(qifDate('2020/06/04', 'MDY')).toBe('2020-06-04');
    expect(qifDate('2021-02-29', 'MDY')).toBeNull();
    expect(qifDate('13/13/2020', 'DMY')).toBeNull();
    expect(qifDate('yesterday', 'MDY')).toBeNull();
  });

  test('the order is voted by the dates that can only be read one way', () => {
    expect(detectDateOrder(['01/02/2020', '03/04/2020'])).toBeNull();
    expect(detectDateOrder(['01/02/2020', '13/04/2020'])).toBe('DMY');
    expect(detectDateOrder(['01/13/2020', '2020-12-25'])).toBe('MDY');
    // a stray day-first date in a month-first file is outvoted
    expect(detectDateOrder(['01/13/2020', '01/14/2020', '13/01/2020'])).toBe('MDY');
  });
});

test('amount text: separators, signs and what is not a number', () => {
  const cases: [string, 'decimal' | 'thousands', string | null][] = [
    ['-1,234.56', 'thousands', '-1234.56'],
    ['1.234,56', 'thousands', '1234.56'],
    ['1,234', 'thousands', '1234'],
    ['1,234', 'decimal', '1.234'],
    ['12,50', 'thousands', '12.50'],
    ['1,234,567.8', 'decimal', '1234567.8'],
    ['1.234.567', 'thousands', '1234567'],
    [' +007.10 ', 'decimal', '7.10'],
    ['-0.00', 'decimal', '0.00'],
    ['-.5', 'decimal', '-0.5'],
    ["1'234.50", 'thousands', '1234.50'],
    ['12,34,56', 'thousands', null],
    ['1.2.3,4', 'thousands', null],
    ['$120', 'decimal', null],
    ['12-', 'decimal', null],
    ['', 'decimal', null],
  ];
  for (const [text, loneComma, expected] of cases) expect([text, plainDecimal(text, loneComma)]).toEqual([text, expected]);
});

test('100 000 records parse, each on its own line number', () => {
  const records = Array.from({ length: 100_000 }, (_, i) => `D${(i % 12) + 1}/${(i % 28) + 1}'24\nT-1,2${String(i % 100).padStart(2, '0')}.50\nPShop ${i}\nLFood:Groceries\n^`);
  const bytes = Buffer.from(`!Type:Bank\n${records.join('\n')}\n`);
  const rows = parseQif(bytes).statements[0].rows;
  expect(rows).toHaveLength(100_000);
  expect(rows[99_999]).toEqual({
    line: 2 + 5 * 99_999, date: '2024-04-12', amount: '-1299.50', description: 'Shop 99999', notes: '', externalId: null, category: 'Food:Groceries', transferAccount: null, error: null,
  });
});
