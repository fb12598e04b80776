import { describe, expect, it } from 'vitest';
import { formatFileSize, receiptUploadForm, tooLargeSentence } from './upload';

describe('receipt upload request', () => {
  it('follows the GraphQL multipart request spec', async () => {
    const file = new File(['%PDF-1.4'], 'receipt.pdf', { type: 'application/pdf' });
    const form = receiptUploadForm('7', file);
    const operations = JSON.parse(form.get('operations') as string);
    expect(operations.variables).toEqual({ transactionId: '7', file: null });
    expect(operations.query).toMatch(/mutation UploadReceipt\(\$transactionId: ID!, \$file: Upload!\)/);
    expect(JSON.parse(form.get('map') as string)).toEqual({ 0: ['variables.file'] });
    expect((form.get('0') as File).name).toBe('receipt.pdf');
    expect([...form.keys()]).toEqual(['operations', 'map', '0']);
  });
});

describe('checking a receipt’s size before sending it', () => {
  it('refuses a file over the limit with both sizes, and lets one at the limit through', () => {
    const limit = 10 * 1024 * 1024;
    expect(tooLargeSentence({ size: 20 * 1024 * 1024 }, limit, 'en-US')).toBe('The file is 20 MB; receipts can be at most 10 MB.');
    expect(tooLargeSentence({ size: limit }, limit, 'en-US')).toBeNull();
    expect(tooLargeSentence({ size: limit + 1 }, limit, 'en-US')).toMatch(/^The file is 10 MB; /);
  });

  it('formats sizes in binary units, as the server’s limit is set', () => {
    expect(formatFileSize(3 * 1024 * 1024, 'en-US')).toBe('3 MB');
    expect(formatFileSize(2.5 * 1024 * 1024, 'en-US')).toBe('2.5 MB');
    expect(formatFileSize(340 * 1024, 'en-US')).toBe('340 kB');
  });
});
