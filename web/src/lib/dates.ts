// Dates on the wire are calendar dates ("YYYY-MM-DD") with no time zone: format them as UTC so the
// day never shifts, and build "today" from the local calendar.

const pad = (value: number) => String(value).padStart(2, '0');

function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function todayISO(now = new Date()): string {
  return isoDate(now);
}

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function formatDate(iso: string, locale?: string, style: 'medium' | 'short' = 'medium'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(utc(iso));
}

/** "2025-03" → "Mar 2025". */
export function formatMonth(period: string, locale?: string): string {
  if (!/^\d{4}-\d{2}$/.test(period)) return period;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utc(`${period}-01`));
}

export type PeriodPreset = 'this-month' | 'last-month' | 'this-year' | 'last-12-months' | 'custom';

export interface DateRange {
  from: string;
  to: string;
}

export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now = new Date()): DateRange {
  const year = now.getFullYear();
  const month = now.getMonth();
  switch (preset) {
    case 'this-month':
      return { from: isoDate(new Date(year, month, 1)), to: isoDate(new Date(year, month + 1, 0)) };
    case 'last-month':
      return { from: isoDate(new Date(year, month - 1, 1)), to: isoDate(new Date(year, month, 0)) };
    case 'this-year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'last-12-months':
      return { from: isoDate(new Date(year, month - 11, 1)), to: isoDate(new Date(year, month + 1, 0)) };
  }
}

/** Which quick pick a range is, so the picker can show it selected. */
export function presetOf(range: DateRange, now = new Date()): PeriodPreset {
  const presets = ['this-month', 'last-month', 'this-year', 'last-12-months'] as const;
  return presets.find((preset) => {
    const candidate = presetRange(preset, now);
    return candidate.from === range.from && candidate.to === range.to;
  }) ?? 'custom';
}

/**
 * The one quick pick to show selected: the one the user chose while it still gives this range (in
 * December "12 months" and "This year" are the same dates), else the first that matches.
 */
export function selectedPreset(range: DateRange, chosen: PeriodPreset | null, now = new Date()): PeriodPreset {
  if (chosen === 'custom') return 'custom';
  if (chosen) {
    const candidate = presetRange(chosen, now);
    if (candidate.from === range.from && candidate.to === range.to) return chosen;
  }
  return presetOf(range, now);
}

/** The twelve months ending with the month of `to`, for the income-vs-expenses chart. */
export function trendRange(to: string): DateRange {
  const [year, month] = to.split('-').map(Number);
  return { from: isoDate(new Date(year, month - 12, 1)), to: isoDate(new Date(year, month, 0)) };
}

/** Every "YYYY-MM" from the month of `from` to the month of `to`, so months with nothing still show. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number);
  const [endYear, endMonth] = to.split('-').map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${pad(month)}`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}
