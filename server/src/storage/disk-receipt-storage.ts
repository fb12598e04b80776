import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertStorageKey, STORAGE_KEY, StoredObjectMissingError, type ReceiptStorage } from './receipt-storage';

/** Receipts as files under DATA_DIR/receipts/<userId>/<uuid>: the embedded default. */
export class DiskReceiptStorage implements ReceiptStorage {
  constructor(private readonly root: string) {}

  async put(key: string, body: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    // Write beside the target and rename, so a crash never leaves half a file under the real key.
    const partial = `${target}.${randomUUID()}.partial`;
    try {
      await fsp.writeFile(partial, body, { flag: 'wx' });
      await fsp.rename(partial, target);
    } catch (error) {
      await fsp.rm(partial, { force: true });
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      const handle = await fsp.open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredObjectMissingError(key);
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async check(): Promise<void> {
    await fsp.mkdir(this.root, { recursive: true });
    await fsp.access(this.root, fs.constants.W_OK);
  }

  async *listKeys(): AsyncIterable<{ key: string; modifiedAt: Date }> {
    let userFolders: string[];
    try {
      userFolders = await fsp.readdir(this.root);
    } catch {
      return;
    }
    for (const folder of userFolders) {
      const files = await fsp.readdir(path.join(this.root, folder)).catch(() => [] as string[]);
      for (const file of files) {
        const key = `${folder}/${file}`;
        if (!STORAGE_KEY.test(key)) continue; // a write still in progress (.partial)
        const stats = await fsp.stat(path.join(this.root, key)).catch(() => null);
        if (stats?.isFile()) yield { key, modifiedAt: stats.mtime };
      }
    }
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, key);
  }
}
