import { badInput } from './errors';

/** A calendar date "YYYY-MM-DD" with no time zone: what a bank statement shows. */
export type CalendarDate = string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `count` ASCII digits of `text` from `from` (the caller has checked they are digits). */
export function digitsAt(text: string, from: number, count: number): number {
  let number = 0;
  for (let i = from; i < from + count; i += 1) number = number * 10 + text.charCodeAt(i) - 48;
  return number;
}

/** Checked for every date the API sends, so it reads the digits in place rather than allocating. */
export function isCalendarDate(value: string): boolean {
  return DATE.test(value) && isCalendarDay(digitsAt(value, 0, 4), digitsAt(value, 5, 2), digitsAt(value, 8, 2));
}

/** Whether year, month (1 to 12) and day name a day of the calendar, in the years the app accepts. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

export function parseCalendarDate(value: string, field: string): CalendarDate {
  if (!isCalendarDate(value)) throw badInput(field, `"${value.slice(0, 20)}" is not a valid date (YYYY-MM-DD).`);
  return value;
}

export function monthBounds(now = new Date()): { from: CalendarDate; to: CalendarDate } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const last = new Date(Date.UTC(year, month + 1, 0));
  return { from: new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** Whole days from `a` to `b` (negative when `b` comes first). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  const day = (date: CalendarDate) => Date.UTC(digitsAt(date, 0, 4), digitsAt(date, 5, 2) - 1, digitsAt(date, 8, 2));
  return Math.round((day(b) - day(a)) / 86_400_000);
}

/** The date `days` after (or before, when negative) `date`. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const next = new Date(Date.UTC(digitsAt(date, 0, 4), digitsAt(date, 5, 2) - 1, digitsAt(date, 8, 2) + days));
  return next.toISOString().slice(0, 10);
}

/** The last day of the month `date` is in. */
function endOfMonth(date: CalendarDate): CalendarDate {
  return monthBounds(new Date(Date.UTC(digitsAt(date, 0, 4), digitsAt(date, 5, 2) - 1, 1))).to;
}

/**
 * A period cut into the whole months it covers ("YYYY-MM", both included; null when none) and the
 * days at either end outside them: sums kept per month answer the months, the rows the days.
 */
export function splitAtWholeMonths(from: CalendarDate, to: CalendarDate): { months: { from: string; to: string } | null; days: { from: CalendarDate; to: CalendarDate }[] } {
  const startsWhole = from.endsWith('-01');
  const endsWhole = endOfMonth(to) === to;
  const firstMonth = startsWhole ? from.slice(0, 7) : addDays(endOfMonth(from), 1).slice(0, 7);
  const lastMonth = endsWhole ? to.slice(0, 7) : addDays(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (firstMonth > lastMonth) return { months: null, days: [{ from, to }] };
  const days: { from: CalendarDate; to: CalendarDate }[] = [];
  if (!startsWhole) days.push({ from, to: endOfMonth(from) });
  if (!endsWhole) days.push({ from: `${to.slice(0, 7)}-01`, to });
  return { months: { from: firstMonth, to: lastMonth }, days };
}
