import { badInput } from '../../lib/errors';

/** A calendar month "YYYY-MM". */
export type Month = string;

const MONTH = /^(\d{4})-(\d{2})$/;

/** Years as the dates the app accepts (lib/dates.ts). */
export function parseMonth(value: string, field: string): Month {
  const match = MONTH.exec(value);
  const year = match ? Number(match[1]) : 0;
  const month = match ? Number(match[2]) : 0;
  if (!match || year < 1900 || year > 2999 || month < 1 || month > 12) throw badInput(field, `"${value.slice(0, 20)}" is not a month (YYYY-MM, such as 2025-03).`);
  return value;
}

/** Months since year 0: the arithmetic below is on these. */
const indexOf = (month: Month) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (index: number): Month => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

export const addMonths = (month: Month, count: number): Month => monthAt(indexOf(month) + count);

/** Months from `from` to `to`, both included, oldest first (none when `to` comes first). */
export function monthsFrom(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let index = indexOf(from); index <= indexOf(to); index += 1) months.push(monthAt(index));
  return months;
}

export const monthCount = (from: Month, to: Month) => indexOf(to) - indexOf(from) + 1;

export const firstDay = (month: Month) => `${month}-01`;

export function lastDay(month: Month): string {
  const year = Number(month.slice(0, 4));
  const last = new Date(Date.UTC(year, Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}
