import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalEncodingName, decodeStatementBytes } from '../src/modules/imports/parsers/decode';
import { UnreadableFileError } from '../src/modules/imports/parsers/parsed-file';

const FIXTURES = join(__dirname, 'fixtures/imports/csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
/** What each fixture says, as UTF-8 (the fixtures hold these texts in other encodings). */
const texts = JSON.parse(readFileSync(join(FIXTURES, 'decoded-texts.json'), 'utf8')) as Record<string, string>;

describe('a statement file is read in the encoding it was written in', () => {
  test.each([
    ['utf8-de.csv', 'UTF-8', 'de'],
    ['utf8-bom-de.csv', 'UTF-8', 'de'],
    ['utf16le-bom-de.csv', 'UTF-16LE', 'de'],
    ['utf16le-de.csv', 'UTF-16LE', 'de'],
    ['utf16be-bom-pl.csv', 'UTF-16BE', 'pl'],
    ['utf16be-pl.csv', 'UTF-16BE', 'pl'],
    ['cp1252-de.csv', 'windows-1252', 'de'],
    ['cp1250-pl.csv', 'windows-1250', 'pl'],
    ['cp1250-cz.csv', 'windows-1250', 'cz'],
    ['latin9-de.csv', 'ISO-8859-15', 'euro15'],
  ])('%s is %s', (file, encoding, text) => {
    expect(decodeStatementBytes(fixture(file))).toEqual({ text: texts[text], encoding });
  });

  test('Latin-1 and Latin-2 files read right (named by the windows page that reads them alike, or their own)', () => {
    expect(decodeStatementBytes(fixture('latin1-fr.csv')).text).toBe(texts.fr);
    const polish = decodeStatementBytes(fixture('latin2-pl.csv'));
    expect(polish.text).toBe(texts.pl.replace(/–/g, '-'));
    expect(polish.encoding).toBe('ISO-8859-2');
  });

  test('a one-line file with one umlaut is still read right', () => {
    expect(decodeStatementBytes(Buffer.from('M\xfcller;-3,50\n', 'latin1'))).toEqual({ text: 'Müller;-3,50\n', encoding: 'windows-1252' });
  });

  test('the euro sign of cp1252 (0x80) is a euro sign, not a control character', () => {
    expect(decodeStatementBytes(Buffer.from([0x31, 0x32, 0x20, 0x80, 0x0a])).text).toBe('12 €\n');
  });

  test('ISO-8859-15 with only euro signs (0xA4) reads them as euros, never "¤"', () => {
    const bytes = Buffer.from('01.09.2026;Miete;-850,00 \xa4\n02.09.2026;Strom;-60,00 \xa4\n', 'latin1');
    expect(decodeStatementBytes(bytes)).toEqual({ text: '01.09.2026;Miete;-850,00 €\n02.09.2026;Strom;-60,00 €\n', encoding: 'ISO-8859-15' });
  });

  test('plain ASCII is UTF-8; an empty file is empty text', () => {
    expect(decodeStatementBytes(Buffer.from('date,amount\n2026-01-01,5\n'))).toEqual({ text: 'date,amount\n2026-01-01,5\n', encoding: 'UTF-8' });
    expect(decodeStatementBytes(Buffer.alloc(0))).toEqual({ text: '', encoding: 'UTF-8' });
    expect(decodeStatementBytes(Buffer.from([0xef, 0xbb, 0xbf]))).toEqual({ text: '', encoding: 'UTF-8' });
  });
});

describe('a declared encoding overrides detection', () => {
  test('in any usual spelling', () => {
    const bytes = fixture('cp1250-pl.csv');
    expect(decodeStatementBytes(bytes, 'cp1250')).toEqual({ text: texts.pl, encoding: 'windows-1250' });
    // Declared wrongly, it is still obeyed: the user sees the garbled preview and picks again.
    const asLatin1 = decodeStatementBytes(bytes, 'ISO-8859-1');
    expect(asLatin1.encoding).toBe('ISO-8859-1');
    expect(asLatin1.text).not.toBe(texts.pl);
    expect(decodeStatementBytes(fixture('utf16le-de.csv'), 'utf-16le').text).toBe(texts.de);
    expect(decodeStatementBytes(fixture('cp1252-de.csv'), '1252').text).toBe(texts.de);
  });

  test('"US-ASCII" and "NONE" (OFX headers) say nothing: the bytes are detected', () => {
    expect(decodeStatementBytes(fixture('cp1252-de.csv'), 'USASCII')).toEqual({ text: texts.de, encoding: 'windows-1252' });
    expect(decodeStatementBytes(fixture('utf8-de.csv'), 'NONE')).toEqual({ text: texts.de, encoding: 'UTF-8' });
  });

  test('an unknown name is an unreadable file naming it', () => {
    expect(() => decodeStatementBytes(Buffer.from('a'), 'klingon-8')).toThrow(new UnreadableFileError('Unknown text encoding "klingon-8"'));
  });

  test('names are canonical', () => {
    expect(canonicalEncodingName('latin1')).toBe('ISO-8859-1');
    expect(canonicalEncodingName('Windows-1250')).toBe('windows-1250');
    expect(canonicalEncodingName('iso8859-15')).toBe('ISO-8859-15');
    expect(canonicalEncodingName('UTF8')).toBe('UTF-8');
    expect(canonicalEncodingName('nope')).toBeNull();
  });
});

test('binary data is not a statement: the error names the line', () => {
  const zip = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.from([0x9c, 0xff, 0x00, 0x01, 0x00, 0xe1])]);
  expect(() => decodeStatementBytes(zip)).toThrow(UnreadableFileError);
  const late = Buffer.concat([Buffer.from('date,amount\n2026-01-01,5\n'), Buffer.from([0x00, 0x9c, 0xff])]);
  expect(() => decodeStatementBytes(late)).toThrow('Line 3: This is not a text file (binary data)');
});
