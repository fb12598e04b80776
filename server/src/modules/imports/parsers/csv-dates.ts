/**
 * The date formats a CSV column may use, in tokens (YYYY, YY, MM, DD, MMM), and how a file's format
 * is found: every format is scored on every row, and when several read all rows (no day above 12),
 * the file is ambiguous and the flow asks.
 */
import { isCalendarDay } from '../../../lib/dates';

/** Every supported format; day and month may have one digit ("1/9/2026"); a time after the date is ignored. */
export const DATE_FORMATS = [
  'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY.MM.DD', 'DD-MM-YYYY', 'MM-DD-YYYY', 'YYYY/MM/DD',
  'YYYYMMDD', 'DD MMM YYYY', 'DD MMM YY', 'DD-MMM-YYYY', 'DD-MMM-YY', 'MMM DD YYYY',
  'DD/MM/YY', 'MM/DD/YY', 'DD.MM.YY', 'DD-MM-YY',
] as const;

/** English and German month abbreviations, by their first three letters ("Sept", "September" read as "sep"). */
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, mär: 3, mrz: 3, apr: 4, may: 5, mai: 5, jun: 6, jul: 7, aug: 8, sep: 9,
  oct: 10, okt: 10, nov: 11, dec: 12, dez: 12,
};

const compiled = new Map<string, RegExp>();

/** The regular expression of a format: groups named y, m, d (or mon for a month name). */
function formatPattern(format: string): RegExp | null {
  let pattern = compiled.get(format);
  if (pattern) return pattern;
  const tokens = /YYYY|YY|MMM|MM|DD|[^A-Z]/g;
  let source = '';
  let rest = format;
  // "YYYYMMDD" has no separators: its day and month have two digits each.
  const digits = /[^A-Z]/.test(format) ? '{1,2}' : '{2}';
  for (const token of format.match(tokens) ?? []) {
    rest = rest.slice(token.length);
    if (token === 'YYYY') source += '(?<y>\\d{4})';
    else if (token === 'YY') source += '(?<yy>\\d{2})';
    else if (token === 'MMM') source += '(?<mon>[A-Za-zÄä]{3,9})\\.?';
    else if (token === 'MM') source += `(?<m>\\d${digits})`;
    else if (token === 'DD') source += `(?<d>\\d${digits})`;
    else source += token === ' ' ? '\\s+' : token.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  if (rest !== '' || !/Y/.test(format) || !/M/.test(format) || !/D/.test(format)) return null;
  pattern = new RegExp(`^${source}(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?.*)?$`);
  compiled.set(format, pattern);
  return pattern;
}

/** Whether a user's format is one this parser can read (any order of the tokens and separators). */
export function isReadableDateFormat(format: string): boolean {
  return formatPattern(format) !== null;
}

/** "YYYY-MM-DD", or null when the text is no date in this format. Two-digit years 70-99 are 19xx. */
export function parseDate(text: string, format: string): string | null {
  const match = formatPattern(format)?.exec(text.trim());
  const groups = match?.groups;
  if (!groups) return null;
  const year = groups.y !== undefined ? Number(groups.y) : twoDigitYear(Number(groups.yy));
  const month = groups.mon !== undefined ? MONTHS[groups.mon.slice(0, 3).toLowerCase()] : Number(groups.m);
  const day = Number(groups.d);
  if (month === undefined || !isCalendarDay(year, month, day)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function twoDigitYear(yy: number): number {
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

export interface DateFormatScore {
  /** The formats that read the most cells (all of them, on a good column), best first. */
  candidates: string[];
  /** How many non-empty cells the best format reads, and how many there are. */
  read: number;
  cells: number;
}

/**
 * Scores every format on the non-empty cells. `preferDayFirst` orders day-first formats ahead when
 * several read everything (a file with decimal commas is European).
 */
export function scoreDateFormats(cells: Iterable<string>, preferDayFirst: boolean, formats: readonly string[] = DATE_FORMATS): DateFormatScore {
  const counts = new Map<string, number>(formats.map((format) => [format, 0]));
  let total = 0;
  for (const raw of cells) {
    const cell = raw.trim();
    if (cell === '') continue;
    total++;
    for (const format of formats) if (parseDate(cell, format)) counts.set(format, (counts.get(format) ?? 0) + 1);
  }
  const best = Math.max(0, ...counts.values());
  let candidates: string[] = best === 0 ? [] : formats.filter((format) => counts.get(format) === best);
  // A four-digit year read as two digits never wins over the four-digit form of the same order.
  candidates = candidates.filter((format) => !format.endsWith('YY') || format.endsWith('YYYY') || !candidates.includes(format.replace(/YY$/, 'YYYY')));
  if (!preferDayFirst) candidates = [...candidates].sort((a, b) => Number(a.startsWith('DD')) - Number(b.startsWith('DD')));
  return { candidates, read: best, cells: total };
}
