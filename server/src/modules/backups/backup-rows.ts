import { createHash } from 'node:crypto';
import { isCalendarDate } from '../../lib/dates';
import { badInput } from '../../lib/errors';
import { idsOfAction } from '../rules/rule-actions';
import { idsOfCondition } from '../rules/rule-conditions';
import type { RuleActionData, RuleConditionData } from '../rules/rule.model';
import { BACKUP_KINDS, fileOfKind, receiptFileOf, ROW_FIELDS, type BackupKind, type BackupRows, type FieldType } from './backup-format';
import { utf8, type UnpackedArchive } from './backup-archive';

/** What a restore reads: every row checked, and the bytes of each receipt by its backup id. */
export interface BackupContents {
  rows: BackupRows;
  receiptFiles: Map<number, Buffer>;
}

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const MINOR = /^-?\d{1,19}$/;
const INT64_MAX = 2n ** 63n - 1n;

/** The longest text each column takes (Postgres refuses longer; SQLite would keep it). */
const MAX_LENGTH: Record<string, number> = {
  'accounts.name': 100,
  'categories.name': 100,
  'categories.kind': 10,
  'categories.color': 7,
  'transactions.description': 500,
  'transactions.externalId': 255,
  'transactions.importFingerprint': 64,
  'transfers.origin': 10,
  'receipts.filename': 255,
  'receipts.contentType': 100,
  'rules.name': 100,
  'importProfiles.accountHint': 255,
};

/** Values a text column may hold, where it is one of a few. */
const ONE_OF: Record<string, readonly string[]> = {
  'categories.kind': ['EXPENSE', 'INCOME'],
  'transfers.origin': ['created', 'linked'],
};

class LineError extends Error {}

/** What is wrong with the value, or null when it is of the type. */
function problemOf(value: unknown, type: FieldType): string | null {
  switch (type) {
    case 'id':
    case 'ref':
      return Number.isSafeInteger(value) && (value as number) > 0 ? null : 'is not a positive integer';
    case 'nullableRef':
      return value === null || (Number.isSafeInteger(value) && (value as number) > 0) ? null : 'is not a positive integer or null';
    case 'count':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? null : 'is not a whole number';
    case 'minor':
      return typeof value === 'string' && MINOR.test(value) && BigInt(value) <= INT64_MAX && BigInt(value) >= -INT64_MAX ? null : 'is not an integer';
    case 'bool':
      return typeof value === 'boolean' ? null : 'is not true or false';
    case 'text':
      return typeof value === 'string' ? null : 'is not text';
    case 'nullableText':
      return value === null || typeof value === 'string' ? null : 'is not text or null';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'is not a date (YYYY-MM-DD)';
    case 'month':
      return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? null : 'is not a month (YYYY-MM)';
    case 'time':
    case 'nullableTime':
      if (value === null && type === 'nullableTime') return null;
      return typeof value === 'string' && TIME.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'is not a time (ISO 8601, UTC)';
    case 'currency':
      return typeof value === 'string' && knownCurrencies.has(value) ? null : 'is not a currency code';
    case 'json':
    case 'nullableJson':
      return value === undefined ? 'is missing' : null;
  }
}

