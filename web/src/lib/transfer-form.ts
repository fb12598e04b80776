// What the transaction form checks for a transfer before asking the server, field by field.
import { ZERO_AMOUNT } from './form-messages';
import { absolute, parseMoneyInput } from './money';
import { needsInflowAmount } from './transfers';

/** The form's fields. For a transfer, `accountId` is where the money leaves and `toAccountId` where it arrives. */
export interface TransactionDraft {
  date: string; amount: string; direction: 'out' | 'in' | 'transfer'; description: string; notes: string; categoryId: string; accountId: string;
  toAccountId?: string; inflowAmount?: string; inflowDate?: string;
}

/** What a transfer adds to the saved values: `amount` is then the positive size leaving `accountId`. */
interface TransferValues {
  toAccountId: string; inflowAmount: string | null; inflowDate: string | null;
}

/** What the form saves. */
export interface TransactionValues {
  date: string; amount: string; description: string; notes: string; categoryId: string | null; accountId: string; transfer: TransferValues | null;
}

export interface TransferFields {
  accountId: string;
  toAccountId: string;
  amount: string;
  inflowAmount: string;
  date: string;
  inflowDate: string;
}

export type TransferRead =
  | { ok: true; amount: string; inflowAmount: string | null; inflowDate: string | null }
  | { ok: false; errors: Record<string, string> };

function size(text: string, currency: string, locale?: string): { value: string } | { message: string } {
  const parsed = parseMoneyInput(text, currency, locale);
  if (!parsed.ok) return parsed;
  if (parsed.minor === 0n) return { message: ZERO_AMOUNT };
  return { value: absolute(parsed.value) };
}

/**
 * The sizes a transfer moves (positive: the form's accounts give the direction), every problem at
 * once otherwise. The second amount is read only across currencies; the arrival date only when set.
 */
export function readTransfer(fields: TransferFields, currencies: { from?: string; to?: string }, locale?: string): TransferRead {
  const errors: Record<string, string> = {};
  if (!fields.toAccountId) errors.toAccountId = 'Pick the account the money goes to.';
  else if (fields.toAccountId === fields.accountId) errors.toAccountId = 'Pick an account other than the one the money leaves.';
  const amount = size(fields.amount, currencies.from ?? 'USD', locale);
  if ('message' in amount) errors.amount = amount.message;
  let inflowAmount: string | null = null;
  if (needsInflowAmount(currencies.from, currencies.to)) {
    const arriving = size(fields.inflowAmount, currencies.to ?? 'USD', locale);
    if ('message' in arriving) errors.inflowAmount = arriving.message;
    else inflowAmount = arriving.value;
  }
  const inflowDate = fields.inflowDate.trim() || null;
  if (inflowDate && !/^\d{4}-\d{2}-\d{2}$/.test(inflowDate)) errors.inflowDate = 'Pick the day the money arrives, or leave it empty.';
  else if (inflowDate && fields.date && inflowDate < fields.date) errors.inflowDate = 'The money cannot arrive before it leaves.';
  if (Object.keys(errors).length || 'message' in amount) return { ok: false, errors };
  return { ok: true, amount: amount.value, inflowAmount, inflowDate: inflowDate && inflowDate !== fields.date ? inflowDate : null };
}
