/**
 * The XML side of the CAMT parser: bytes to text, text to a tree of plain objects whose every
 * element is an array (so a repeated element never changes shape), and small readers over it.
 */
import { TextDecoder } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UnreadableFileError } from './parsed-file';

/** An element: its children by local name (namespace prefixes removed), attributes as `@_name`, text as `#text`. */
export interface XmlElement {
  [name: string]: XmlValue[] | string | undefined;
}
/** A text-only element is its trimmed text; any other element is an XmlElement. */
export type XmlValue = string | XmlElement;

// fast-xml-parser over a DOM (@xmldom/xmldom) or sax: 2-4x faster on a 10 000-entry statement, a
// plain-object tree without a DOM's overhead, entity-expansion limits built in, and each element's
// offset (captureMetaData) for the line numbers rows must carry; its validator names the bad line.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  captureMetaData: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

export interface DecodedText {
  text: string;
  encoding: string;
}

/**
 * Reads the bytes as the XML says: a byte-order mark first, else the declaration's encoding,
 * else UTF-8. A file that claims UTF-8 but is not is read as windows-1252 (what banks mean).
 */
// replaced by decode.ts at merge (decodeStatementBytes(bytes, declared)), which also handles code pages properly
export function decodeXmlBytes(bytes: Buffer): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs(bytes, 'UTF-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes, 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes, 'UTF-16BE');
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return decodeAs(bytes, 'UTF-16LE');
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return decodeAs(bytes, 'UTF-16BE');
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) return decodeAs(bytes, declared);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return decodeAs(bytes, 'windows-1252');
  }
}

function decodeAs(bytes: Buffer, label: string): DecodedText {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new UnreadableFileError(`The file declares an unknown text encoding "${label}"`, 1);
  }
  return { text: decoder.decode(bytes), encoding: encodingName(decoder.encoding) };
}

function encodingName(whatwg: string): string {
  if (whatwg === 'utf-8') return 'UTF-8';
  if (whatwg === 'utf-16le') return 'UTF-16LE';
  if (whatwg === 'utf-16be') return 'UTF-16BE';
  return whatwg;
}

/** Parses well-formed XML into the tree, or says which line is broken. */
export function parseXml(text: string): XmlElement {
  // The parser alone accepts some broken files (an unclosed tag at the end); the validator does not.
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    throw new UnreadableFileError(`Not well-formed XML: ${verdict.err.msg}`, verdict.err.line);
  }
  try {
    return parser.parse(text) as XmlElement;
  } catch (error) {
    throw new UnreadableFileError(`Not readable XML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The child elements of that name (none when absent or when the node is text). */
export function children(node: XmlValue | undefined, name: string): XmlValue[] {
  if (node === undefined || typeof node === 'string') return [];
  const found = node[name];
  return Array.isArray(found) ? found : [];
}

/** The first element along a path of child names. */
export function at(node: XmlValue | undefined, ...path: string[]): XmlValue | undefined {
  let current = node;
  for (const name of path) current = children(current, name)[0];
  return current;
}

/** The trimmed text of an element, or undefined when it is absent or empty. */
export function textOf(node: XmlValue | undefined): string | undefined {
  const raw = typeof node === 'string' ? node : node?.['#text'];
  const value = typeof raw === 'string' ? raw.trim() : undefined;
  return value ? value : undefined;
}

/** The text at a path of child names. */
export function textAt(node: XmlValue | undefined, ...path: string[]): string | undefined {
  return textOf(at(node, ...path));
}

export function attribute(node: XmlValue | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string') return undefined;
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

/** Maps an element back to its 1-based line in the text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineOf(node: XmlValue | undefined): number {
    const offset = this.offsetOf(node);
    if (offset === undefined) return 1;
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  private offsetOf(node: XmlValue | undefined): number | undefined {
    if (node === undefined || typeof node === 'string') return undefined;
    const meta = (node as Record<symbol, unknown>)[META] as { startIndex?: number } | undefined;
    return meta?.startIndex;
  }
}
