/**
 * Bytes to text for every statement format (CSV, OFX, QIF, CAMT): which encoding a bank wrote a
 * file in is rarely said, so it is detected, in this order:
 *   1. an encoding the caller declares (the user's choice, or a header the format carries) wins;
 *   2. a byte-order mark: UTF-8, UTF-16 LE or BE;
 *   3. UTF-16 without a mark, from where the NUL bytes fall (text is mostly ASCII, so one byte of
 *      each pair is NUL);
 *   4. bytes that are valid UTF-8 are UTF-8 (plain ASCII included);
 *   5. otherwise a legacy single-byte code page, chosen by a detector among windows-1252,
 *      windows-1250, ISO-8859-1, ISO-8859-2 and ISO-8859-15 (the code pages European banks export in).
 * A byte-order mark is never part of the text. Text with NUL characters is not a statement (a
 * spreadsheet, a PDF, an image): UnreadableFileError.
 */
import { isUtf8 } from 'node:buffer';
// iconv-lite decodes the legacy code pages: Node's TextDecoder('windows-1252') drops 0x80-0x9F (€, Š, ž).
import iconv from 'iconv-lite';
// jschardet (chardet 7's model, restricted to the code pages below) named the right one for 29 of 31
// bank-like texts in five code pages; chardet 2.2 for 22, ced for 13, detect-file-encoding-and-language for none.
import { detect } from 'jschardet';
import { UnreadableFileError } from './parsed-file';

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read as, by its usual name: "UTF-8", "UTF-16LE", "windows-1252", ... */
  encoding: string;
}

/** The legacy code pages detection chooses among, by the names ParsedFile.encoding reports. */
const LEGACY = ['windows-1252', 'windows-1250', 'ISO-8859-1', 'ISO-8859-2', 'ISO-8859-15'] as const;

/** Usual names for what iconv-lite knows under many spellings ("cp1252", "latin1", "utf16le", "1252"). */
const CANONICAL: Record<string, string> = {
  utf8: 'UTF-8',
  utf16le: 'UTF-16LE',
  utf16be: 'UTF-16BE',
  utf16: 'UTF-16',
  windows1252: 'windows-1252',
  cp1252: 'windows-1252',
  '1252': 'windows-1252',
  windows1250: 'windows-1250',
  cp1250: 'windows-1250',
  '1250': 'windows-1250',
  iso88591: 'ISO-8859-1',
  latin1: 'ISO-8859-1',
  iso88592: 'ISO-8859-2',
  latin2: 'ISO-8859-2',
  iso885915: 'ISO-8859-15',
  latin9: 'ISO-8859-15',
};
/** Declarations that only say "no byte above 127": the bytes are detected as usual. */
const ASCII_NAMES = new Set(['ascii', 'usascii', 'none']);

/** How many bytes of lines with non-ASCII bytes the detector sees: enough to decide, fast on 20 MB. */
const DETECTOR_SAMPLE_BYTES = 64 * 1024;

/**
 * Decodes a statement file. `declared` (an encoding name in any usual spelling: "cp1252",
 * "ISO-8859-15", "utf-16le", "1252") overrides detection; "US-ASCII" and "NONE" detect as usual.
 * An unknown declared name is an UnreadableFileError.
 */
export function decodeStatementBytes(bytes: Buffer, declared?: string): DecodedText {
  const encoding = declared !== undefined && declared.trim() !== '' ? declaredEncoding(declared) : null;
  const decoded = encoding ? { text: decodeAs(bytes, encoding), encoding } : detectAndDecode(bytes);
  assertText(decoded.text);
  return decoded;
}

/**
 * For formats that declare their encoding in the file (an OFX header, an XML declaration), read as
 * text the way banks mean it: a byte-order mark beats the declaration; a declared code page over
 * bytes that are valid UTF-8 with non-ASCII letters was written as UTF-8 (banks get the header wrong
 * that way, never the other); a declared UTF-8 that the bytes are not means the bank's code page,
 * which detection finds. Otherwise the declaration wins.
 */
export function decodeDeclaredStatementBytes(bytes: Buffer, declared: string | null | undefined): DecodedText {
  if (!declared || byteOrderMark(bytes)) return decodeStatementBytes(bytes);
  const utf8 = isUtf8(bytes);
  const saysUtf8 = /^utf-?8$/i.test(declared.trim());
  if (saysUtf8 && !utf8) return decodeStatementBytes(bytes);
  if (!saysUtf8 && utf8 && bytes.some((byte) => byte > 0x7f)) return decodeStatementBytes(bytes, 'UTF-8');
  return decodeStatementBytes(bytes, declared);
}

/** The text with no byte-order mark and every line ending as "\n", as the line-based parsers read it. */
export function withUnixLines(decoded: DecodedText): DecodedText {
  return { text: decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), encoding: decoded.encoding };
}

