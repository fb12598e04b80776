import type { Logger } from 'pino';
import type { ReceiptStorage } from './receipt-storage';

/**
 * Removes stored files after the rows that named them are gone, best effort: a file that cannot be
 * removed now (the object store is down) is logged and left for the orphan sweep, never resurrected.
 */
export async function removeStoredFiles(storage: ReceiptStorage, logger: Logger, storageKeys: readonly string[]): Promise<void> {
  for (const key of storageKeys) {
    try {
      await storage.remove(key);
    } catch (error) {
      logger.error({ err: error, storageKey: key }, 'could not remove a receipt file');
    }
  }
}
