import { decodeDeclaredStatementBytes, decodeStatementBytes, withUnixLines, type DecodedText } from './decode';

/** OFX says its encoding in the header: 1.x `ENCODING:UTF-8` or `CHARSET:1252`, 2.x the XML declaration. */
export function decodeOfxText(bytes: Buffer): DecodedText {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const xml = /<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head)?.[1];
  const utf8Header = /ENCODING:\s*UTF-?8/i.test(head) ? 'UTF-8' : undefined;
  const charset = /CHARSET:\s*([A-Za-z0-9._-]+)/i.exec(head)?.[1];
  return withUnixLines(decodeDeclaredStatementBytes(bytes, xml ?? utf8Header ?? charset));
}

/** QIF says nothing of its encoding: detected (UTF-8, else the code page the bytes read best as). */
export function decodeQifText(bytes: Buffer): DecodedText {
  return withUnixLines(decodeStatementBytes(bytes));
}
