import { uploadedName } from '../../lib/incoming-file';
import { imageSize } from 'image-size';

/**
 * Recognises the receipt formats we accept from their first bytes (magic numbers), never from the
 * name or the content type the client claims. An allow-list of five formats is all the product
 * needs, and keeping it here avoids an ESM-only dependency in a CommonJS server.
 */
export interface FileKind {
  contentType: string;
  extension: string;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

export function detectFileKind(head: Buffer): FileKind | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return { contentType: 'image/jpeg', extension: 'jpg' };
  }
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { contentType: 'image/png', extension: 'png' };
  }
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') {
    return { contentType: 'image/webp', extension: 'webp' };
  }
  if (head.length >= 5 && head.toString('latin1', 0, 5) === '%PDF-') {
    return { contentType: 'application/pdf', extension: 'pdf' };
  }
  // ISO base media: a box size, then "ftyp" and the major brand.
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp' && HEIF_BRANDS.has(head.toString('latin1', 8, 12))) {
    return { contentType: 'image/heic', extension: 'heic' };
  }
  return null;
}

/** More pixels than any receipt photo needs; a decompression bomb declares far more. */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const MAX_IMAGE_SIDE = 20_000;

/** What image-size calls each kind: its own reading of the header must agree with the magic bytes. */
const IMAGE_SIZE_TYPES: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
};

/**
 * The dimensions an image declares in its header, or null when its header does not parse as the
 * kind its magic bytes claim (a JPEG signature in front of a web page, say). The server never
 * decodes images; the size also keeps one that would blow up a browser's decoder (a "pixel
 * flood") out of the app.
 */
export function declaredImageSize(body: Buffer, kind: FileKind): { width: number; height: number } | null {
  const expected = IMAGE_SIZE_TYPES[kind.contentType];
  if (!expected) return null;
  try {
    const { width, height, type } = imageSize(body);
    return width && height && type && expected.includes(type) ? { width, height } : null;
  } catch {
    return null;
  }
}

const JPEG_START_OF_SCAN = Buffer.from([0xff, 0xda]);
const JPEG_END_OF_IMAGE = Buffer.from([0xff, 0xd9]);
const PDF_TAIL_BYTES = 1024;

/**
 * Whether the file has the structure of its kind beyond the first bytes: an image's header and
 * dimensions parse (a JPEG also has its scan and end marker, a PNG its IEND chunk); a PDF ends
 * with %%EOF (within the last 1 KiB, as readers allow) and has a cross-reference or objects.
 * Magic bytes alone are easy to put in front of anything.
 */
export function hasStructureOf(body: Buffer, kind: FileKind): boolean {
  if (kind.contentType === 'application/pdf') return looksLikePdf(body);
  if (!declaredImageSize(body, kind)) return false;
  if (kind.contentType === 'image/jpeg') {
    const scan = body.indexOf(JPEG_START_OF_SCAN, 2);
    return scan > 0 && body.indexOf(JPEG_END_OF_IMAGE, scan) > 0;
  }
  if (kind.contentType === 'image/png') return body.includes('IEND', 8, 'latin1');
  return true;
}

function looksLikePdf(body: Buffer): boolean {
  let end = body.length;
  // Trailing whitespace and NULs after %%EOF are common and harmless.
  while (end > 0 && [0x00, 0x09, 0x0a, 0x0d, 0x20].includes(body[end - 1])) end -= 1;
  const tail = body.toString('latin1', Math.max(0, end - PDF_TAIL_BYTES), end);
  if (!tail.includes('%%EOF')) return false;
  const text = body.toString('latin1', 0, end);
  return /\bstartxref\s+\d+/.test(tail) || /\bxref\b/.test(text) || (/\b\d+\s+\d+\s+obj\b/.test(text) && text.includes('endobj'));
}

/** Extensions that already say the detected kind; any other is followed by the kind's own. */
const EXTENSIONS_OF: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
  'application/pdf': ['pdf'],
};

/**
 * The filename with an extension that matches the detected type, so a PDF uploaded as
 * "fake.html" is saved as "fake.html.pdf" and opens as what it is.
 */
export function withExtensionOf(filename: string, contentType: string): string {
  const allowed = EXTENSIONS_OF[contentType];
  if (!allowed) return filename;
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  return extension && allowed.includes(extension) ? filename : `${filename}.${allowed[0]}`;
}

/**
 * The client's filename without folders, control characters or quotes, not too long, and ending
 * in an extension of the detected kind.
 */
export function cleanFilename(name: string | undefined, kind: FileKind): string {
  const cleaned = uploadedName(name);
  return cleaned ? withExtensionOf(cleaned, kind.contentType) : `receipt.${kind.extension}`;
}
