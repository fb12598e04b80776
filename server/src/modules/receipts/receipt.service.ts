import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { ownerScope, type OwnerScope } from '../../db/owner-scope';
import { badInput, notFound, tooLarge } from '../../lib/errors';
import type { ReceiptStorage } from '../../storage/receipt-storage';
import { StoredObjectMissingError } from '../../storage/receipt-storage';
import { cleanFilename, declaredImageSize, detectFileKind, hasStructureOf, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './file-signature';
import type { Receipt } from './receipt.entity';
import type { ReceiptRepository } from './receipt.repository';

export interface IncomingFile {
  filename?: string;
  /** Opens the upload's bytes; may throw at once when the upload already failed (too large). */
  open(): Readable;
}

/**
 * The owner as the transaction, account and user services pass it today: a user id or a scope.
 * Both are accepted until one deleteOwned unit replaces their three deletions.
 */
type OwnerOrUserId = OwnerScope | number;

const asScope = (owner: OwnerOrUserId): OwnerScope => (typeof owner === 'number' ? ownerScope(owner) : owner);

export class ReceiptService {
  constructor(
    private readonly receipts: ReceiptRepository,
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
    const body = await this.readLimited(file);
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
      await this.removeFiles([storageKey]);
      throw error;
    }
  }

  async delete(scope: OwnerScope, receiptId: number): Promise<boolean> {
    const receipt = await this.receipts.find(scope, receiptId);
    if (!receipt) throw notFound('Receipt');
    await this.receipts.delete(scope, receipt.id);
    await this.removeFiles([receipt.storageKey]);
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

  /** Storage keys of the receipts that a delete is about to take with it, read inside its transaction. */
  storageKeysWhere(manager: EntityManager, owner: OwnerOrUserId, of: { transactionId: number } | { accountId: number }): Promise<string[]> {
    const receipts = this.receipts.within(manager);
    return 'transactionId' in of
      ? receipts.storageKeysOfTransaction(asScope(owner), of.transactionId)
      : receipts.storageKeysOfAccount(asScope(owner), of.accountId);
  }

  /** Every storage key of the user's receipts, read inside the transaction that deletes them. */
  storageKeysOfUser(manager: EntityManager, owner: OwnerOrUserId): Promise<string[]> {
    return this.receipts.within(manager).storageKeysOfOwner(asScope(owner));
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
      await this.removeFiles(orphans);
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

  /** Best effort after the rows are gone: a file that cannot be removed now is logged, never resurrected. */
  async removeFiles(storageKeys: string[]): Promise<void> {
    for (const key of storageKeys) {
      try {
        await this.storage.remove(key);
      } catch (error) {
        this.logger.error({ err: error, storageKey: key }, 'could not remove a receipt file');
      }
    }
  }

  /** Collects the upload, refusing it as soon as it passes the limit (never buffering more). */
  private async readLimited(file: IncomingFile): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      const stream = file.open();
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > this.maxBytes) {
          stream.destroy();
          throw tooLarge('file', this.tooLargeMessage());
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      // graphql-upload-ts ends the stream with its own error when the multipart limit trips.
      if ((error as { status?: number })?.status === 413) throw tooLarge('file', this.tooLargeMessage());
      throw error;
    }
    return Buffer.concat(chunks);
  }

  private tooLargeMessage(): string {
    const megabytes = this.maxBytes / (1024 * 1024);
    return `Receipts can be at most ${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB.`;
  }
}
