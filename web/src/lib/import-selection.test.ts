import { describe, expect, it } from 'vitest';
import { commitArguments, commitOutcome, isTicked, needsDefaultLines, withTick, type SelectableRow } from './import-selection';

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
    expect(needsDefaultLines(toggles)).toBe(false);
    expect(commitArguments(toggles)).toEqual({ exclude: [3, 7] });
  });

  it('names every default row in include once a duplicate is ticked, since include replaces the defaults', () => {
    const toggles = withTick(withTick(new Map(), row(4, 'DUPLICATE'), true), row(3, 'NEW'), false);
    expect(needsDefaultLines(toggles)).toBe(true);
    expect(() => commitArguments(toggles)).toThrow();
    // Rows 2, 3 and 9 are included by default; 9 was never loaded on screen and keeps its default.
    expect(commitArguments(toggles, [2, 3, 9])).toEqual({ include: [2, 3, 4, 9], exclude: [3] });
  });

  it('says what a commit will do with the toggles', () => {
    expect(commitOutcome(counts, new Map())).toEqual({ create: 3, link: 1, skip: 3 });
    let toggles = withTick(new Map(), row(2, 'NEW'), false);
    toggles = withTick(toggles, row(6, 'MATCHED'), false);
    toggles = withTick(toggles, row(4, 'DUPLICATE'), true);
    expect(commitOutcome(counts, toggles)).toEqual({ create: 3, link: 0, skip: 4 });
  });
});
