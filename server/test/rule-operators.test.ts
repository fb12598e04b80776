import { startTestApp, type RunningApp } from './support/test-app';
import { splitHouseholdOf, type SplitHousehold } from './support/households';
import { cents, sortIds, UPDATE_LEDGER_TRANSACTION } from './support/transfers';
import { action, folded, importCsv, listedOf, previewOf, ruleInput, setCategory, when, type Condition, type Listed } from './support/rules';

/**
 * Issue 18: every condition operator on every field type, each checked through previewRule over
 * transactions made through the API, against the match set the test computes itself.
 */
let running: RunningApp;
let h: SplitHousehold;
let rows: Listed[];

/** The fixture: texts with and without accents and case, amounts around -9.99 and -10, four accounts, dates on known weekdays. */
const TYPED = (h: SplitHousehold) => [
  { accountId: h.checking, date: '2025-03-01', amount: '-4.50', description: 'Café de Flore', notes: 'croissant', categoryId: h.groceries },
  { accountId: h.checking, date: '2025-03-03', amount: '-9.99', description: 'CAFE NERO' },
  { accountId: h.cash, date: '2025-03-04', amount: '-9.60', description: 'Tesco Stores 123', notes: 'Weekly shop', categoryId: h.groceries },
  { accountId: h.cash, date: '2025-03-15', amount: '-10.00', description: 'tesco express', notes: 'Crème brûlée', categoryId: h.pharmacy },
  { accountId: h.savings, date: '2025-03-16', amount: '-10.55', description: 'ALDI SÜD' },
  { accountId: h.euro, date: '2025-03-31', amount: '-9.99', description: 'Spotify', notes: 'family plan', categoryId: h.pharmacy },
  { accountId: h.checking, date: '2025-04-01', amount: '-100.00', description: 'Spotify Premium' },
  { accountId: h.checking, date: '2025-04-15', amount: '-50.00', description: 'Rent' },
  { accountId: h.checking, date: '2025-04-30', amount: '-75.25', description: 'Pharmacy ALDI', notes: 'aspirin', categoryId: h.pharmacy },
  { accountId: h.savings, date: '2025-05-01', amount: '2500.00', description: 'Salary ACME', categoryId: h.salary },
  { accountId: h.cash, date: '2025-05-15', amount: '9.99', description: 'Refund spotify' },
  { accountId: h.checking, date: '2024-12-31', amount: '-100.01', description: '', notes: 'no description' },
];

beforeAll(async () => {
  running = await startTestApp();
  h = await splitHouseholdOf(running);
  for (const input of TYPED(h)) await h.client.ok('mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }', { input });
  // Two imported rows: the bank's text is the imported description; the user renames the first.
  await importCsv(h.client, h.checking, ['Date,Description,Amount', '2025-06-02,AMZN MKTP US*2K4,-23.99', '2025-06-03,PAYPAL *SPOTIFY,-9.99']);
  const amazon = (await listedOf(h.client)).find((row) => row.importedDescription === 'AMZN MKTP US*2K4')!;
  await h.client.ok(UPDATE_LEDGER_TRANSACTION, { id: amazon.id, input: { description: 'Amazon' } });
  rows = await listedOf(h.client);
  expect(rows).toHaveLength(14);
});
afterAll(() => running.destroy());

/** ISO weekday (Monday 1 … Sunday 7) of a date, and its day of the month. */
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
const dayOfMonth = (date: string) => Number(date.slice(8, 10));
const text = (field: 'description' | 'importedDescription' | 'notes') => (row: Listed) => folded(row[field]);
const description = text('description');

type Case = [string, () => Condition, (row: Listed) => boolean];

