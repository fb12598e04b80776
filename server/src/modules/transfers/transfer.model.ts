import type { CalendarDate } from '../../lib/dates';
import type { MinorUnits } from '../../lib/money';
import type { TransferOrigin } from './transfer.entity';

/** A transfer as services hand it out: its two sides by transaction, and the parts when a side is one. */
export interface TransferRecord {
  id: number;
  outflowTransactionId: number;
  inflowTransactionId: number;
  origin: TransferOrigin;
}

/** A transfer to insert; a side that is a part of a split transaction names that part too. */
export interface NewTransfer {
  outflowTransactionId: number;
  inflowTransactionId: number;
  origin: TransferOrigin;
  outflowSplitId?: number | null;
  inflowSplitId?: number | null;
}

/** What createTransfer gives: ids as numbers, amounts decimal strings in each account's currency. */
export interface TransferData {
  fromAccountId: number;
  toAccountId: number;
  date: string;
  amount: string;
  inflowAmount?: string | null;
  inflowDate?: string | null;
  description?: string | null;
  notes?: string | null;
}

/** A row (stored, or an import's row not stored yet) whose other leg is looked for. */
export interface LegProbe {
  /** Null for a row not stored yet. */
  transactionId: number | null;
  accountId: number;
  date: CalendarDate;
  amount: MinorUnits;
  /** Only a row of this account (a rule that links to one account). */
  inAccountId?: number;
}

/** A row that could be a leg: not one yet, not split. */
export interface LegCandidate {
  id: number;
  accountId: number;
  date: CalendarDate;
  amount: MinorUnits;
}
