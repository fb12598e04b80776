/** The CSV file as a table: its delimiter, its records with the lines they start on. */
// csv-parse: the most used and maintained CSV parser for Node, with RFC 4180 quoting, multi-line
// fields, relaxed column counts and quote errors that name the line.
import { CsvError, parse, type InfoRecord, type Options } from 'csv-parse/sync';
import { UnreadableFileError } from './parsed-file';

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Lines the delimiter is guessed from: enough to see past a bank's preamble. */
const SNIFF_LINES = 200;

/**
 * The delimiter that splits the most lines into the same number of fields (more fields win a tie),
 * counting only outside quotes. Null when no candidate appears at all.
 */
export function detectDelimiter(text: string): string | null {
  const counts = countsPerLine(text);
  let best: { delimiter: string; lines: number; fields: number } | null = null;
  for (const [i, delimiter] of DELIMITERS.entries()) {
    const frequency = new Map<number, number>();
    for (const line of counts) if (line[i] > 0) frequency.set(line[i], (frequency.get(line[i]) ?? 0) + 1);
    for (const [fields, lines] of frequency) {
      if (!best || lines > best.lines || (lines === best.lines && fields > best.fields)) best = { delimiter, lines, fields };
    }
  }
  return best?.delimiter ?? null;
}

/** For each of the first lines, how often each delimiter occurs outside quotes. */
function countsPerLine(text: string): number[][] {
  const lines: number[][] = [];
  let current = DELIMITERS.map(() => 0);
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < SNIFF_LINES; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) {
      lines.push(current);
      current = DELIMITERS.map(() => 0);
    } else if (!quoted) {
      const index = DELIMITERS.indexOf(char as (typeof DELIMITERS)[number]);
      if (index !== -1) current[index]++;
    }
  }
  if (lines.length < SNIFF_LINES && current.some((count) => count > 0)) lines.push(current);
  return lines;
}

/**
 * The decoded file as UTF-8 bytes with LF line ends, outside the JavaScript heap (a 20 MB file as a
 * string would take up to 40 MB of it), and its first characters for sniffing the delimiter.
 * csv-parse counts a CRLF inside a quoted field as two lines: with LF only, its count is the file's.
 */
export function csvSource(text: string): { source: Buffer; head: string } {
  const utf8 = Buffer.from(text, 'utf8');
  const head = text.slice(0, 256 * 1024);
  if (!text.includes('\r')) return { source: utf8, head };
  const source = Buffer.allocUnsafe(utf8.length);
  let length = 0;
  for (let i = 0; i < utf8.length; i++) {
    if (utf8[i] !== 0x0d) source[length++] = utf8[i];
    else if (utf8[i + 1] !== 0x0a) source[length++] = 0x0a;
  }
  return { source: source.subarray(0, length), head };
}

export interface ReadRange {
  fromLine?: number;
  /** The last line to read (a sample); the whole file when absent. */
  toLine?: number;
}

/**
 * Every record in the range, empty lines and records of blank fields left out, each handed to
 * `build` (which may drop it with null) so only what it keeps stays in memory. A quote that never
 * closes is an UnreadableFileError naming the line it opened on.
 */
export function readRecords<T = CsvRecord>(
  source: Buffer,
  delimiter: string,
  range: ReadRange = {},
  build: (record: CsvRecord) => T | null = (record) => record as T,
): T[] {
  try {
    return parse(source, {
      delimiter,
      from_line: range.fromLine ?? 1,
      to_line: range.toLine ?? -1,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // Typed as returning string[]: csv-parse's sync overloads allow another record type only with `columns`.
      on_record: ((fields: string[], context: InfoRecord) => build({ line: context.lines - newlines(fields), fields })) as unknown as Options['on_record'],
    }) as unknown as T[];
  } catch (error) {
    if (error instanceof CsvError) {
      const end = (error as CsvError & { lines?: number }).lines;
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lineOfUnclosedQuote(source, range.fromLine ?? 1) : end;
      throw new UnreadableFileError(`Not a readable CSV file: ${error.message.replace(/ at line \d+/, '')}`, line);
    }
    throw error;
  }
}

/** The line a record's last field ends on. */
export function lastLineOf(record: CsvRecord): number {
  return record.line + newlines(record.fields);
}

/** csv-parse names the line where it gave up (the end of the file): the user needs the one the quote opened on. */
function lineOfUnclosedQuote(source: Buffer, fromLine: number): number | undefined {
  let line = 1;
  let openedOn: number | null = null;
  for (const byte of source) {
    if (byte === 0x0a) line++;
    else if (byte === 0x22 && line >= fromLine) openedOn = openedOn === null ? line : null;
  }
  return openedOn ?? undefined;
}

function newlines(fields: string[]): number {
  let count = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  return count;
}
