import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
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

  async archive(scope: OwnerScope): Promise<Readable> {
    const currency = await this.repository.ownerCurrency(scope);
    const zip = new ZipFile();
    const counts = Object.fromEntries(BACKUP_KINDS.map((kind) => [kind, 0])) as Record<BackupKind, number>;
    for (const kind of BACKUP_KINDS) {
      if (kind === 'receipts') continue;
      zip.addReadStreamLazy(fileOfKind(kind), (done) => done(null, Readable.from(this.lines(scope, kind, counts))));
    }
    // Receipts' rows are few beside transactions': their metadata is listed first, then each
    // file is streamed from storage, hashed on the way, and the rows written with the hashes.
    const receipts: (StoredRow & { sha256?: string })[] = [];
    for await (const row of this.rows(scope, 'receipts')) {
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

  private async *lines(scope: OwnerScope, kind: BackupKind, counts: Record<BackupKind, number>): AsyncGenerator<string> {
    const jsonFields = JSON_FIELDS[kind] ?? [];
    for await (const row of this.rows(scope, kind)) {
      for (const field of jsonFields) row[field] = row[field] === null ? null : JSON.parse(row[field] as string);
      counts[kind] += 1;
      yield ndjsonLine(row);
    }
  }

  private async *rows(scope: OwnerScope, kind: BackupKind): AsyncGenerator<StoredRow> {
    for (let afterId = 0; ; ) {
      const page = await this.repository.page(scope, kind, afterId, PAGE_SIZE);
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
