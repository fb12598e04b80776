/**
 * The backup archive's format (docs/backup-format.md says the same for people): a zip holding
 * manifest.json, one NDJSON file per kind of row and the receipt files. Bump the version with any
 * change a reader of the old version would misread, and add the step from the old one to
 * UPGRADES (restore-archive.ts).
 */
export const BACKUP_FORMAT = 'finance-tracker-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** The kinds of row, in the order a restore writes them (each names only kinds before it). */
export const BACKUP_KINDS = ['accounts', 'categories', 'transactions', 'splits', 'transfers', 'receipts', 'rules', 'budgets', 'importProfiles'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const MANIFEST_FILE = 'manifest.json';

/** The archive's file of each kind. */
export function fileOfKind(kind: BackupKind): string {
  return kind === 'importProfiles' ? 'import-profiles.ndjson' : `${kind}.ndjson`;
}

/** Where a receipt's bytes are in the archive. */
export function receiptFileOf(receiptId: number): string {
  return `receipts/${receiptId}`;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** When the archive was written (ISO 8601, UTC). */
  createdAt: string;
  /** The owner's currency when it was written (budgets are in it). */
  currency: string;
  /** How many lines each NDJSON file holds. */
  counts: Record<BackupKind, number>;
}

/**
 * The type of each field of a row, as an NDJSON line holds it: ids and references are positive
 * integers (the backup's own ids, which a restore remaps), money is a string of integer minor
 * units (never a JSON number: nothing rounds), times are ISO 8601 in UTC.
 */
export type FieldType = 'id' | 'ref' | 'nullableRef' | 'text' | 'nullableText' | 'bool' | 'minor' | 'count' | 'date' | 'month' | 'time' | 'nullableTime' | 'currency' | 'json' | 'nullableJson';

export const ROW_FIELDS = {
  accounts: { id: 'id', name: 'text', currency: 'currency', openingBalance: 'minor', archived: 'bool', createdAt: 'time' },
  categories: { id: 'id', name: 'text', kind: 'text', color: 'text', rollover: 'bool', createdAt: 'time' },
  transactions: {
    id: 'id', accountId: 'ref', categoryId: 'nullableRef', date: 'date', amount: 'minor', description: 'text', notes: 'text', importedDescription: 'text',
    externalId: 'nullableText', importFingerprint: 'nullableText', transferId: 'nullableRef', isSplit: 'bool', handSetFields: 'count', createdAt: 'time', updatedAt: 'time',
  },
  splits: { id: 'id', transactionId: 'ref', position: 'count', amount: 'minor', categoryId: 'nullableRef', notes: 'text', transferId: 'nullableRef' },
  transfers: { id: 'id', outflowTransactionId: 'ref', inflowTransactionId: 'ref', origin: 'text', createdAt: 'time' },
  receipts: { id: 'id', transactionId: 'ref', filename: 'text', contentType: 'text', size: 'count', sha256: 'text', createdAt: 'time' },
  rules: {
    id: 'id', name: 'text', position: 'count', enabled: 'bool', matchAll: 'bool', stopProcessing: 'bool', override: 'bool', conditions: 'json', actions: 'json',
    appliedCount: 'count', lastAppliedAt: 'nullableTime', createdAt: 'time',
  },
  budgets: { id: 'id', categoryId: 'ref', month: 'month', amount: 'minor' },
  importProfiles: { id: 'id', accountId: 'ref', mapping: 'nullableJson', accountHint: 'nullableText', updatedAt: 'time' },
} as const satisfies Record<BackupKind, Record<string, FieldType>>;

type ValueOf<T extends FieldType> = T extends 'id' | 'ref' | 'count'
  ? number
  : T extends 'nullableRef'
    ? number | null
    : T extends 'bool'
      ? boolean
      : T extends 'minor'
        ? bigint
        : T extends 'nullableText' | 'nullableTime'
          ? string | null
          : T extends 'json'
            ? unknown
            : T extends 'nullableJson'
              ? unknown
              : string;

/** A row of one kind as the archive holds it (money as bigint once read). */
export type BackupRow<K extends BackupKind> = { -readonly [F in keyof (typeof ROW_FIELDS)[K]]: ValueOf<(typeof ROW_FIELDS)[K][F] & FieldType> };

export type BackupRows = { [K in BackupKind]: BackupRow<K>[] };
