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
 * Every record from `fromLine` on, empty lines and records of blank fields left out. A quote that
 * never closes, or a file that is no CSV at all, is an UnreadableFileError naming the line.
 */
export function readRecords(text: string, delimiter: string, fromLine = 1): CsvRecord[] {
  // csv-parse counts a CRLF inside a quoted field as two lines: with LF only, its count is the file's.
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  try {
    return parse(lf, {
      delimiter,
      from_line: fromLine,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // Typed as returning string[]: csv-parse's sync overloads allow another record type only with `columns`.
      on_record: toRecord as unknown as Options['on_record'],
    }) as unknown as CsvRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lineOfUnclosedQuote(lf) : (error as CsvError & { lines?: number }).lines;
      throw new UnreadableFileError(`Not a readable CSV file: ${error.message.replace(/ at line \d+/, '')}`, line);
    }
    throw error;
  }
}

/** csv-parse names the line where it gave up (the end of the file): the user needs the one the quote opened on. */
function lineOfUnclosedQuote(text: string): number | undefined {
  let line = 1;
  let openedOn: number | null = null;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') line++;
    else if (text[i] === '"') openedOn = openedOn === null ? line : null;
  }
  return openedOn ?? undefined;
}

/** context.lines is the line where the record ends: a quoted field may span several. */
function toRecord(fields: string[], context: InfoRecord): CsvRecord {
  return { line: context.lines - newlines(fields), fields };
}

function newlines(fields: string[]): number {
  let count = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  return count;
}
