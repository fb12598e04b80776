import { createHash } from 'node:crypto';
import { candidateDateRange, classifyRows, DuplicateClassification, fingerprint, normaliseDescription, type DuplicateCandidate, type RowToClassify } from '../src/modules/imports/duplicates';

/** The duplicate rules of issue 16, each as a story about a file and an account's transactions. */

const row = (date: string, amount: bigint, description: string, externalId: string | null = null): RowToClassify => ({ date, amount, description, externalId });

let nextId = 1;
/** A transaction that an earlier import created (its raw text kept, its batch known). */
const imported = (date: string, amount: bigint, importedDescription: string, externalId: string | null = null): DuplicateCandidate => ({
  id: nextId++,
  date,
  amount,
  importedDescription,
  description: importedDescription,
  externalId,
  importFingerprint: fingerprint(date, amount, importedDescription),
  claimed: true,
});
/** A transaction the user typed in. */
const typed = (date: string, amount: bigint, description: string): DuplicateCandidate => ({
  id: nextId++,
  date,
  amount,
  importedDescription: '',
  description,
  externalId: null,
  importFingerprint: null,
  claimed: false,
});

/** What an import of `rows` writes: the candidates the next import sees (every row NEW becomes an imported transaction). */
function afterImport(rows: RowToClassify[], existing: DuplicateCandidate[]): DuplicateCandidate[] {
  const statuses = classifyRows(rows, existing);
  const next = existing.map((candidate) => ({ ...candidate }));
  rows.forEach((r, index) => {
    const { status, transactionId } = statuses[index];
    if (status === 'NEW') next.push(imported(r.date, r.amount, r.description, r.externalId));
    if (status === 'MATCHED') {
      const linked = { claimed: true, importedDescription: r.description, externalId: r.externalId, importFingerprint: fingerprint(r.date, r.amount, r.description) };
      Object.assign(next.find((candidate) => candidate.id === transactionId)!, linked);
    }
  });
  return next;
}

const statusesOf = (rows: RowToClassify[], candidates: DuplicateCandidate[], windowDays?: number) => classifyRows(rows, candidates, { windowDays }).map((result) => result.status);

describe('fingerprint', () => {
  test('is the stored format: hex SHA-256 of date, amount and normalised text (imported transactions keep it)', () => {
    expect(fingerprint('2026-03-01', -350n, '  Coffee   SHOP ')).toBe(createHash('sha256').update('2026-03-01\u0000-350\u0000coffee shop').digest('hex'));
  });

  test('plain ASCII texts normalise as every other text does', () => {
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647);
    const alphabet = 'aZ 9.-*#/  ';
    for (let i = 0; i < 2000; i += 1) {
      const text = Array.from({ length: next() % 30 }, () => alphabet[next() % alphabet.length]).join('');
      expect(normaliseDescription(text)).toBe(text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim());
    }
  });

  test('ignores case, accents and blanks, but not the date, the amount or the words', () => {
    expect(normaliseDescription('  CAFÉ   de la\tGare ')).toBe('cafe de la gare');
    expect(fingerprint('2026-03-01', -450n, 'Café  de la Gare')).toBe(fingerprint('2026-03-01', -450n, 'CAFE DE LA GARE'));
    expect(fingerprint('2026-03-01', -450n, 'Café')).toHaveLength(64);
    expect(fingerprint('2026-03-01', -450n, 'Café')).not.toBe(fingerprint('2026-03-02', -450n, 'Café'));
    expect(fingerprint('2026-03-01', -450n, 'Café')).not.toBe(fingerprint('2026-03-01', -451n, 'Café'));
    expect(fingerprint('2026-03-01', -450n, 'Café')).not.toBe(fingerprint('2026-03-01', -450n, 'Cafés'));
  });
});

