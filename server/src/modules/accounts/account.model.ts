import type { Money } from '../../lib/money';

/** An account as services hand it out: its money already a value with its currency. */
export interface AccountRecord {
  id: number;
  name: string;
  currency: string;
  openingBalance: Money;
  /** Opening balance plus the sum of the transactions (the totals the database keeps). */
  balance: Money;
  archived: boolean;
  createdAt: Date;
  transactionCount: number;
}

/** What a create or an update gives; amounts are decimal strings in the account's currency. */
export interface AccountData {
  name?: string | null;
  currency?: string | null;
  openingBalance?: string | null;
  archived?: boolean | null;
}
