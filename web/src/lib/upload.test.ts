import { describe, expect, it } from 'vitest';
import { receiptUploadForm } from './upload';

describe('receipt upload request', () => {
  it('follows the GraphQL multipart request spec', async () => {
    const file = new File(['%PDF-1.4'], 'receipt.pdf', { type: 'application/pdf' });
    const form = receiptUploadForm('7', file);
    const operations = JSON.parse(String(form.get('operations')));
    expect(operations.variables).toEqual({ transactionId: '7', file: null });
    expect(operations.query).toMatch(/mutation UploadReceipt\(\$transactionId: ID!, \$file: Upload!\)/);
    expect(JSON.parse(String(form.get('map')))).toEqual({ 0: ['variables.file'] });
    expect((form.get('0') as File).name).toBe('receipt.pdf');
    expect([...form.keys()]).toEqual(['operations', 'map', '0']);
  });
});