const textCases: Case[] = [
  ['IS, case aside', () => when('DESCRIPTION', 'IS', 'cafe nero'), (r) => description(r) === 'cafe nero'],
  ['IS, accents aside ("Café" in the rule, "CAFE" in the row)', () => when('DESCRIPTION', 'IS', 'Café Nero'), (r) => description(r) === 'cafe nero'],
  ['IS_NOT', () => when('DESCRIPTION', 'IS_NOT', 'CAFÉ NERO'), (r) => description(r) !== 'cafe nero'],
  ['CONTAINS "Café" matches "CAFE"', () => when('DESCRIPTION', 'CONTAINS', 'Café'), (r) => description(r).includes('cafe')],
  ['NOT_CONTAINS', () => when('DESCRIPTION', 'NOT_CONTAINS', 'TESCO'), (r) => !description(r).includes('tesco')],
  ['STARTS_WITH', () => when('DESCRIPTION', 'STARTS_WITH', 'TESCO'), (r) => description(r).startsWith('tesco')],
  ['NOT_STARTS_WITH', () => when('DESCRIPTION', 'NOT_STARTS_WITH', 'spotify'), (r) => !description(r).startsWith('spotify')],
  ['ENDS_WITH "sud" matches "SÜD"', () => when('DESCRIPTION', 'ENDS_WITH', 'sud'), (r) => description(r).endsWith('sud')],
  ['NOT_ENDS_WITH', () => when('DESCRIPTION', 'NOT_ENDS_WITH', 'Aldi'), (r) => !description(r).endsWith('aldi')],
  ['ONE_OF, whole texts', () => when('DESCRIPTION', 'ONE_OF', '["spotify","RENT"]'), (r) => ['spotify', 'rent'].includes(description(r))],
  ['NOT_ONE_OF', () => when('DESCRIPTION', 'NOT_ONE_OF', '["Spotify","rent","Café de flore"]'), (r) => !['spotify', 'rent', 'cafe de flore'].includes(description(r))],
  ['IS_EMPTY', () => when('DESCRIPTION', 'IS_EMPTY'), (r) => r.description === ''],
  ['IS_NOT_EMPTY', () => when('DESCRIPTION', 'IS_NOT_EMPTY'), (r) => r.description !== ''],
  ['NOTES CONTAINS "creme" matches "Crème"', () => when('NOTES', 'CONTAINS', 'creme'), (r) => text('notes')(r).includes('creme')],
  ['NOTES IS_EMPTY', () => when('NOTES', 'IS_EMPTY'), (r) => r.notes === ''],
  ['NOTES NOT_CONTAINS', () => when('NOTES', 'NOT_CONTAINS', 'shop'), (r) => !text('notes')(r).includes('shop')],
  ['IMPORTED_DESCRIPTION: the bank’s text, not the renamed description', () => when('IMPORTED_DESCRIPTION', 'STARTS_WITH', 'amzn'), (r) => text('importedDescription')(r).startsWith('amzn')],
  ['IMPORTED_DESCRIPTION CONTAINS: typed rows have none', () => when('IMPORTED_DESCRIPTION', 'CONTAINS', 'spotify'), (r) => text('importedDescription')(r).includes('spotify')],
  ['IMPORTED_DESCRIPTION IS_EMPTY: the typed rows', () => when('IMPORTED_DESCRIPTION', 'IS_EMPTY'), (r) => r.importedDescription === ''],
];

const amount = (r: Listed) => cents(r.amount);
const within = (value: number, percent: number) => (r: Listed) => Math.abs(amount(r) - value) <= (Math.abs(value) * percent) / 100;
const amountCases: Case[] = [
  ['IS, in each row’s own currency', () => when('AMOUNT', 'IS', '-9.99'), (r) => amount(r) === -999],
  ['IS a positive amount', () => when('AMOUNT', 'IS', '9.99'), (r) => amount(r) === 999],
  ['IS_NOT', () => when('AMOUNT', 'IS_NOT', '-9.99'), (r) => amount(r) !== -999],
  ['GT is strict', () => when('AMOUNT', 'GT', '-10'), (r) => amount(r) > -1000],
  ['LT is strict', () => when('AMOUNT', 'LT', '-10.00'), (r) => amount(r) < -1000],
  ['BETWEEN is inclusive', () => when('AMOUNT', 'BETWEEN', '["-100","-50"]'), (r) => amount(r) >= -10000 && amount(r) <= -5000],
  ['BETWEEN in either order', () => when('AMOUNT', 'BETWEEN', '["-50.00","-100.00"]'), (r) => amount(r) >= -10000 && amount(r) <= -5000],
  ['APPROX: within 5 %', () => when('AMOUNT', 'APPROX', '-9.99'), within(-999, 5)],
  ['APPROX: within the percent given', () => when('AMOUNT', 'APPROX', '["-9.99","10"]'), within(-999, 10)],
  ['MONEY_IN', () => when('AMOUNT', 'MONEY_IN'), (r) => amount(r) > 0],
  ['MONEY_OUT', () => when('AMOUNT', 'MONEY_OUT'), (r) => amount(r) < 0],
];

