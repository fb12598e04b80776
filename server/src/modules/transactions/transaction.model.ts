import type { CalendarDate } from '../../lib/dates';
import type { MinorUnits, Money } from '../../lib/money';
import type { AccountRecord } from '../accounts/account.model';
import type { CategoryRecord } from '../categories/category.model';
import type { SplitData } from '../splits/split.model';

/** A transaction as services hand it out, with its account and category, its amount a value in the account's currency. */
export interface TransactionRecord {
  id: number;
  accountId: number;
  categoryId: number | null;
  account: AccountRecord;
  category: CategoryRecord | null;
  date: CalendarDate;
  amount: Money;
  description: string;
  notes: string;
  /** The bank's raw text when the row came from an import ('' otherwise). */
  importedDescription: string;
  /** The bank's id for the row, when an import gave one. */
  externalId: string | null;
  /** The import that created the row or linked it to a file's row. */
  importBatchId: number | null;
  /** The transfer the whole row is a leg of (a split's part names its own). */
  transferId: number | null;
  /** Split into parts, which carry the categories (the row's own category is then null). */
  isSplit: boolean;
  /** HAND_SET bits of the fields the user set: no rule changes them. */
  handSetFields: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields a user can set by hand, as bits of `handSetFields`: a rule never changes one that is set. */
export const HAND_SET = { CATEGORY: 1, DESCRIPTION: 2, NOTES: 4 } as const;
export type HandSetField = keyof typeof HAND_SET;

/** The names of the bits set in `bits`. */
export function handSetFieldsOf(bits: number): HandSetField[] {
  return (Object.keys(HAND_SET) as HandSetField[]).filter((field) => (bits & HAND_SET[field]) !== 0);
}

/** A transfer leg (whole row or split), money in, or money out. */
type TransactionKind = 'TRANSFER' | 'INCOME' | 'EXPENSE';

/** What a create or an update gives: ids as numbers, the amount a decimal string in the account's currency. */
export interface TransactionData {
  accountId?: number | null;
  date?: string | null;
  amount?: string | null;
  description?: string | null;
  notes?: string | null;
  categoryId?: number | null;
  /** A create's parts (an update changes them with setSplits). */
  splits?: SplitData[] | null;
}

/** The filter of the list as a caller gives it. Amounts are signed decimal strings in the owner's currency. */
export interface TransactionFilterData {
  accountId?: number | null;
  categoryId?: number | null;
  uncategorized?: boolean | null;
  from?: string | null;
  to?: string | null;
  search?: string | null;
  minAmount?: string | null;
  maxAmount?: string | null;
  kind?: TransactionKind | null;
  excludeTransfers?: boolean | null;
}

/** One row to insert, checked and in minor units of its account's currency (the owner comes from the scope). */
export interface NewTransaction {
  accountId: number;
  categoryId: number | null;
  date: CalendarDate;
  amount: MinorUnits;
  description: string;
  notes: string;
  /** What an import writes beside the row (a form leaves them out: '' and null). */
  importedDescription?: string;
  externalId?: string | null;
  importFingerprint?: string | null;
  importBatchId?: number | null;
  /** Set by the batch insert for a row that comes with parts; their notes go into its search text. */
  isSplit?: boolean;
  partNotes?: readonly string[];
  /** HAND_SET bits: what the user gave (a form), none for an import. */
  handSetFields?: number;
}

/** A part of a row of a batch insert, checked and in minor units. */
export interface BatchPart {
  amount: MinorUnits;
  categoryId: number | null;
  notes: string;
}

/** What a batch insert links beside its rows, by position in the batch: parts, and transfer pairs. */
export interface BatchLinks {
  splits?: { row: number; parts: readonly BatchPart[] }[];
  transfers?: { outflow: number; inflow: number }[];
}

/** Amounts a search text stands for, in the accounts of one currency (null: every account of the owner). */
export interface SearchAmounts {
  accountIds: number[] | null;
  amounts: MinorUnits[];
}

/**
 * Which of the owner's transactions a read is about, every part checked and resolved: a search
 * also matches the categories whose names contain it and, when it reads as an amount, the
 * transactions of exactly that amount.
 */
export interface TransactionSelection {
  accountId?: number | null;
  categoryId?: number | null;
  uncategorized?: boolean | null;
  from?: CalendarDate | null;
  to?: CalendarDate | null;
  /** Only these accounts (none: nothing); the dashboard's accounts in the owner's currency. */
  accountIds?: number[] | null;
  search?: { text: string; categoryIds: number[]; amounts: SearchAmounts[] } | null;
  minAmount?: MinorUnits | null;
  maxAmount?: MinorUnits | null;
  kind?: TransactionKind | null;
  /** Leaves out whole-row transfer legs. */
  excludeTransfers?: boolean | null;
  /** The category (`categoryId`) has split parts: split transactions match by any of their parts. */
  categoryInSplits?: boolean | null;
}

/** What the matching transactions in one currency add up to. */
export interface TransactionTotal {
  currency: string;
  amount: Money;
  count: number;
}
