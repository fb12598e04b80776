import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { findOwned, findOwnedOrNull } from '../../db/owned';
import { RowReader } from '../../db/row-reader';
import { SqlParameters } from '../../db/sql-parameters';
import { badInput, notFound, tooLarge } from '../../lib/errors';
import type { ReceiptStorage } from '../../storage/receipt-storage';
import { StoredObjectMissingError } from '../../storage/receipt-storage';
import { Transaction } from '../transactions/transaction.entity';
import { cleanFilename, declaredImageSize, detectFileKind, hasStructureOf, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './file-signature';
import { Receipt } from './receipt.entity';

export interface IncomingFile {
  filename?: string;
  /** Opens the upload's bytes; may throw at once when the upload already failed (too large). */
  open(): Readable;
}

export class ReceiptService {
  private readonly reader: RowReader<Receipt>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: ReceiptStorage,
    readonly maxBytes: number,
    private readonly logger: Logger,
  ) {
    this.reader = new RowReader(dataSource, Receipt, 'r');
  }

  /**
   * Stores the file, then its row. A file whose row cannot be saved is removed again, so a failed
   * upload leaves nothing behind.
   */
  async upload(userId: number, transactionId: string, file: IncomingFile): Promise<Receipt> {
    const transaction = await findOwned(this.dataSource.manager, Transaction, userId, transactionId, 'Transaction');
    const body = await this.readLimited(file);
    if (body.length === 0) throw badInput('file', 'The file is empty.');
    const kind = detectFileKind(body.subarray(0, 64));
    if (!kind) throw badInput('file', 'Receipts can be JPEG, PNG, WebP, HEIC or PDF files.');
    if (!hasStructureOf(body, kind)) throw badInput('file', `This file is not a readable ${kind.extension.toUpperCase()} file.`);
    const size = declaredImageSize(body, kind);
    if (size && (size.width * size.height > MAX_IMAGE_PIXELS || Math.max(size.width, size.height) > MAX_IMAGE_SIDE)) {
      throw badInput('file', `This image is too large (${size.width} × ${size.height} pixels).`);
    }

    const storageKey = `${userId}/${randomUUID()}`;
    await this.storage.put(storageKey, body, kind.contentType);
    try {
      return await this.dataSource.manager.save(
        this.dataSource.manager.create(Receipt, {
          userId,
          transactionId: transaction.id,
          filename: cleanFilename(file.filename, kind),
          contentType: kind.contentType,
          size: body.length,
          storageKey,
        }),
      );
    } catch (error) {
      await this.removeFiles([storageKey]);
      throw error;
    }
  }

  async delete(userId: number, id: string): Promise<boolean> {
    const receipt = await findOwned(this.dataSource.manager, Receipt, userId, id, 'Receipt');
    await this.dataSource.manager.delete(Receipt, { userId, id: receipt.id });
    await this.removeFiles([receipt.storageKey]);
    return true;
  }

  /**
   * Receipts of many transactions at once (for the per-request loader), oldest first: on every
   * page, so plain SQL.
   */
  async listForTransactions(userId: number, transactionIds: readonly number[]): Promise<Receipt[]> {
    if (transactionIds.length === 0) return [];
    const parameters = SqlParameters.for(this.dataSource);
    const user = parameters.add(userId);
    const ids = transactionIds.map((id) => parameters.add(id)).join(', ');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${this.reader.selectList} FROM "receipts" "r" WHERE "r"."user_id" = ${user} AND "r"."transaction_id" IN (${ids}) ORDER BY "r"."id" ASC`,
      parameters.values,
    );
    return rows.map((row) => this.reader.read(row)!);
  }

  getForUser(userId: number, id: string): Promise<Receipt> {
    return findOwned(this.dataSource.manager, Receipt, userId, id, 'Receipt');
  }

  /** The receipt and its bytes, for its owner only; anybody else gets NOT_FOUND. */
  async openForDownload(userId: number, id: string): Promise<{ receipt: Receipt; body: Readable }> {
    const receipt = await findOwnedOrNull(this.dataSource.manager, Receipt, userId, id);
    if (!receipt) throw notFound('Receipt');
    try {
      return { receipt, body: await this.storage.read(receipt.storageKey) };
    } catch (error) {
      if (error instanceof StoredObjectMissingError) throw notFound('Receipt file');
      throw error;
    }
  }

  /** Storage keys of the receipts that a delete is about to take with it, read inside its transaction. */
  async storageKeysWhere(
    manager: EntityManager,
    userId: number,
    scope: { transactionId: number } | { accountId: number },
  ): Promise<string[]> {
    const query = manager
      .createQueryBuilder(Receipt, 'r')
      .select('r.storage_key', 'storageKey')
      .where('r.user_id = :userId', { userId });
    if ('transactionId' in scope) query.andWhere('r.transaction_id = :transactionId', scope);
    else {
      query.innerJoin(Transaction, 't', 't.id = r.transaction_id').andWhere('t.account_id = :accountId', scope);
    }
    const rows = await query.getRawMany<{ storageKey: string }>();
    return rows.map((row) => row.storageKey);
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
      const rows = await this.dataSource.manager.find(Receipt, { select: { storageKey: true }, where: { storageKey: In(candidates) } });
      const referenced = new Set(rows.map((row) => row.storageKey));
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

  /** Every storage key of the user's receipts, read inside the transaction that deletes them. */
  async storageKeysOfUser(manager: EntityManager, userId: number): Promise<string[]> {
    const rows = await manager.find(Receipt, { select: { storageKey: true }, where: { userId } });
    return rows.map((row) => row.storageKey);
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
