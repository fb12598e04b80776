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

/**
 * The dimensions an image declares in its header, when they can be read. The server never decodes
 * images; this keeps one that would blow up a browser's decoder (a "pixel flood") out of the app.
 */
export function declaredImageSize(body: Buffer, kind: FileKind): { width: number; height: number } | null {
  if (!kind.contentType.startsWith('image/')) return null;
  try {
    const { width, height } = imageSize(body);
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}

/** The client's filename without folders, control characters or quotes, and not too long. */
export function cleanFilename(name: string | undefined, fallbackExtension: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .normalize('NFC')
    .trim()
    .replace(/^\.+/, '');
  const limited = [...cleaned].slice(0, 200).join('');
  return limited || `receipt.${fallbackExtension}`;
}
