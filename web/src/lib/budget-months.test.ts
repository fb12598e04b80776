import { describe, expect, it } from 'vitest';
import { budgetMonthOf, currentMonth, monthName, parseMonth, recentMonths, shiftMonth } from './budget-months';

describe('budget months', () => {
  it('read "YYYY-MM" and nothing else', () => {
    expect(parseMonth('2026-03')).toEqual({ year: 2026, month: 3 });
    expect(parseMonth('2026-12')).toEqual({ year: 2026, month: 12 });
    for (const bad of ['2026-13', '2026-00', '2026-3', '26-03', '2026-03-01', ' 2026-03', '2026/03', 'sample-month', '0000-01', '']) {
      expect({ bad, parsed: parseMonth(bad) }).toEqual({ bad, parsed: null });
    }
  });

  it('step forward and back across years', () => {
    expect(shiftMonth('2026-03', 1)).toBe('2026-04');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-01', -13)).toBe('2024-12');
    expect(shiftMonth('2026-05', 20)).toBe('2028-01');
    expect(shiftMonth('2026-05', 0)).toBe('2026-05');
    expect(shiftMonth('0999-12', 1)).toBe('1000-01');
    expect(() => shiftMonth('2026-13', 1)).toThrow(/not a month/);
  });

  it('take this month from the local calendar', () => {
    expect(currentMonth(new Date(2026, 0, 31, 23, 59))).toBe('2026-01');
    expect(currentMonth(new Date(2025, 11, 1))).toBe('2025-12');
  });

  it('name a month for the title without a time zone moving it', () => {
    expect(monthName('2026-03', 'en-US')).toBe('March 2026');
    expect(monthName('2025-12', 'en-US', 'short')).toBe('Dec 2025');
    expect(monthName('2026-01', 'de-DE')).toBe('Januar 2026');
    expect(monthName('nonsense', 'en-US')).toBe('nonsense');
  });

  it('pick the dashboard period’s budget month', () => {
    const now = new Date(2026, 5, 15); // June 2026
    expect(budgetMonthOf({ from: '2026-06-01', to: '2026-06-30' }, now)).toBe('2026-06');
    expect(budgetMonthOf({ from: '2026-05-01', to: '2026-05-31' }, now)).toBe('2026-05');
    expect(budgetMonthOf({ from: '2026-01-01', to: '2026-12-31' }, now)).toBe('2026-06');
    expect(budgetMonthOf({ from: '2025-07-01', to: '2026-06-30' }, now)).toBe('2026-06');
    expect(budgetMonthOf({ from: '2025-01-01', to: '2025-12-31' }, now)).toBe('2025-12');
  });

  it('give a category’s recent months up to next month', () => {
    expect(recentMonths('2026-03')).toEqual({ from: '2025-10', to: '2026-04' });
    expect(recentMonths('2026-12', 3)).toEqual({ from: '2026-11', to: '2027-01' });
  });
});
