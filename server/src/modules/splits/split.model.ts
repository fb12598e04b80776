import type { MinorUnits, Money } from '../../lib/money';

/** A part of a split transaction as services hand it out: its amount a value in the account's currency. */
export interface SplitRecord {
  id: number;
  transactionId: number;
  position: number;
  amount: Money;
  categoryId: number | null;
  notes: string;
  /** The transfer this part is a leg of, if any. */
  transferId: number | null;
}

/** A part as a caller gives it: the amount a decimal string in the transaction's currency, ids as numbers. */
export interface SplitData {
  amount: string;
  categoryId?: number | null;
  notes?: string | null;
  /** The part moves money to (amount < 0) or from (amount > 0) this account: its other leg is made there. */
  transferAccountId?: number | null;
}

/** A part to insert, checked and in minor units. */
export interface NewSplit {
  transactionId: number;
  position: number;
  amount: MinorUnits;
  categoryId: number | null;
  notes: string;
}
