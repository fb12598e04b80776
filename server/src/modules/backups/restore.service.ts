import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { badInput } from '../../lib/errors';
import { readLimited, type IncomingFile } from '../../lib/incoming-file';
import type { ReceiptStorage } from '../../storage/receipt-storage';
import { removeStoredFiles } from '../../storage/remove-files';
import type { ImportRepository } from '../imports/import.repository';
import { detectFileKind, hasStructureOf } from '../receipts/file-signature';
import { unpackArchive } from './backup-archive';
import type { BackupRepository } from './backup.repository';
import { readBackupRows, type BackupContents } from './backup-rows';
import { RestoreRun, type RestoreCounts } from './restore-run';

/** The largest backup a restore reads (it is read whole before anything is written). */
export const RESTORE_MAX_BYTES = 512 * 1024 * 1024;

export interface RestoreResult {
  dryRun: boolean;
  formatVersion: number;
  counts: RestoreCounts;
}

/** Thrown out of a dry run's transaction so that it rolls back, carrying what it would have done. */
class DryRunFinished extends Error {
  constructor(readonly counts: RestoreCounts) {
    super('dry run');
  }
}

/**
 * Reads a backup (docs/backup-format.md) into the owner's data: everything is checked before
 * anything is written, then written in one database transaction, receipts' files stored before it
 * commits and removed again if it fails. A dry run does the same writes and rolls them back.
 */
export class RestoreService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repositories: { backups: BackupRepository; imports: ImportRepository },
    private readonly storage: ReceiptStorage,
    private readonly logger: Logger,
  ) {}

  async restore(scope: OwnerScope, file: IncomingFile, dryRun: boolean): Promise<RestoreResult> {
    const body = await readLimited(file, RESTORE_MAX_BYTES, `A backup can be at most ${RESTORE_MAX_BYTES / 1024 / 1024} MB.`);
    const archive = await unpackArchive(body);
    const contents = readBackupRows(archive);
    checkReceiptFiles(contents);
    const stored: string[] = [];
    try {
      const counts = await writeTransaction(this.dataSource, async (manager) => {
        const repositories = { backups: this.repositories.backups.within(manager), imports: this.repositories.imports.within(manager) };
        const counts = await new RestoreRun(scope, contents, archive.manifest.currency, repositories, dryRun ? null : this.storage, stored).run();
        if (dryRun) throw new DryRunFinished(counts);
        return counts;
      });
      return { dryRun, formatVersion: archive.manifest.version, counts };
    } catch (error) {
      if (error instanceof DryRunFinished) return { dryRun, formatVersion: archive.manifest.version, counts: error.counts };
      await removeStoredFiles(this.storage, this.logger, stored);
      throw error;
    }
  }
}

/** A receipt's bytes must be of the kind its row says (the download serves them with that type). */
function checkReceiptFiles({ rows, receiptFiles }: BackupContents): void {
  rows.receipts.forEach((row, index) => {
    const body = receiptFiles.get(row.id)!;
    const kind = detectFileKind(body.subarray(0, 64));
    if (!kind || kind.contentType !== row.contentType || !hasStructureOf(body, kind)) {
      throw badInput('file', `receipts.ndjson line ${index + 1}: the file is not a receipt of type ${row.contentType.slice(0, 100)}.`);
    }
  });
}
