/**
 * QIF dates as Quicken and other programs write them: "12/19/18", "6/ 4'20" (an apostrophe before a
 * two-digit year means 2000 and later), "06/04/2020", "12.19.2018", "2020-06-04". The day/month order
 * is not in the file: it is scored over all the file's dates.
 */
import { isCalendarDay } from '../../../lib/dates';

export type DateOrder = 'MDY' | 'DMY';

interface DateParts {
  first: number;
  second: number;
  year: number;
}

/** Year first ("2020-06-04", "2020/6/4"): no order question. */
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})([-/.']|'\s*)(\d{4}|\d{2})$/;

function split(raw: string): DateParts | { iso: [number, number, number] } | null {
  const text = raw.replace(/\s+/g, '');
  const isoMatch = YEAR_FIRST.exec(text);
  if (isoMatch) return { iso: [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])] };
  const match = YEAR_LAST.exec(text);
  if (!match) return null;
  const [, first, second, separator, yearText] = match;
  let year = Number(yearText);
  if (yearText.length === 2) {
    // The apostrophe is Quicken's mark for 2000+; otherwise the POSIX pivot (69-99 → 19xx).
    year += separator === "'" || year < 69 ? 2000 : 1900;
  }
  return { first: Number(first), second: Number(second), year };
}

/** The order that fits the file's dates: DMY only when some date cannot be MDY and more need DMY. */
export function detectDateOrder(raws: string[]): DateOrder | null {
  let dmy = 0;
  let mdy = 0;
  for (const raw of raws) {
    const parts = split(raw);
    if (!parts || 'iso' in parts) continue;
    if (parts.first > 12 && parts.second <= 12) dmy++;
    else if (parts.second > 12 && parts.first <= 12) mdy++;
  }
  if (dmy > mdy) return 'DMY';
  if (mdy > 0) return 'MDY';
  return null;
}

/** "YYYY-MM-DD", or null when the text is not a real date in that order. */
export function qifDate(raw: string, order: DateOrder): string | null {
  const parts = split(raw);
  if (!parts) return null;
  const [year, month, day] =
    'iso' in parts ? parts.iso : order === 'MDY' ? [parts.year, parts.first, parts.second] : [parts.year, parts.second, parts.first];
  if (!isCalendarDay(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
