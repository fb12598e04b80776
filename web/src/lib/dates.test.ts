import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, monthsBetween, presetOf, presetRange, todayISO, trendRange } from './dates';

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

  it('lists the twelve months of the trend chart', () => {
    const range = trendRange('2025-03-31');
    expect(range).toEqual({ from: '2024-04-01', to: '2025-03-31' });
    const months = monthsBetween(range.from, range.to);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2024-04');
    expect(months[11]).toBe('2025-03');
  });
});