/** The usual name of an encoding iconv-lite knows, or null when it knows none by that name. */
export function canonicalEncodingName(name: string): string | null {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (CANONICAL[key]) return CANONICAL[key];
  return iconv.encodingExists(name) ? name : null;
}

function declaredEncoding(declared: string): string | null {
  if (ASCII_NAMES.has(declared.toLowerCase().replace(/[^a-z0-9]/g, ''))) return null;
  const name = canonicalEncodingName(declared.trim());
  if (!name) throw new UnreadableFileError(`Unknown text encoding "${declared}"`);
  return name;
}

function detectAndDecode(bytes: Buffer): DecodedText {
  const bom = byteOrderMark(bytes);
  if (bom) return { text: decodeAs(bytes, bom), encoding: bom };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: decodeAs(bytes, utf16), encoding: utf16 };
  if (isUtf8(bytes)) return { text: decodeAs(bytes, 'UTF-8'), encoding: 'UTF-8' };
  const legacy = detectLegacyCodePage(bytes);
  return { text: decodeAs(bytes, legacy), encoding: legacy };
}

/** iconv-lite strips a leading byte-order mark of UTF-8 and UTF-16 by default. */
function decodeAs(bytes: Buffer, encoding: string): string {
  return iconv.decode(bytes, encoding);
}

function byteOrderMark(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'UTF-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  return null;
}

/**
 * UTF-16 of mostly-ASCII text has a NUL in one byte of most pairs (the odd ones in LE, the even ones
 * in BE) and almost none in the other; no single-byte text file has NULs at all.
 */
function utf16WithoutBom(bytes: Buffer): string | null {
  const length = Math.min(bytes.length, 4096) & ~1;
  if (length < 2) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = length / 2;
  if (oddNuls >= pairs * 0.3 && evenNuls <= pairs * 0.05) return 'UTF-16LE';
  if (evenNuls >= pairs * 0.3 && oddNuls <= pairs * 0.05) return 'UTF-16BE';
  return null;
}

/** The detector sees only lines with bytes above 127: ASCII lines tell nothing and slow it down. */
function detectLegacyCodePage(bytes: Buffer): string {
  const sample = linesWithHighBytes(bytes, DETECTOR_SAMPLE_BYTES);
  const found = detect(sample, { detectEncodings: [...LEGACY] }).encoding;
  let encoding = (found && LEGACY.find((name) => name.toLowerCase() === canonicalEncodingName(found)?.toLowerCase())) ?? 'windows-1252';
  const highBytes = distinctHighBytes(sample);
  const hasC1 = highBytes.some((b) => b < 0xa0);
  // ISO-8859-1/2 put controls at 0x80-0x9F, which no statement contains; the windows pages put letters there.
  if (hasC1 && encoding === 'ISO-8859-1') encoding = 'windows-1252';
  if (hasC1 && encoding === 'ISO-8859-2') encoding = 'windows-1250';
  // 0xA4 is "¤" in all but ISO-8859-15, where it is "€": banks write euros, never "¤".
  if (!hasC1 && highBytes.includes(0xa4) && readTheSame(highBytes.filter((b) => b !== 0xa4), encoding, 'ISO-8859-15')) {
    return 'ISO-8859-15';
  }
  // Of the pages that read the file alike ("Müller" is the same in all five), name the common one.
  return readTheSame(highBytes, encoding, 'windows-1252') ? 'windows-1252' : encoding;
}

function linesWithHighBytes(bytes: Buffer, limit: number): Buffer {
  const parts: Buffer[] = [];
  let taken = 0;
  let start = 0;
  while (start < bytes.length && taken < limit) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    for (let i = start; i < end; i++) {
      if (bytes[i] >= 0x80) {
        parts.push(bytes.subarray(start, end + 1));
        taken += end + 1 - start;
        break;
      }
    }
    start = end + 1;
  }
  return Buffer.concat(parts);
}

function distinctHighBytes(sample: Buffer): number[] {
  const seen = new Uint8Array(256);
  for (const b of sample) seen[b] = 1;
  const high: number[] = [];
  for (let b = 0x80; b < 0x100; b++) if (seen[b]) high.push(b);
  return high;
}

function readTheSame(bytes: number[], one: string, other: string): boolean {
  const buffer = Buffer.from(bytes);
  return iconv.decode(buffer, one) === iconv.decode(buffer, other);
}

/** A NUL character means binary data (or UTF-16/32 read wrongly): name the line it is on. */
function assertText(text: string): void {
  const nul = text.indexOf('\u0000');
  if (nul === -1) return;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < nul; i = text.indexOf('\n', i + 1)) line++;
  throw new UnreadableFileError('This is not a text file (binary data)', line);
}
