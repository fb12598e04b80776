import { badInput } from './errors';

/** A calendar date "YYYY-MM-DD" with no time zone: what a bank statement shows. */
export type CalendarDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseCalendarDate(value: string, field: string): CalendarDate {
  if (!isCalendarDate(value)) throw badInput(field, `"${value.slice(0, 20)}" is not a valid date (YYYY-MM-DD).`);
  return value;
}

export function today(now = new Date()): CalendarDate {
  return now.toISOString().slice(0, 10);
}

export function monthBounds(now = new Date()): { from: CalendarDate; to: CalendarDate } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const last = new Date(Date.UTC(year, month + 1, 0));
  return { from: new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}
