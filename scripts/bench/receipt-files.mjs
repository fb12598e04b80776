// The receipt files the backup benchmark stores: real PNGs and PDFs (the app checks their
// structure on restore), a few KB to about 200 KB, mostly photos. Their pixels and streams are
// random bytes, so they do not compress: the archive is as large as a household's would be.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { seededRandom } from './server-dist.mjs';

const MIN_BYTES = 3 * 1024;
const MAX_BYTES = 200 * 1024;
const PDF_SHARE = 0.2;

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A greyscale PNG of about `bytes` bytes: 256 pixels wide, as many noisy rows as it takes. */
function png(bytes) {
  const width = 256;
  const height = Math.max(1, Math.round(bytes / (width + 1)));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const raw = crypto.randomBytes((width + 1) * height);
  for (let row = 0; row < height; row += 1) raw[row * (width + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', zlib.deflateSync(raw, { level: 1 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF whose content stream is `bytes` of noise, with its cross-reference table. */
function pdf(bytes) {
  const stream = crypto.randomBytes(bytes);
  const parts = [Buffer.from('%PDF-1.4\n')];
  const offsets = [];
  const add = (text) => {
    offsets.push(parts.reduce((sum, part) => sum + part.length, 0));
    parts.push(Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'));
  };
  add('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  add('2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n');
  add('3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n');
  add(Buffer.concat([Buffer.from(`4 0 obj\n<< /Length ${stream.length} >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')]));
  const xref = parts.reduce((sum, part) => sum + part.length, 0);
  const table = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${table}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** `count` receipts ({ filename, contentType, body }), sizes spread evenly on a log scale. */
export function receiptFiles(count, seed = 20) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const bytes = Math.round(MIN_BYTES * (MAX_BYTES / MIN_BYTES) ** random());
    const isPdf = random() < PDF_SHARE;
    return isPdf
      ? { filename: `receipt-${i + 1}.pdf`, contentType: 'application/pdf', body: pdf(bytes) }
      : { filename: `receipt-${i + 1}.png`, contentType: 'image/png', body: png(bytes) };
  });
}
