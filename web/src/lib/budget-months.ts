// Budget months are "YYYY-MM" strings, as on the wire: arithmetic on the numbers, no Date in
// between, so no time zone can move a month.
import type { DateRange } from './dates';

const pad = (value: number) => String(value).padStart(2, '0');

/** "2026-03" → { year: 2026, month: 3 }; null for anything else ("2026-13", "2026-3", "26-03"). */
export function parseMonth(text: string): { year: number; month: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 1 && month >= 1 && month <= 12 ? { year, month } : null;
}

/** The month `by` months after (or before, when negative) `month`: shiftMonth("2026-01", -1) is "2025-12". */
export function shiftMonth(month: string, by: number): string {
  const parsed = parseMonth(month);
  if (!parsed) throw new Error(`shiftMonth: "${month}" is not a month`);
  const index = parsed.year * 12 + (parsed.month - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${pad((index % 12) + 1)}`;
}

/** The month of the local calendar now, as the user's "this month". */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
}

/** "2026-03" → "March 2026" (the screen's title), or "Mar 2026" with style "short". */
export function monthName(month: string, locale?: string, style: 'long' | 'short' = 'long'): string {
  const parsed = parseMonth(month);
  if (!parsed) return month;
  const date = new Date(Date.UTC(parsed.year, parsed.month - 1, 1));
  return new Intl.DateTimeFormat(locale, { month: style, year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * The budget month for a dashboard period: its month when the period lies in one month; else this
 * month while the period includes today; else the period's last month.
 */
export function budgetMonthOf(range: DateRange, now = new Date()): string {
  const from = range.from.slice(0, 7);
  const to = range.to.slice(0, 7);
  if (from === to) return to;
  const today = currentMonth(now);
  return from <= today && today <= to ? today : to;
}

/** The months a category's detail shows: the `count` months up to next month (a budget can be planned ahead). */
export function recentMonths(now: string, count = 7): { from: string; to: string } {
  const to = shiftMonth(now, 1);
  return { from: shiftMonth(to, -(count - 1)), to };
}
