import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { badInput } from '../../lib/errors';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BACKUP_KINDS, fileOfKind, MANIFEST_FILE, type BackupKind, type BackupManifest } from './backup-format';

/** The most an archive may unpack to: a zip bomb stops here, not in the heap. */
const MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_ENTRIES = 1_000_000;
const RECEIPT_ENTRY = /^receipts\/([1-9]\d{0,15})$/;

/** An archive's files by name, and its manifest as read (upgraded to the current version). */
export interface UnpackedArchive {
  manifest: BackupManifest;
  files: Map<string, Buffer>;
}

type RawManifest = Record<string, unknown>;

/**
 * The steps from each older format version to the next: UPGRADES[n] turns an archive of version n
 * into one of version n + 1 (renaming fields, adding files with defaults), so the reader below
 * only ever reads the current version. Version 1 is the first: none yet.
 */
const UPGRADES: Record<number, (archive: { manifest: RawManifest; files: Map<string, Buffer> }) => { manifest: RawManifest; files: Map<string, Buffer> }> = {};

const bad = (message: string) => badInput('file', message);

/** Unzips the upload and reads its manifest, refusing (BAD_USER_INPUT) what is not a backup of ours. */
export async function unpackArchive(body: Buffer): Promise<UnpackedArchive> {
  const files = await unzip(body);
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) throw bad('This zip is not a backup of this app: it has no manifest.json.');
  let manifest: RawManifest;
  try {
    manifest = JSON.parse(utf8(manifestBytes, MANIFEST_FILE)) as RawManifest;
  } catch {
    throw bad('manifest.json is not valid JSON: the backup is damaged.');
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw bad('manifest.json is not a JSON object: the backup is damaged.');
  if (manifest.format !== BACKUP_FORMAT) throw bad(`manifest.json: this is not a backup of this app (format is ${JSON.stringify(manifest.format ?? null)}, not "${BACKUP_FORMAT}").`);
  const version = manifest.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw bad('manifest.json: version is not a positive integer.');
  if (version > BACKUP_FORMAT_VERSION) {
    throw bad(`This backup was made by a newer version of the app (format version ${version}; this one reads up to ${BACKUP_FORMAT_VERSION}). Update the app, then restore it.`);
  }
  let archive = { manifest, files };
  for (let from = version; from < BACKUP_FORMAT_VERSION; from += 1) archive = UPGRADES[from](archive);
  return { manifest: checkedManifest(archive.manifest), files: archive.files };
}

function checkedManifest(manifest: RawManifest): BackupManifest {
  if (typeof manifest.currency !== 'string' || !/^[A-Z]{3}$/.test(manifest.currency)) throw bad('manifest.json: currency is not a currency code.');
  if (typeof manifest.createdAt !== 'string') throw bad('manifest.json: createdAt is missing.');
  const counts = manifest.counts as Record<string, unknown> | null;
  if (typeof counts !== 'object' || counts === null) throw bad('manifest.json: counts is missing.');
  for (const kind of BACKUP_KINDS) {
    const count = counts[kind];
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) throw bad(`manifest.json: counts.${kind} is not a whole number.`);
  }
  return manifest as unknown as BackupManifest;
}

/** The text of an archive's file, refusing bytes that are not UTF-8. */
export function utf8(bytes: Buffer, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw bad(`${name} is not UTF-8 text: the backup is damaged.`);
  }
}

const KNOWN_FILES = new Set([MANIFEST_FILE, ...BACKUP_KINDS.map((kind: BackupKind) => fileOfKind(kind))]);

/** Every file of the zip, by name; anything not of the format is refused by name. */
function unzip(body: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(body, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (openError, zip) => {
      if (openError || !zip) return reject(bad(`This file is not a zip archive, or it is damaged (${openError?.message ?? 'unreadable'}).`));
      const files = new Map<string, Buffer>();
      let unpacked = 0;
      const fail = (error: Error) => {
        zip.close();
        reject(error);
      };
      zip.on('error', (error: Error) => fail(bad(`The zip archive is damaged (${error.message}).`)));
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        if (!KNOWN_FILES.has(entry.fileName) && !RECEIPT_ENTRY.test(entry.fileName)) return fail(bad(`The archive holds a file that is not of a backup: “${entry.fileName.slice(0, 100)}”.`));
        if (files.has(entry.fileName)) return fail(bad(`The archive holds ${entry.fileName} twice.`));
        unpacked += entry.uncompressedSize;
        if (unpacked > MAX_UNPACKED_BYTES || files.size >= MAX_ENTRIES) return fail(bad('The archive unpacks to more than a backup may hold.'));
        readEntry(zip, entry).then((bytes) => {
          files.set(entry.fileName, bytes);
          zip.readEntry();
        }, (error: Error) => fail(bad(`${entry.fileName} cannot be read from the zip: the backup is damaged (${error.message}).`)));
      });
      zip.readEntry();
    });
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
