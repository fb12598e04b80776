import { describe, expect, it } from 'vitest';
import { commitArguments, commitOutcome, isTicked, withTick, type SelectableRow } from './import-selection';

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
