/** Small files with the right magic bytes for each receipt format, made in code (nothing binary committed). */
const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A 1 × 1 grey baseline JPEG: one quantisation table, one-code Huffman tables, one block of zeros. */
const JPEG_1x1 = (() => {
  const segment = (marker: number, body: Buffer) => {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(body.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), length, body]);
  };
  const huffman = (tableClass: number) => Buffer.concat([Buffer.from([tableClass << 4, 1]), Buffer.alloc(15), Buffer.from([0])]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    segment(0xc4, huffman(0)),
    segment(0xc4, huffman(1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    // DC difference 0, then end of block, padded with ones.
    Buffer.from([0x3f, 0xff, 0xd9]),
  ]);
})();

/** An ISO base media box: size, type, body. */
function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
}
const fullBoxHeader = Buffer.alloc(4);
const u32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};

/** The boxes of a HEIC photo up to its declared size (ispe: 4032 × 3024); the coded image is left out. */
const HEIC_HEADER = Buffer.concat([
  box('ftyp', Buffer.from('heic', 'latin1'), Buffer.alloc(4), Buffer.from('mif1heic', 'latin1')),
  box('meta', fullBoxHeader, box('iprp', box('ipco', box('ispe', fullBoxHeader, u32(4032), u32(3024))))),
]);

export const receiptFiles = {
  jpeg: { name: 'lunch.jpg', type: 'image/jpeg', body: JPEG_1x1, contentType: 'image/jpeg' },
  png: { name: 'scan.png', type: 'image/png', body: PNG_1x1, contentType: 'image/png' },
  webp: {
    name: 'photo.webp',
    type: 'image/webp',
    // A lossless 1 × 1 WebP (the one browsers' feature tests use).
    body: Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'),
    contentType: 'image/webp',
  },
  heic: { name: 'IMG_0001.HEIC', type: 'image/heic', body: Buffer.concat([HEIC_HEADER, box('mdat', Buffer.alloc(100, 2))]), contentType: 'image/heic' },
  pdf: {
    name: 'invoice.pdf',
    type: 'application/pdf',
    body: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
    contentType: 'application/pdf',
  },
} as const;

/** An ELF executable renamed to look like a photo. */
export const renamedExecutable = {
  name: 'holiday.jpg',
  type: 'image/jpeg',
  body: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), Buffer.alloc(300, 0)]),
};

export const htmlPretendingToBePdf = {
  name: 'invoice.pdf',
  type: 'application/pdf',
  body: Buffer.from('<html><script>alert(document.cookie)</script></html>'),
};

/** JPEG magic bytes (and a JFIF segment) in front of a web page: no image inside. */
export const htmlBehindJpegMagic = {
  name: 'photo.jpg',
  type: 'image/jpeg',
  body: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), Buffer.from('<html><script>alert(document.cookie)</script></html>')]),
};

/** The first half of a real PDF: its objects are cut off and it has no trailer. */
export const truncatedPdf = {
  name: 'statement.pdf',
  type: 'application/pdf',
  body: receiptFiles.pdf.body.subarray(0, Math.floor(receiptFiles.pdf.body.length / 2)),
};

/** A PNG whose header declares 100 000 × 100 000 pixels: a decompression bomb for whoever decodes it. */
export const pixelFloodPng = (() => {
  const body = Buffer.from(PNG_1x1);
  body.writeUInt32BE(100_000, 16);
  body.writeUInt32BE(100_000, 20);
  return { name: 'flood.png', type: 'image/png', body };
})();
