// Which preview rows a commit writes. Each row has a default (ImportPreviewRow.included: NEW and
// MATCHED rows); the user's ticks are kept only where they differ from it, by line, so rows not yet
// loaded keep their default.
import type { ImportRowStatus } from '../graphql/generated/graphql';

export interface SelectableRow {
  line: number;
  status: ImportRowStatus;
  included: boolean;
}

/** line → the user's tick, for rows ticked differently from their default; with the row's status. */
export type Toggles = ReadonlyMap<number, { ticked: boolean; status: ImportRowStatus }>;

/** No row ticked differently from its default. */
export const NO_TOGGLES: Toggles = new Map();

export function isTicked(row: SelectableRow, toggles: Toggles): boolean {
  if (row.status === 'INVALID') return false;
  return toggles.get(row.line)?.ticked ?? row.included;
}

/** The toggles after the user ticks (or unticks) a row; INVALID rows cannot be ticked. */
export function withTick(toggles: Toggles, row: SelectableRow, ticked: boolean): Toggles {
  const next = new Map(toggles);
  if (row.status === 'INVALID' || ticked === row.included) next.delete(row.line);
  else next.set(row.line, { ticked, status: row.status });
  return next;
}

/**
 * commitImport's exclude and alsoInclude: the default-included lines the user unticked, and the lines
 * ticked that are not included by default (DUPLICATEs to write as new). Rows never loaded on screen
 * keep their default, so nothing else needs naming.
 */
export function commitArguments(toggles: Toggles, linkTransfers: readonly number[] = []): { exclude?: number[]; alsoInclude?: number[]; linkTransfers?: number[] } {
  const exclude: number[] = [];
  const alsoInclude: number[] = [];
  for (const [line, { ticked }] of toggles) (ticked ? alsoInclude : exclude).push(line);
  const sorted = (lines: number[]) => lines.sort((a, b) => a - b);
  return {
    ...(exclude.length ? { exclude: sorted(exclude) } : {}),
    ...(alsoInclude.length ? { alsoInclude: sorted(alsoInclude) } : {}),
    ...(linkTransfers.length ? { linkTransfers: sorted([...linkTransfers]) } : {}),
  };
}

/** A row the server offered another account's transaction for, as its other leg. */
export interface SuggestedRow extends SelectableRow {
  transferSuggestion?: unknown;
}

/** Whether the row will be linked with its suggestion: offered, not refused, and the row itself written. */
export function isLinked(row: SuggestedRow, toggles: Toggles, unlinked: ReadonlySet<number>): boolean {
  return row.status === 'NEW' && Boolean(row.transferSuggestion) && !unlinked.has(row.line) && isTicked(row, toggles);
}

/** No suggestion refused. */
export const NO_UNLINKED: ReadonlySet<number> = new Set();

/** No row with a suggestion seen yet. */
export const NO_SUGGESTED: ReadonlyMap<number, never> = new Map<number, never>();

/** The rows with a suggestion seen so far, by line, with those of a page just loaded. */
export function withSuggested<Row extends SuggestedRow>(seen: ReadonlyMap<number, Row>, rows: readonly Row[]): ReadonlyMap<number, Row> {
  const offered = rows.filter((row) => row.transferSuggestion);
  return offered.length ? new Map([...seen, ...offered.map((row) => [row.line, row] as const)]) : seen;
}

/** The lines refused as transfers after the user ticks (or unticks) "Link as transfer" on one. */
export function withLink(unlinked: ReadonlySet<number>, line: number, linked: boolean): ReadonlySet<number> {
  const next = new Set(unlinked);
  if (linked) next.delete(line);
  else next.add(line);
  return next;
}

/**
 * commitImport's linkTransfers: the lines of the rows seen on screen that will be linked. The server
 * links only lines named, so a suggestion on a row never loaded is not accepted blindly.
 */
export function transferLines(rows: Iterable<SuggestedRow>, toggles: Toggles, unlinked: ReadonlySet<number>): number[] {
  const lines: number[] = [];
  for (const row of rows) if (isLinked(row, toggles, unlinked)) lines.push(row.line);
  return lines.sort((a, b) => a - b);
}

/** What a commit will do with these counts and toggles: rows created, linked, and left out. */
export function commitOutcome(counts: { newCount: number; duplicateCount: number; matchedCount: number; invalidCount: number }, toggles: Toggles) {
  let create = counts.newCount;
  let link = counts.matchedCount;
  for (const { ticked, status } of toggles.values()) {
    if (status === 'NEW') create -= ticked ? 0 : 1;
    else if (status === 'MATCHED') link -= ticked ? 0 : 1;
    else if (status === 'DUPLICATE' && ticked) create += 1;
  }
  const total = counts.newCount + counts.duplicateCount + counts.matchedCount + counts.invalidCount;
  return { create, link, skip: total - create - link };
}
