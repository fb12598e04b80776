/**
 * OFX text to well-formed XML. OFX 1.x is SGML: leaf elements are not closed ("<TRNAMT>-5.50"), and
 * banks that declare 2.x XML often write it the same way, or mix closed and unclosed leaves. One pass
 * over the tags closes each leaf where the next tag starts, closes the elements a closing tag skips,
 * escapes stray "&", and marks the elements the parser reports with the line they start on. Each
 * transaction is handed over as its own small XML document as soon as it closes, so that a 20 MB
 * file never becomes one tree (the server's heap is small).
 */
import { UnreadableFileError } from './parsed-file';

/** Elements that carry their starting line (attribute `_line`) into the parsed tree. */
const LINE_MARKED = new Set(['OFX', 'SONRS', 'STMTTRNRS', 'CCSTMTTRNRS', 'INVSTMTTRNRS', 'STMTTRN']);
/** The statement responses whose transactions are handed over; those of others (investments) are dropped. */
const BANK_RESPONSES = new Set(['STMTTRNRS', 'CCSTMTTRNRS']);

const TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z][\w.-]*)[^>]*>/g;
const STRAY_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);)/g;

/**
 * Aggregates the importer reads. Any other element that a closing tag skips without having had text
 * was an empty leaf ("<NAME>" then "<MEMO>x"): it is closed where it opened, so what followed it stays
 * its sibling. These keep what they hold even when their own closing tag is missing.
 */
const AGGREGATES = new Set([
  'OFX', 'SIGNONMSGSRSV1', 'SONRS', 'STATUS', 'BANKMSGSRSV1', 'STMTTRNRS', 'STMTRS', 'CREDITCARDMSGSRSV1',
  'CCSTMTTRNRS', 'CCSTMTRS', 'INVSTMTMSGSRSV1', 'INVSTMTTRNRS', 'INVSTMTRS', 'BANKACCTFROM', 'CCACCTFROM',
  'INVACCTFROM', 'BANKTRANLIST', 'INVTRANLIST', 'STMTTRN', 'INVBANKTRAN', 'PAYEE', 'LEDGERBAL', 'AVAILBAL',
]);

interface Open {
  name: string;
  /** The element has text (so it is a leaf) or CDATA. */
  leaf: boolean;
  /** Where its opening tag is in the output. */
  openAt: number;
  /** For statement responses: their position among the file's elements of that kind (attribute `_n`). */
  ordinal: number;
}

/** A transaction's XML (`<STMTTRN _line="…">…</STMTTRN>`) and the `_n` of the statement response it is in. */
export type TransactionSink = (xml: string, response: number) => void;

/**
 * The body from `<OFX>` on as XML, without the transactions of bank and card statements: those go to
 * `onTransaction` in file order. `text` has "\n" line ends. Throws when there is no `<OFX>` element.
 */
export function ofxToXml(text: string, onTransaction: TransactionSink): string {
  const start = text.search(/<OFX\s*>/i);
  if (start < 0) throw new UnreadableFileError('This is not an OFX file: it has no <OFX> element.');
  let line = 1 + countNewlines(text, 0, start);
  const out: string[] = [];
  const stack: Open[] = [];
  let at = start;
  let responses = 0;
  const close = (open: Open): void => {
    out.push(`</${open.name}>`);
    if (open.name !== 'STMTTRN') return;
    const response = stack.findLast((outer) => outer.name.endsWith('TRNRS'));
    if (response && BANK_RESPONSES.has(response.name)) onTransaction(out.slice(open.openAt).join(''), response.ordinal);
    out.length = open.openAt;
  };
  const closeTop = (): void => close(stack.pop()!);
  const closeSkipped = (): void => {
    const open = stack.pop()!;
    if (open.leaf || AGGREGATES.has(open.name)) close(open);
    else out[open.openAt] = `<${open.name}></${open.name}>`;
  };
  const addText = (segment: string): void => {
    if (!segment.trim()) {
      out.push(segment);
      return;
    }
    const top = stack[stack.length - 1];
    if (!top) return; // text after </OFX>
    top.leaf = true;
    // a "<" that starts no tag ("A < B", a DOCTYPE inside the body) is text, never markup
    out.push(segment.replace(STRAY_AMPERSAND, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  };

  TOKEN.lastIndex = start;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const segment = text.slice(at, match.index);
    addText(segment);
    line += countNewlines(segment, 0, segment.length);
    at = match.index + match[0].length;
    const token = match[0];
    if (token.startsWith('<!--') || token.startsWith('<?')) {
      line += countNewlines(token, 0, token.length);
      continue;
    }
    if (token.startsWith('<![CDATA[')) {
      if (stack.length) {
        stack[stack.length - 1].leaf = true;
        out.push(token);
      }
      line += countNewlines(token, 0, token.length);
      continue;
    }
    const closing = match[1] === '/';
    const name = match[2].toUpperCase();
    const top = stack[stack.length - 1];
    if (top?.leaf && !(closing && top.name === name)) closeTop();
    if (closing) {
      const depth = stack.map((open) => open.name).lastIndexOf(name);
      if (depth >= 0) {
        while (stack.length > depth + 1) closeSkipped();
        closeTop();
      }
      // a closing tag for nothing open is dropped
    } else if (token.endsWith('/>')) {
      out.push(`<${name}/>`);
    } else {
      const ordinal = name.endsWith('TRNRS') ? ++responses : 0;
      stack.push({ name, leaf: false, openAt: out.length, ordinal });
      out.push(LINE_MARKED.has(name) ? `<${name} _line="${line}"${ordinal ? ` _n="${ordinal}"` : ''}>` : `<${name}>`);
    }
    line += countNewlines(token, 0, token.length);
  }
  addText(text.slice(at));
  while (stack.length) closeTop();
  return out.join('');
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
