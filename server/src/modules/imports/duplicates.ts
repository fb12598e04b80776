import { hash } from 'node:crypto';

/**
 * The duplicate rules of an import, pure: parsed rows and the account's candidate transactions in,
 * a status per row out. Nothing here reads the database; the repository reads the candidates.
 */

/** A parsed, valid row of the file: its amount already in minor units of the account's currency. */
export interface RowToClassify {
  date: string;
  amount: bigint;
  /** The bank's raw text for the row. */
  description: string;
  externalId: string | null;
  /** The app export's Id of the row: the transaction it was exported from (read owner-scoped, in the account, as a candidate). */
  exportedId?: number | null;
  /** fingerprint(date, amount, description), when the caller has it already (else computed here). */
  fingerprint?: string | null;
}

/** An existing transaction of the account that a row may repeat or match. */
export interface DuplicateCandidate {
  id: number;
  date: string;
  amount: bigint;
  /** The bank's raw text when the transaction came from an import ('' when entered by hand; may be '' when it has a fingerprint, which says more). */
  importedDescription: string;
  /** The description the user sees (and may have edited); may be '' when claimed (only a typed transaction's is compared). */
  description: string;
  externalId: string | null;
  /** The fingerprint of the file row that created or matched it (null when typed in). */
  importFingerprint: string | null;
  /** Already imported or linked to an import: never matched again (it can only be repeated). */
  claimed: boolean;
}

type RowStatus = 'NEW' | 'DUPLICATE' | 'MATCHED';

export interface RowClassification {
  status: RowStatus;
  /** The transaction the row repeats (DUPLICATE) or links to (MATCHED); null for NEW. */
  transactionId: number | null;
}

export interface DuplicateOptions {
  /** How many days apart a row and a hand-entered transaction may be to match (default 3). */
  windowDays?: number;
}

const DEFAULT_MATCH_WINDOW_DAYS = 3;