function readLine(kind: BackupKind, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LineError('is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new LineError('is not a JSON object');
  const row = parsed as Record<string, unknown>;
  const fields = ROW_FIELDS[kind] as Record<string, FieldType>;
  for (const name of Object.keys(row)) if (!(name in fields)) throw new LineError(`has a field that is not of the format: ${name.slice(0, 50)}`);
  for (const [name, type] of Object.entries(fields)) {
    if (!(name in row)) throw new LineError(`${name} is missing`);
    const problem = problemOf(row[name], type);
    if (problem) throw new LineError(`${name} ${problem}`);
    const key = `${kind}.${name}`;
    // Characters, not UTF-16 units; a text no longer in units than the bound is within it, uncounted.
    const value = row[name];
    if (typeof value === 'string' && MAX_LENGTH[key] && value.length > MAX_LENGTH[key] && [...value].length > MAX_LENGTH[key]) throw new LineError(`${name} is longer than ${MAX_LENGTH[key]} characters`);
    if (ONE_OF[key] && !ONE_OF[key].includes(row[name] as string)) throw new LineError(`${name} is not one of ${ONE_OF[key].join(', ')}`);
    if (type === 'minor') row[name] = BigInt(row[name] as string);
  }
  return row;
}

/** Each NDJSON file read and checked line by line; errors name the file and line ("transactions.ndjson line 12: amount is not an integer"). */
export function readBackupRows({ manifest, files }: UnpackedArchive): BackupContents {
  const rows = {} as Record<BackupKind, Record<string, unknown>[]>;
  const lineOf = {} as Record<BackupKind, Map<number, number>>;
  for (const kind of BACKUP_KINDS) {
    const file = fileOfKind(kind);
    const bytes = files.get(file);
    if (!bytes) throw badInput('file', `The backup has no ${file}: it is damaged.`);
    const lines = utf8(bytes, file).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (lines.length !== manifest.counts[kind]) throw badInput('file', `${file} holds ${lines.length} rows, the manifest says ${manifest.counts[kind]}: the backup is damaged.`);
    rows[kind] = [];
    lineOf[kind] = new Map();
    lines.forEach((text, index) => {
      try {
        const row = readLine(kind, text);
        const id = row.id as number;
        if (lineOf[kind].has(id)) throw new LineError(`id ${id} is also on line ${lineOf[kind].get(id)}`);
        lineOf[kind].set(id, index + 1);
        rows[kind].push(row);
      } catch (error) {
        if (error instanceof LineError) throw badInput('file', `${file} line ${index + 1}: ${error.message}.`);
        throw error;
      }
    });
  }
  const contents = { rows: rows as unknown as BackupRows, receiptFiles: new Map<number, Buffer>() };
  checkReferences(contents.rows, lineOf);
  for (const [index, receipt] of contents.rows.receipts.entries()) {
    const where = `receipts.ndjson line ${index + 1}`;
    const body = files.get(receiptFileOf(receipt.id));
    if (!body) throw badInput('file', `${where}: its file ${receiptFileOf(receipt.id)} is not in the archive.`);
    if (body.length !== receipt.size || createHash('sha256').update(body).digest('hex') !== receipt.sha256) {
      throw badInput('file', `${where}: the file ${receiptFileOf(receipt.id)} is not the one the backup recorded (size or sha256 differ).`);
    }
    contents.receiptFiles.set(receipt.id, body);
  }
  for (const name of files.keys()) {
    const match = /^receipts\/(\d+)$/.exec(name);
    if (match && !contents.receiptFiles.has(Number(match[1]))) throw badInput('file', `The archive holds ${name}, which no receipt of receipts.ndjson names.`);
  }
  return contents;
}

function checkReferences(rows: BackupRows, lineOf: Record<BackupKind, Map<number, number>>): void {
  const check = (kind: BackupKind, index: number, field: string, id: number | null, target: BackupKind) => {
    if (id !== null && !lineOf[target].has(id)) throw badInput('file', `${fileOfKind(kind)} line ${index + 1}: ${field} ${id} is not in ${fileOfKind(target)}.`);
  };
  rows.transactions.forEach((row, i) => {
    check('transactions', i, 'accountId', row.accountId, 'accounts');
    check('transactions', i, 'categoryId', row.categoryId, 'categories');
    check('transactions', i, 'transferId', row.transferId, 'transfers');
  });
  rows.splits.forEach((row, i) => {
    check('splits', i, 'transactionId', row.transactionId, 'transactions');
    check('splits', i, 'categoryId', row.categoryId, 'categories');
    check('splits', i, 'transferId', row.transferId, 'transfers');
  });
  rows.transfers.forEach((row, i) => {
    check('transfers', i, 'outflowTransactionId', row.outflowTransactionId, 'transactions');
    check('transfers', i, 'inflowTransactionId', row.inflowTransactionId, 'transactions');
  });
  rows.receipts.forEach((row, i) => check('receipts', i, 'transactionId', row.transactionId, 'transactions'));
  rows.budgets.forEach((row, i) => check('budgets', i, 'categoryId', row.categoryId, 'categories'));
  rows.importProfiles.forEach((row, i) => check('importProfiles', i, 'accountId', row.accountId, 'accounts'));
  rows.rules.forEach((row, i) => {
    const where = `rules.ndjson line ${i + 1}`;
    if (!Array.isArray(row.conditions) || !Array.isArray(row.actions)) throw badInput('file', `${where}: conditions and actions are not lists.`);
    try {
      for (const condition of row.conditions as RuleConditionData[]) {
        for (const id of idsOfCondition(condition)) check('rules', i, `condition on ${condition.field.toLowerCase()}`, id, condition.field === 'ACCOUNT' ? 'accounts' : 'categories');
      }
      for (const action of row.actions as RuleActionData[]) {
        const ids = idsOfAction(action);
        for (const id of ids.categoryIds) check('rules', i, 'action category', id, 'categories');
        for (const id of ids.accountIds) check('rules', i, 'action account', id, 'accounts');
      }
    } catch (error) {
      if (error instanceof Error && error.name !== 'AppError') throw badInput('file', `${where}: a condition or action cannot be read (${error.message}).`);
      throw error;
    }
  });
}