const idCases: Case[] = [
  ['ACCOUNT IS', () => when('ACCOUNT', 'IS', h.checking), (r) => r.account.id === h.checking],
  ['ACCOUNT IS_NOT', () => when('ACCOUNT', 'IS_NOT', h.checking), (r) => r.account.id !== h.checking],
  ['ACCOUNT ONE_OF', () => when('ACCOUNT', 'ONE_OF', JSON.stringify([h.cash, h.euro])), (r) => [h.cash, h.euro].includes(r.account.id)],
  ['ACCOUNT NOT_ONE_OF', () => when('ACCOUNT', 'NOT_ONE_OF', JSON.stringify([h.cash, h.euro])), (r) => ![h.cash, h.euro].includes(r.account.id)],
  ['CATEGORY IS', () => when('CATEGORY', 'IS', h.groceries), (r) => r.category?.id === h.groceries],
  ['CATEGORY IS_NOT: uncategorised rows are not in it either', () => when('CATEGORY', 'IS_NOT', h.groceries), (r) => r.category?.id !== h.groceries],
  ['CATEGORY ONE_OF', () => when('CATEGORY', 'ONE_OF', JSON.stringify([h.groceries, h.salary])), (r) => [h.groceries, h.salary].includes(r.category?.id ?? '')],
  ['CATEGORY NOT_ONE_OF', () => when('CATEGORY', 'NOT_ONE_OF', JSON.stringify([h.groceries, h.salary])), (r) => ![h.groceries, h.salary].includes(r.category?.id ?? '')],
  ['CATEGORY IS_EMPTY', () => when('CATEGORY', 'IS_EMPTY'), (r) => r.category === null],
  ['CATEGORY IS_NOT_EMPTY', () => when('CATEGORY', 'IS_NOT_EMPTY'), (r) => r.category !== null],
];

const dateCases: Case[] = [
  ['IS', () => when('DATE', 'IS', '2025-03-15'), (r) => r.date === '2025-03-15'],
  ['BETWEEN is inclusive', () => when('DATE', 'BETWEEN', '["2025-03-01","2025-03-31"]'), (r) => r.date >= '2025-03-01' && r.date <= '2025-03-31'],
  ['GT is strict', () => when('DATE', 'GT', '2025-04-15'), (r) => r.date > '2025-04-15'],
  ['LT is strict', () => when('DATE', 'LT', '2025-03-04'), (r) => r.date < '2025-03-04'],
  ['WEEKDAY: Monday is 1', () => when('DATE', 'WEEKDAY', '1'), (r) => weekday(r.date) === 1],
  ['WEEKDAY of a list: the weekend', () => when('DATE', 'WEEKDAY', '["6","7"]'), (r) => weekday(r.date) >= 6],
  ['DAY_OF_MONTH', () => when('DATE', 'DAY_OF_MONTH', '1'), (r) => dayOfMonth(r.date) === 1],
  ['DAY_OF_MONTH of a list', () => when('DATE', 'DAY_OF_MONTH', '["15","31"]'), (r) => [15, 31].includes(dayOfMonth(r.date))],
];

/** The rows a single-condition rule matches, as previewRule lists them, checked against its count. */
async function previewMatches(condition: Condition): Promise<string[]> {
  const preview = await previewOf(h.client, ruleInput([condition], [setCategory(h.groceries)]));
  const ids = preview.changes.map((change) => change.transaction.id);
  expect(preview.matchCount).toBe(ids.length);
  return sortIds(ids);
}

describe.each([
  ['text', textCases],
  ['amount', amountCases],
  ['account and category', idCases],
  ['date', dateCases],
])('%s operators', (_kind, cases) => {
  test.each(cases)('%s', async (_name, condition, expected) => {
    const wanted = sortIds(rows.filter(expected).map((row) => row.id));
    // Each case tells rows apart: some match, some do not.
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThan(rows.length);
    expect(await previewMatches(condition())).toEqual(wanted);
  });
});

test('matchAll: every condition must hold; without it, any one', async () => {
  const conditions = [when('DESCRIPTION', 'CONTAINS', 'spotify'), when('AMOUNT', 'MONEY_OUT')];
  const all = await previewOf(h.client, ruleInput(conditions, [setCategory(h.groceries)]));
  const any = await previewOf(h.client, ruleInput(conditions, [setCategory(h.groceries)], { matchAll: false }));
  const spotify = (r: Listed) => description(r).includes('spotify');
  expect(sortIds(all.changes.map((c) => c.transaction.id))).toEqual(sortIds(rows.filter((r) => spotify(r) && amount(r) < 0).map((r) => r.id)));
  expect(sortIds(any.changes.map((c) => c.transaction.id))).toEqual(sortIds(rows.filter((r) => spotify(r) || amount(r) < 0).map((r) => r.id)));
});

test('previewRule lists the newest rows first, `first` of them, and counts them all', async () => {
  const input = ruleInput([when('AMOUNT', 'MONEY_OUT')], [action('APPEND_NOTES', 'seen')]);
  const preview = await previewOf(h.client, input, undefined, 3);
  const outflows = rows.filter((r) => amount(r) < 0);
  expect(preview.matchCount).toBe(outflows.length);
  expect(preview.changes).toHaveLength(3);
  const newest = [...outflows].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 3).map((r) => r.date);
  expect(preview.changes.map((c) => rows.find((r) => r.id === c.transaction.id)!.date)).toEqual(newest);
});