describe('exact: the bank’s id', () => {
  test('a row whose external id the account has is a duplicate of that transaction, whatever else changed', () => {
    const existing = imported('2026-03-01', -450n, 'Coffee', 'FIT-1');
    const [result] = classifyRows([row('2026-03-02', -451n, 'Coffee (corrected)', 'FIT-1')], [existing]);
    expect(result).toEqual({ status: 'DUPLICATE', transactionId: existing.id });
  });

  test('a row with a new external id is not a duplicate of a transaction with another id, even when identical', () => {
    expect(statusesOf([row('2026-03-01', -450n, 'Coffee', 'FIT-2')], [imported('2026-03-01', -450n, 'Coffee', 'FIT-1')])).toEqual(['NEW']);
  });

  test('a row with an id repeats an earlier import of the same row made without ids', () => {
    expect(statusesOf([row('2026-03-01', -450n, 'Coffee', 'FIT-2')], [imported('2026-03-01', -450n, 'coffee')])).toEqual(['DUPLICATE']);
  });
});

describe('re-import and overlap', () => {
  const january = [row('2026-01-05', -450n, 'Coffee'), row('2026-01-20', -12000n, 'Groceries'), row('2026-01-31', 250000n, 'Salary')];
  const februaryWithOverlap = [row('2026-01-20', -12000n, 'GROCERIES'), row('2026-01-31', 250000n, 'Salary'), row('2026-02-03', -450n, 'Coffee')];

  test('the same file twice creates nothing the second time', () => {
    const afterFirst = afterImport(january, []);
    expect(statusesOf(january, afterFirst)).toEqual(['DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
    expect(afterImport(january, afterFirst)).toHaveLength(3);
  });

  test('overlapping months create only the new rows', () => {
    const afterFirst = afterImport(january, []);
    expect(statusesOf(februaryWithOverlap, afterFirst)).toEqual(['DUPLICATE', 'DUPLICATE', 'NEW']);
  });

  test('the same file with ids twice: every row a duplicate by its id', () => {
    const withIds = january.map((r, index) => ({ ...r, externalId: `FIT-${index}` }));
    const afterFirst = afterImport(withIds, []);
    const results = classifyRows(withIds, afterFirst);
    expect(results.map((result) => result.status)).toEqual(['DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
    expect(new Set(results.map((result) => result.transactionId)).size).toBe(3);
  });
});

describe('identical rows', () => {
  const twoCoffees = [row('2026-03-01', -450n, 'Coffee'), row('2026-03-01', -450n, 'Coffee')];

  test('identical rows inside one file are all kept: two coffees on one day are two coffees', () => {
    expect(statusesOf(twoCoffees, [])).toEqual(['NEW', 'NEW']);
  });

  test('the n-th identical row is a duplicate only when the account already has n of them', () => {
    const afterOne = afterImport([twoCoffees[0]], []);
    expect(statusesOf(twoCoffees, afterOne)).toEqual(['DUPLICATE', 'NEW']);
    const afterBoth = afterImport(twoCoffees, afterOne);
    expect(afterBoth).toHaveLength(2);
    expect(statusesOf([...twoCoffees, twoCoffees[0]], afterBoth)).toEqual(['DUPLICATE', 'DUPLICATE', 'NEW']);
  });

  test('a repeated external id inside one file is kept twice, and both repeat on the next import', () => {
    const rows = [row('2026-03-01', -450n, 'Coffee', 'FIT-9'), row('2026-03-01', -450n, 'Coffee', 'FIT-9')];
    const afterFirst = afterImport(rows, []);
    expect(afterFirst).toHaveLength(2);
    expect(statusesOf(rows, afterFirst)).toEqual(['DUPLICATE', 'DUPLICATE']);
  });
});

describe('fuzzy matching against what the user typed', () => {
  test('the same amount within the window matches; the date and the text may differ', () => {
    const coffee = typed('2026-03-01', -450n, 'coffee with Ann');
    expect(classifyRows([row('2026-03-03', -450n, 'CARD 1234 STARBUCKS')], [coffee])).toEqual([{ status: 'MATCHED', transactionId: coffee.id }]);
  });

  test('the window: three days by default, configurable, never another amount', () => {
    const coffee = typed('2026-03-01', -450n, 'Coffee');
    expect(statusesOf([row('2026-03-04', -450n, 'Coffee')], [coffee])).toEqual(['MATCHED']);
    expect(statusesOf([row('2026-03-05', -450n, 'Coffee')], [coffee])).toEqual(['NEW']);
    expect(statusesOf([row('2026-02-26', -450n, 'Coffee')], [coffee])).toEqual(['MATCHED']);
    expect(statusesOf([row('2026-03-05', -450n, 'Coffee')], [coffee], 5)).toEqual(['MATCHED']);
    expect(statusesOf([row('2026-03-02', -450n, 'Coffee')], [coffee], 0)).toEqual(['NEW']);
    expect(statusesOf([row('2026-03-01', -451n, 'Coffee')], [coffee])).toEqual(['NEW']);
    expect(statusesOf([row('2026-03-01', 450n, 'Coffee')], [coffee])).toEqual(['NEW']);
  });

  test('across a month and a year end the window counts calendar days', () => {
    expect(statusesOf([row('2027-01-02', -450n, 'Coffee')], [typed('2026-12-30', -450n, 'Coffee')])).toEqual(['MATCHED']);
    expect(statusesOf([row('2024-03-01', -450n, 'Coffee')], [typed('2024-02-27', -450n, 'Coffee')])).toEqual(['MATCHED']);
    expect(statusesOf([row('2024-03-02', -450n, 'Coffee')], [typed('2024-02-27', -450n, 'Coffee')])).toEqual(['NEW']);
  });

  test('the nearest date first', () => {
    const far = typed('2026-03-01', -450n, 'Coffee');
    const near = typed('2026-03-04', -450n, 'Coffee');
    expect(classifyRows([row('2026-03-03', -450n, 'Coffee')], [far, near])).toEqual([{ status: 'MATCHED', transactionId: near.id }]);
  });

  test('at the same distance, the same description is preferred (case and accents aside)', () => {
    const tea = typed('2026-03-02', -450n, 'Tea');
    const cafe = typed('2026-03-04', -450n, 'Café');
    expect(classifyRows([row('2026-03-03', -450n, 'CAFE')], [tea, cafe])).toEqual([{ status: 'MATCHED', transactionId: cafe.id }]);
    expect(classifyRows([row('2026-03-03', -450n, 'TEA')], [tea, cafe])).toEqual([{ status: 'MATCHED', transactionId: tea.id }]);
  });

  test('a transaction is never claimed by two rows; each row takes its nearest free one', () => {
    const first = typed('2026-03-01', -450n, 'Coffee');
    const second = typed('2026-03-05', -450n, 'Coffee');
    const results = classifyRows([row('2026-03-02', -450n, 'Coffee'), row('2026-03-02', -450n, 'Coffee'), row('2026-03-02', -450n, 'Coffee')], [first, second]);
    expect(results).toEqual([
      { status: 'MATCHED', transactionId: first.id },
      { status: 'MATCHED', transactionId: second.id },
      { status: 'NEW', transactionId: null },
    ]);
  });

  test('the closer row wins a transaction two rows could take', () => {
    const coffee = typed('2026-03-05', -450n, 'Coffee');
    const results = classifyRows([row('2026-03-02', -450n, 'Coffee'), row('2026-03-05', -450n, 'Coffee')], [coffee]);
    expect(results.map((result) => result.status)).toEqual(['NEW', 'MATCHED']);
  });

  test('an imported transaction, or one with a bank id, is never matched again; a matched one repeats on re-import', () => {
    expect(statusesOf([row('2026-03-02', -450n, 'Coffee')], [imported('2026-03-01', -450n, 'Coffee')])).toEqual(['NEW']);
    const coffee = typed('2026-03-01', -450n, 'coffee');
    const rows = [row('2026-03-02', -450n, 'CARD STARBUCKS', 'FIT-1')];
    const afterFirst = afterImport(rows, [coffee]);
    expect(afterFirst).toHaveLength(1);
    expect(classifyRows(rows, afterFirst)).toEqual([{ status: 'DUPLICATE', transactionId: coffee.id }]);
    expect(classifyRows([{ ...rows[0], externalId: null }], afterFirst)).toEqual([{ status: 'DUPLICATE', transactionId: coffee.id }]);
  });

  test('a re-import repeats a transaction whose date and amount the user changed since', () => {
    const rows = [row('2026-03-01', -450n, 'Coffee')];
    const edited = afterImport(rows, []).map((candidate) => ({ ...candidate, date: '2026-03-09', amount: -500n, description: 'Coffee with Ann' }));
    expect(statusesOf(rows, edited)).toEqual(['DUPLICATE']);
  });

  test('a transaction a row repeats is not matched by another row', () => {
    const existing = imported('2026-03-01', -450n, 'Coffee', 'FIT-1');
    expect(statusesOf([row('2026-03-01', -450n, 'Coffee', 'FIT-1'), row('2026-03-01', -450n, 'Coffee')], [existing])).toEqual(['DUPLICATE', 'NEW']);
  });
});

describe('scale and the candidate range', () => {
  test('the date range of the candidates is the rows’ widened by the window', () => {
    expect(candidateDateRange([])).toBeNull();
    expect(candidateDateRange([row('2026-03-10', 1n, ''), row('2026-01-01', 1n, ''), row('2026-02-01', 1n, '')])).toEqual({ from: '2025-12-29', to: '2026-03-13' });
    expect(candidateDateRange([row('2026-03-10', 1n, '')], { windowDays: 0 })).toEqual({ from: '2026-03-10', to: '2026-03-10' });
  });

  // Its speed is the benchmark's (scripts/bench/imports.mjs); here, that it answers at this size.
  test('100 000 rows (ten years of a busy account) against as many transactions each find their own', () => {
    const rows: RowToClassify[] = [];
    const candidates: DuplicateCandidate[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const date = new Date(Date.UTC(2016, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
      const amount = -BigInt(100 + (i % 997));
      rows.push(row(date, amount, `Shop ${i % 200}`));
      candidates.push(i % 2 ? typed(date, amount, `Shop ${i % 200}`) : imported(date, amount, `Shop ${i % 200}`));
    }
    const results = classifyRows(rows, candidates);
    expect(results.filter((result) => result.status === 'NEW')).toHaveLength(0);
    expect(new Set(results.map((result) => result.transactionId)).size).toBe(100_000);
  });

  test('the rules over slices of rows, each with the candidates its rows name, answer as one pass over everything', () => {
    // A small world where every rule has work and the slices cut through repeated ids and texts.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 16807) % 2147483647;
      return seed % n;
    };
    const date = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    const rows: RowToClassify[] = [];
    const candidates: DuplicateCandidate[] = [];
    for (let i = 0; i < 400; i += 1) {
      const day = random(30);
      const amount = -BigInt(100 + random(6));
      const text = `Shop ${random(5)}`;
      const externalId = random(3) === 0 ? `FIT-${random(40)}` : null;
      rows.push({ ...row(date(day), amount, text, externalId), fingerprint: fingerprint(date(day), amount, text) });
      const kind = random(4);
      if (kind === 0) candidates.push(imported(date(random(30)), amount, text, random(2) ? `FIT-${random(40)}` : null));
      else if (kind === 1) candidates.push(typed(date(day + random(7) - 3), amount, text));
      else if (kind === 2) candidates.push({ ...imported(date(day), amount, text), importFingerprint: null });
    }
    const whole = classifyRows(rows, candidates);
    expect(new Set(whole.map((result) => result.status))).toEqual(new Set(['NEW', 'DUPLICATE', 'MATCHED']));

    const sliced = new DuplicateClassification(rows);
    const slices = [0, 37, 150, 151, 290, 400];
    const eachSlice = (work: (from: number, to: number) => void) => slices.slice(0, -1).forEach((from, i) => work(from, slices[i + 1]));
    const unprinted = candidates.filter((candidate) => candidate.importFingerprint === null);
    eachSlice((from, to) => {
      const ids = new Set(rows.slice(from, to).map((r) => r.externalId));
      sliced.byExternalId(candidates.filter((candidate) => candidate.externalId !== null && ids.has(candidate.externalId)), from, to);
    });
    eachSlice((from, to) => {
      const prints = new Set(rows.slice(from, to).filter((_, i) => sliced.isOpen(from + i)).map((r) => r.fingerprint));
      sliced.byFingerprint([...candidates.filter((candidate) => prints.has(candidate.importFingerprint ?? null)), ...unprinted], from, to);
    });
    sliced.byNearDate(unprinted);
    expect(sliced.results).toEqual(whole);
  });
});
