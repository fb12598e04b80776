import type { AppConfig } from '../config';
import { DiskReceiptStorage } from './disk-receipt-storage';
import type { ReceiptStorage } from './receipt-storage';
import { S3ReceiptStorage } from './s3-receipt-storage';

/** The one place that picks where receipt files live: S3 when configured, DATA_DIR otherwise. */
export async function createReceiptStorage(config: Pick<AppConfig, 's3' | 'receiptsDir'>): Promise<ReceiptStorage> {
  if (config.s3) {
    const storage = new S3ReceiptStorage(config.s3);
    await storage.ensureBucket();
    return storage;
  }
  return new DiskReceiptStorage(config.receiptsDir);
}
