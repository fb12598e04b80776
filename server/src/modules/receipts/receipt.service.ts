import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { OwnerScope } from '../../db/owner-scope';
import { badInput, notFound } from '../../lib/errors';
import { readLimited, type IncomingFile } from '../../lib/incoming-file';
import type { ReceiptStorage } from '../../storage/receipt-storage';
import { StoredObjectMissingError } from '../../storage/receipt-storage';
import { removeStoredFiles } from '../../storage/remove-files';
import type { DeletionService } from '../deletion/deletion.service';
import { cleanFilename, declaredImageSize, detectFileKind, hasStructureOf, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './file-signature';
import type { Receipt } from './receipt.entity';
import type { NewReceipt, ReceiptRepository } from './receipt.repository';

export class ReceiptService {
  constructor(
    private readonly receipts: ReceiptRepository,
    private readonly deletion: DeletionService,
    private readonly storage: ReceiptStorage,
    readonly maxBytes: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Stores the file, then its row. A file whose row cannot be saved is removed again, so a failed
   * upload leaves nothing behind.
   */
  async upload(scope: OwnerScope, transactionId: number, file: IncomingFile): Promise<Receipt> {
    if (!(await this.receipts.ownsTransaction(scope, transactionId))) throw notFound('Transaction');
    const body = await readLimited(file, this.maxBytes, this.tooLargeMessage());
    if (body.length === 0) throw badInput('file', 'The file is empty.');
    const kind = detectFileKind(body.subarray(0, 64));
    if (!kind) throw badInput('file', 'Receipts can be JPEG, PNG, WebP, HEIC or PDF files.');
    if (!hasStructureOf(body, kind)) throw badInput('file', `This file is not a readable ${kind.extension.toUpperCase()} file.`);
    const size = declaredImageSize(body, kind);
    if (size && (size.width * size.height > MAX_IMAGE_PIXELS || Math.max(size.width, size.height) > MAX_IMAGE_SIDE)) {
      throw badInput('file', `This image is too large (${size.width} × ${size.height} pixels).`);
    }

    const storageKey = `${scope.userId}/${randomUUID()}`;
    await this.storage.put(storageKey, body, kind.contentType);
    try {
      return await this.receipts.insert(scope, {
        transactionId,
        filename: cleanFilename(file.filename, kind),
        contentType: kind.contentType,
        size: body.length,
        storageKey,
      });
    } catch (error) {
      await removeStoredFiles(this.storage, this.logger, [storageKey]);
      throw error;
    }
  }

  /**
   * Rows for files already in storage (the seed; a restore). Only transactions of the owner's may
   * carry them: the caller stored the files first, so no row ever names a missing file.
   */
  async insertStored(scope: OwnerScope, receipts: readonly NewReceipt[]): Promise<void> {
    await this.receipts.insertMany(scope, receipts);
  }

  /** Deletes the receipt's row, then its file. */
  async delete(scope: OwnerScope, receiptId: number): Promise<boolean> {
    await this.deletion.deleteOwned(scope, { receipt: receiptId });
    return true;
  }


  /** Receipts of many transactions at once (for the per-request loader), oldest first. */
  listForTransactions(scope: OwnerScope, transactionIds: readonly number[]): Promise<Receipt[]> {
    return this.receipts.listForTransactions(scope, transactionIds);
  }

  /** The receipt and its bytes, for its owner only; anybody else gets NOT_FOUND. */
  async openForDownload(scope: OwnerScope, receiptId: number): Promise<{ receipt: Receipt; body: Readable }> {
    const receipt = await this.receipts.find(scope, receiptId);
    if (!receipt) throw notFound('Receipt');
    try {
      return { receipt, body: await this.storage.read(receipt.storageKey) };
    } catch (error) {
      if (error instanceof StoredObjectMissingError) throw notFound('Receipt file');
      throw error;
    }
  }

  /**
   * Removes stored objects that no receipt row points at and that are older than `olderThanMs`
   * (younger ones may belong to an upload whose row is being written). Such orphans appear when a
   * file could not be removed after its rows were deleted, e.g. while the object store was down.
   */
  async sweepOrphans(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    let candidates: string[] = [];
    const flush = async () => {
      if (candidates.length === 0) return;
      const referenced = await this.receipts.storageKeysInUseOfAnyOwner(candidates);
      const orphans = candidates.filter((key) => !referenced.has(key));
      await removeStoredFiles(this.storage, this.logger, orphans);
      removed += orphans.length;
      candidates = [];
    };
    for await (const { key, modifiedAt } of this.storage.listKeys()) {
      if (now - modifiedAt.getTime() < olderThanMs) continue;
      candidates.push(key);
      if (candidates.length >= 500) await flush();
    }
    await flush();
    if (removed > 0) this.logger.info({ removed }, 'removed orphaned receipt files');
    return removed;
  }

  private tooLargeMessage(): string {
    const megabytes = this.maxBytes / (1024 * 1024);
    return `Receipts can be at most ${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB.`;
  }
}
