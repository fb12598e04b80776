import { createHash } from 'node:crypto';
import { finished, Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { OwnerScope } from '../../db/owner-scope';
import type { ReceiptStorage } from '../../storage/receipt-storage';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_KINDS,
  fileOfKind,
  MANIFEST_FILE,
  receiptFileOf,
  type BackupKind,
  type BackupManifest,
} from './backup-format';
import type { BackupRepository, StoredRow } from './backup.repository';

/** Rows read at a time: a backup of a million transactions never holds more than a page of them. */
const PAGE_SIZE = 1000;

/** Columns held as JSON text in the database and as JSON values in the archive. */
const JSON_FIELDS: Partial<Record<BackupKind, string[]>> = { rules: ['conditions', 'actions'], importProfiles: ['mapping'] };

/** One NDJSON line: money (bigint) as its decimal string, so nothing rounds. */
function ndjsonLine(row: object): string {
  return `${JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}\n`;
}

/**
 * Writes the archive of everything the owner has (docs/backup-format.md) as a stream: each file
 * is read from the database a page at a time while the zip is written, and each receipt's bytes
 * straight from the storage. The manifest comes last, when the counts are known.
 */
export class BackupService {
  constructor(
    private readonly repository: BackupRepository,
    private readonly storage: ReceiptStorage,
  ) {}

  /**
   * Every file of the archive is read from one moment of the database (a user editing during the
   * download changes nothing in it, and no row refers to one the archive lacks). The moment is let
   * go when the archive ends or the download is cut off, after the page being read.
   */
  async archive(scope: OwnerScope): Promise<Readable> {
    const moment = await this.repository.atOneMoment();
    let over = false;
    let reading: Promise<unknown> = Promise.resolve();
    const read = <T>(query: (rows: BackupRepository) => Promise<T>): Promise<T> => {
      const result = query(moment.rows);
      reading = result.catch(() => undefined);
      return result;
    };
    let currency: string;
    try {
      currency = await read((rows) => rows.ownerCurrency(scope));
    } catch (error) {
      await moment.close();
      throw error;
    }
    const zip = new ZipFile();
    finished(zip.outputStream, () => {
      over = true;
      void reading.then(() => moment.close());
    });
    const pages = (kind: BackupKind) => this.rows(scope, kind, read, () => over);
    const counts = Object.fromEntries(BACKUP_KINDS.map((kind) => [kind, 0])) as Record<BackupKind, number>;
    for (const kind of BACKUP_KINDS) {
      if (kind === 'receipts') continue;
      zip.addReadStreamLazy(fileOfKind(kind), (done) => done(null, Readable.from(this.lines(pages(kind), kind, counts))));
    }
    // Receipts' rows are few beside transactions': their metadata is listed first, then each
    // file is streamed from storage, hashed on the way, and the rows written with the hashes.
    const receipts: (StoredRow & { sha256?: string })[] = [];
    for await (const row of pages('receipts')) {
      receipts.push(row);
      zip.addReadStreamLazy(receiptFileOf(row.id), (done) => done(null, Readable.from(this.hashed(row))));
    }
    zip.addReadStreamLazy(fileOfKind('receipts'), (done) =>
      done(
        null,
        Readable.from(
          receipts.map(({ storageKey: _key, ...row }) => {
            counts.receipts += 1;
            return ndjsonLine(row);
          }),
        ),
      ),
    );
    zip.addReadStreamLazy(MANIFEST_FILE, (done) => {
      const manifest: BackupManifest = { format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, createdAt: new Date().toISOString(), currency, counts };
      done(null, Readable.from([JSON.stringify(manifest, null, 2)]));
    });
    zip.end();
    return zip.outputStream as Readable;
  }

  private async *lines(rows: AsyncIterable<StoredRow>, kind: BackupKind, counts: Record<BackupKind, number>): AsyncGenerator<string> {
    const jsonFields = JSON_FIELDS[kind] ?? [];
    for await (const row of rows) {
      for (const field of jsonFields) row[field] = row[field] === null ? null : JSON.parse(row[field] as string);
      counts[kind] += 1;
      yield ndjsonLine(row);
    }
  }

  private async *rows(
    scope: OwnerScope,
    kind: BackupKind,
    read: <T>(query: (rows: BackupRepository) => Promise<T>) => Promise<T>,
    over: () => boolean,
  ): AsyncGenerator<StoredRow> {
    for (let afterId = 0; !over(); ) {
      const page = await read((rows) => rows.page(scope, kind, afterId, PAGE_SIZE));
      yield* page;
      if (page.length < PAGE_SIZE) return;
      afterId = page[page.length - 1].id;
    }
  }

  /** The receipt's bytes as stored; its SHA-256 is set on the row once they are all read. */
  private async *hashed(row: StoredRow & { sha256?: string }): AsyncGenerator<Buffer> {
    const hash = createHash('sha256');
    for await (const chunk of await this.storage.read(row.storageKey as string)) {
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
    row.sha256 = hash.digest('hex');
  }
}
