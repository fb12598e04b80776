import { describe, expect, it } from 'vitest';
import { commitArguments, commitOutcome, isLinked, isTicked, transferLines, withLink, withTick, type SelectableRow, type SuggestedRow } from './import-selection';

const row = (line: number, status: SelectableRow['status']): SelectableRow => ({ line, status, included: status === 'NEW' || status === 'MATCHED' });
const counts = { newCount: 3, duplicateCount: 2, matchedCount: 1, invalidCount: 1 };

describe('choosing the rows a commit writes', () => {
  it('starts from each row’s default and keeps only the ticks that differ from it', () => {
    let toggles = withTick(new Map(), row(2, 'NEW'), false);
    expect(isTicked(row(2, 'NEW'), toggles)).toBe(false);
    expect(isTicked(row(3, 'NEW'), toggles)).toBe(true);
    expect(isTicked(row(4, 'DUPLICATE'), toggles)).toBe(false);
    toggles = withTick(toggles, row(2, 'NEW'), true);
    expect(toggles.size).toBe(0);
  });

  it('never ticks an INVALID row', () => {
    const toggles = withTick(new Map(), row(5, 'INVALID'), true);
    expect(toggles.size).toBe(0);
    expect(isTicked(row(5, 'INVALID'), toggles)).toBe(false);
  });

  it('sends nothing when nothing changed, and only exclude for unticked rows', () => {
    expect(commitArguments(new Map())).toEqual({});
    const toggles = withTick(withTick(new Map(), row(7, 'MATCHED'), false), row(3, 'NEW'), false);
    expect(commitArguments(toggles)).toEqual({ exclude: [3, 7] });
  });

  it('adds a ticked duplicate with alsoInclude, leaving every other row to its default', () => {
    let toggles = withTick(withTick(new Map(), row(8, 'DUPLICATE'), true), row(3, 'NEW'), false);
    toggles = withTick(toggles, row(4, 'DUPLICATE'), true);
    expect(commitArguments(toggles)).toEqual({ exclude: [3], alsoInclude: [4, 8] });
    // Unticked again: back to its default, so it is not named at all.
    expect(commitArguments(withTick(toggles, row(8, 'DUPLICATE'), false))).toEqual({ exclude: [3], alsoInclude: [4] });
  });

  it('says what a commit will do with the toggles', () => {
    expect(commitOutcome(counts, new Map())).toEqual({ create: 3, link: 1, skip: 3 });
    let toggles = withTick(new Map(), row(2, 'NEW'), false);
    toggles = withTick(toggles, row(6, 'MATCHED'), false);
    toggles = withTick(toggles, row(4, 'DUPLICATE'), true);
    expect(commitOutcome(counts, toggles)).toEqual({ create: 3, link: 0, skip: 4 });
  });
});

describe('linking rows with their suggested other legs', () => {
  const suggested = (line: number, status: SelectableRow['status'] = 'NEW'): SuggestedRow => ({ ...row(line, status), transferSuggestion: { id: `t${line}` } });

  it('links every offered NEW row by default, and only those', () => {
    const rows = [suggested(9), row(3, 'NEW'), suggested(4), suggested(5, 'DUPLICATE')];
    expect(transferLines(rows, new Map(), new Set())).toEqual([4, 9]);
    expect(isLinked(row(3, 'NEW'), new Map(), new Set())).toBe(false);
  });

  it('leaves out a row whose link the user unticked, until ticked again', () => {
    const rows = [suggested(2), suggested(4)];
    const unlinked = withLink(new Set(), 4, false);
    expect(transferLines(rows, new Map(), unlinked)).toEqual([2]);
    expect(transferLines(rows, new Map(), withLink(unlinked, 4, true))).toEqual([2, 4]);
  });

  it('never links a row left out of the import', () => {
    const toggles = withTick(new Map(), suggested(2), false);
    expect(isLinked(suggested(2), toggles, new Set())).toBe(false);
    expect(transferLines([suggested(2), suggested(6)], toggles, new Set())).toEqual([6]);
  });

  it('sends the lines as linkTransfers beside exclude, and nothing when there are none', () => {
    const toggles = withTick(new Map(), suggested(2), false);
    expect(commitArguments(toggles, [8, 6])).toEqual({ exclude: [2], linkTransfers: [6, 8] });
    expect(commitArguments(new Map(), [])).toEqual({});
  });
});
