// replaced by decode.ts at merge: bytes to text for the OFX and QIF parsers until decodeStatementBytes lands.

/**
 * The header says how the bytes are written: OFX 1.x `ENCODING:UTF-8` or `CHARSET:1252`, 2.x the XML
 * declaration. A file declared 1252 whose bytes are valid UTF-8 with non-ASCII letters was written as
 * UTF-8 (banks get the header wrong that way, never the other): it is read as UTF-8.
 */
export function decodeOfxText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return lines(new TextDecoder('utf-16le').decode(bytes), 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return lines(new TextDecoder('utf-16be').decode(bytes), 'UTF-16BE');
  const head = bytes.subarray(0, 1024).toString('latin1');
  const declared = /ENCODING:\s*UTF-?8|encoding=["']utf-?8/i.test(head) ? 'UTF-8' : /CHARSET:\s*(1252|ISO-?8859-?1|WINDOWS-1252)|encoding=["'](windows-1252|iso-8859-1)/i.test(head) ? 'windows-1252' : null;
  const utf8 = strictUtf8(bytes);
  const hasNonAscii = bytes.some((byte) => byte > 0x7f);
  if (utf8 !== null && (declared !== 'windows-1252' || hasNonAscii)) return lines(utf8, 'UTF-8');
  return lines(decodeWindows1252(bytes), 'windows-1252');
}

/** QIF says nothing of its encoding: UTF-8 when the bytes are valid UTF-8, else windows-1252 (Quicken's). */
export function decodeQifText(bytes: Buffer): { text: string; encoding: string } {
  const utf8 = strictUtf8(bytes);
  return utf8 === null ? lines(decodeWindows1252(bytes), 'windows-1252') : lines(utf8, 'UTF-8');
}

function strictUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Node's TextDecoder reads 0x80-0x9F of windows-1252 as C1 controls (latin-1); those 32 are mapped here. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function decodeWindows1252(bytes: Buffer): string {
  const latin1 = bytes.toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function lines(text: string, encoding: string): { text: string; encoding: string } {
  return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), encoding };
}