/** Printable ASCII without tabs or line breaks: nothing to decompose, no marks, blanks are spaces. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Lower case, accents gone, blanks collapsed: what two renderings of the same bank text share. */
export function normaliseDescription(text: string): string {
  // Most bank texts are plain ASCII: the same answer in a third of the time (it runs for every row of a file).
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().replace(/ {2,}/g, ' ').trim();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The fingerprint of a row without the bank's id: its date, amount and normalised raw text (hex SHA-256, 64 characters). */
export function fingerprint(date: string, amount: bigint, description: string): string {
  // One-shot hashing (Node 20.12+): no Hash object per row.
  return hash('sha256', `${date}\u0000${amount.toString()}\u0000${normaliseDescription(description)}`, 'hex');
}

/**
 * Classifies each row, in order:
 * 0. Own id: a row of the app's export whose Id is a transaction of the account is a DUPLICATE of
 *    it, however the user edited it since (a typed one has no external id, an imported one the
 *    bank's): an export restored into its own account brings back only what was deleted.
 * 1. Exact: a row whose external id the account already has is a DUPLICATE of that transaction.
 * 2. Fingerprint: a row without a known external id whose (date, amount, raw text) equals the
 *    stored fingerprint of an imported transaction (without another external id) is a DUPLICATE,
 *    even when the user changed that transaction's date or amount since. Identical rows of one file
 *    are each a row of their own: the n-th is a duplicate only when the account has n such rows.
 *    The same counting holds for a repeated external id.
 * 3. Fuzzy: any other row MATCHES an unclaimed transaction of the same amount within the window:
 *    the nearest date first, then the same (normalised) description, then file order and the
 *    oldest transaction. No transaction is matched or repeated by two rows.
 * Anything left is NEW.
 */
export function classifyRows(rows: readonly RowToClassify[], candidates: readonly DuplicateCandidate[], options: DuplicateOptions = {}): RowClassification[] {
  const classification = new DuplicateClassification(rows, options);
  classification.byExportedId(candidates);
  classification.byExternalId(candidates);
  classification.byFingerprint(candidates);
  classification.byNearDate(candidates);
  return classification.results;
}

/**
 * classifyRows one rule at a time, each over the rows in slices with the candidates of that slice,
 * so a large file never needs all its candidates at once: the rules run in order over all the rows
 * (every slice of rule 1 before any of rule 2), and the candidates taken are remembered across
 * slices, which gives the same answer as one pass over everything.
 */
export class DuplicateClassification {
  readonly results: RowClassification[];
  private readonly used = new Set<number>();
  private readonly windowDays: number;

  constructor(
    private readonly rows: readonly RowToClassify[],
    options: DuplicateOptions = {},
  ) {
    this.windowDays = options.windowDays ?? DEFAULT_MATCH_WINDOW_DAYS;
    this.results = rows.map(() => ({ status: 'NEW', transactionId: null }));
  }

  /** Whether the row at this index is still NEW (the later rules and their candidates concern only those). */
  isOpen(index: number): boolean {
    return this.results[index].status === 'NEW';
  }

  /** Rule 0 for the rows from `from` to before `to`: the transaction the row was exported from, when it is a candidate. */
  byExportedId(candidates: readonly DuplicateCandidate[], from = 0, to = this.rows.length): void {
    const candidateById = new Map(candidates.map((candidate) => [candidate.id, candidate]));
    for (let index = from; index < to; index += 1) {
      const exportedId = this.rows[index].exportedId;
      if (exportedId == null || !this.isOpen(index)) continue;
      const candidate = candidateById.get(exportedId);
      if (!candidate || this.used.has(candidate.id)) continue;
      this.used.add(candidate.id);
      this.results[index] = { status: 'DUPLICATE', transactionId: candidate.id };
    }
  }

  /** Rule 1 for the rows from `from` to before `to`: the bank's own id, on this account. */
  byExternalId(candidates: readonly DuplicateCandidate[], from = 0, to = this.rows.length): void {
    const byExternalId = groupBy(
      byId(candidates).filter((candidate) => candidate.externalId !== null),
      (candidate) => candidate.externalId!,
    );
    for (let index = from; index < to; index += 1) {
      const row = this.rows[index];
      if (row.externalId === null || !this.isOpen(index)) continue;
      const repeated = takeFirstUnused(byExternalId.get(row.externalId), this.used);
      if (repeated) this.results[index] = { status: 'DUPLICATE', transactionId: repeated.id };
    }
  }

  /** Rule 2: the fingerprint of what was imported before (a transaction with another bank id is another row). */
  byFingerprint(candidates: readonly DuplicateCandidate[], from = 0, to = this.rows.length): void {
    const byFingerprint = groupBy(
      byId(candidates).filter((candidate) => candidate.claimed && !this.used.has(candidate.id)),
      (candidate) => candidate.importFingerprint ?? fingerprint(candidate.date, candidate.amount, candidate.importedDescription),
    );
    if (!byFingerprint.size) return;
    for (let index = from; index < to; index += 1) {
      const row = this.rows[index];
      if (!this.isOpen(index)) continue;
      const same = byFingerprint.get(row.fingerprint ?? fingerprint(row.date, row.amount, row.description));
      const repeated = takeFirstUnused(same, this.used, (candidate) => row.externalId === null || candidate.externalId === null);
      if (repeated) this.results[index] = { status: 'DUPLICATE', transactionId: repeated.id };
    }
  }

  /** Rule 3, over all the rows at once: hand-entered transactions of the same amount near the row's date, by date in each amount. */
  byNearDate(candidates: readonly DuplicateCandidate[]): void {
    const { windowDays, rows, results, used } = this;
    const open = new Map<string, { candidate: DuplicateCandidate; day: number; text: string }[]>();
    for (const candidate of byId(candidates)) {
      if (candidate.claimed || candidate.externalId !== null || used.has(candidate.id)) continue;
      const key = candidate.amount.toString();
      const group = open.get(key) ?? [];
      group.push({ candidate, day: dayNumber(candidate.date), text: normaliseDescription(candidate.description) });
      open.set(key, group);
    }
    if (!open.size) return;
    for (const group of open.values()) group.sort((a, b) => a.day - b.day || a.candidate.id - b.candidate.id);
    // Pairs go into one bucket per (distance, other text): taken bucket by bucket, each in file order,
    // they are in the order of the rule without sorting them all.
    const buckets: { row: number; candidate: DuplicateCandidate }[][] = Array.from({ length: 2 * (windowDays + 1) }, () => []);
    rows.forEach((row, index) => {
      if (results[index].status !== 'NEW') return;
      const group = open.get(row.amount.toString());
      if (!group) return;
      const day = dayNumber(row.date);
      const text = normaliseDescription(row.description);
      const pairs: { bucket: number; candidate: DuplicateCandidate }[] = [];
      for (let i = firstAtOrAfter(group, day - windowDays); i < group.length && group[i].day <= day + windowDays; i += 1) {
        pairs.push({ bucket: 2 * Math.abs(group[i].day - day) + (group[i].text === text ? 0 : 1), candidate: group[i].candidate });
      }
      pairs.sort((a, b) => a.bucket - b.bucket || a.candidate.id - b.candidate.id);
      for (const pair of pairs) buckets[pair.bucket].push({ row: index, candidate: pair.candidate });
    });
    for (const bucket of buckets) {
      for (const pair of bucket) {
        if (results[pair.row].status !== 'NEW' || used.has(pair.candidate.id)) continue;
        used.add(pair.candidate.id);
        results[pair.row] = { status: 'MATCHED', transactionId: pair.candidate.id };
      }
    }
  }
}

/** Oldest first: of several candidates, the rules take the oldest. */
function byId(candidates: readonly DuplicateCandidate[]): DuplicateCandidate[] {
  return [...candidates].sort((a, b) => a.id - b.id);
}

/** The widest date range whose transactions can repeat or match the rows: theirs, widened by the window. */
export function candidateDateRange(rows: readonly RowToClassify[], options: DuplicateOptions = {}): { from: string; to: string } | null {
  if (!rows.length) return null;
  const windowDays = options.windowDays ?? DEFAULT_MATCH_WINDOW_DAYS;
  let first = rows[0].date;
  let last = rows[0].date;
  for (const row of rows) {
    if (row.date < first) first = row.date;
    if (row.date > last) last = row.date;
  }
  return { from: dateOfDay(dayNumber(first) - windowDays), to: dateOfDay(dayNumber(last) + windowDays) };
}

/** The first index of the group (sorted by day) on or after the day. */
function firstAtOrAfter(group: readonly { day: number }[], day: number): number {
  let low = 0;
  let high = group.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (group[middle].day < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

function takeFirstUnused(
  candidates: readonly DuplicateCandidate[] | undefined,
  used: Set<number>,
  allowed: (candidate: DuplicateCandidate) => boolean = () => true,
): DuplicateCandidate | null {
  for (const candidate of candidates ?? []) {
    if (used.has(candidate.id) || !allowed(candidate)) continue;
    used.add(candidate.id);
    return candidate;
  }
  return null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
