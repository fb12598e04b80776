/** Small files with the right magic bytes for each receipt format, made in code (nothing binary committed). */
const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function box(type: string, brand: string): Buffer {
  const body = Buffer.concat([Buffer.from(brand, 'latin1'), Buffer.alloc(4), Buffer.from(`${brand}mif1`, 'latin1')]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
}

export const receiptFiles = {
  jpeg: { name: 'lunch.jpg', type: 'image/jpeg', body: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(200, 1), Buffer.from([0xff, 0xd9])]), contentType: 'image/jpeg' },
  png: { name: 'scan.png', type: 'image/png', body: PNG_1x1, contentType: 'image/png' },
  webp: {
    name: 'photo.webp',
    type: 'image/webp',
    body: Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(28, 0)]),
    contentType: 'image/webp',
  },
  heic: { name: 'IMG_0001.HEIC', type: 'image/heic', body: Buffer.concat([box('ftyp', 'heic'), Buffer.alloc(100, 2)]), contentType: 'image/heic' },
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

/** A PNG whose header declares 100 000 × 100 000 pixels: a decompression bomb for whoever decodes it. */
export const pixelFloodPng = (() => {
  const body = Buffer.from(PNG_1x1);
  body.writeUInt32BE(100_000, 16);
  body.writeUInt32BE(100_000, 20);
  return { name: 'flood.png', type: 'image/png', body };
})();
