import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, monthsBetween, presetOf, presetRange, selectedPreset, todayISO, trendRange } from './dates';

const now = new Date(2025, 2, 15); // 15 March 2025, local time

describe('dates', () => {
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('2025-03-01', 'en-US')).toBe('Mar 1, 2025');
    expect(formatDate('2025-03-01', 'de-DE')).toBe('01.03.2025');
    expect(formatMonth('2025-12', 'en-US')).toBe('Dec 2025');
    expect(todayISO(now)).toBe('2025-03-15');
  });

  it('computes the quick-pick periods', () => {
    expect(presetRange('this-month', now)).toEqual({ from: '2025-03-01', to: '2025-03-31' });
    expect(presetRange('last-month', now)).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(presetRange('this-year', now)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetRange('last-month', new Date(2025, 0, 10))).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(presetOf({ from: '2025-02-01', to: '2025-02-28' }, now)).toBe('last-month');
    expect(presetOf({ from: '2025-02-03', to: '2025-02-28' }, now)).toBe('custom');
  });

  it('selects only the quick pick chosen when two give the same dates, as in December', () => {
    const december = new Date(2025, 11, 10);
    const year = presetRange('this-year', december);
    expect(presetRange('last-12-months', december)).toEqual(year);
    expect(selectedPreset(year, 'last-12-months', december)).toBe('last-12-months');
    expect(selectedPreset(year, 'this-year', december)).toBe('this-year');
    expect(selectedPreset(year, null, december)).toBe('this-year');
    // A choice that no longer gives the range shown (the period came from the URL) does not stay lit.
    expect(selectedPreset({ from: '2025-02-01', to: '2025-02-28' }, 'last-12-months', now)).toBe('last-month');
    expect(selectedPreset(year, 'custom', december)).toBe('custom');
  });

  it('lists the twelve months of the trend chart', () => {
    const range = trendRange('2025-03-31');
    expect(range).toEqual({ from: '2024-04-01', to: '2025-03-31' });
    const months = monthsBetween(range.from, range.to);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2024-04');
    expect(months[11]).toBe('2025-03');
  });
});
