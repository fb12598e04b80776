import { minorDigits } from '../../lib/currency';
import type { TransactionRecord } from '../transactions/transaction.model';
import type { RuleSubject } from './rule.model';
import { normalizedText } from './rule-values';

/** A stored transaction as the rules read it. */
export function subjectOf(record: TransactionRecord): RuleSubject {
  return {
    accountId: record.accountId,
    digits: minorDigits(record.account.currency),
    categoryId: record.categoryId,
    date: record.date,
    amount: record.amount.minor,
    description: record.description,
    importedDescription: record.importedDescription,
    notes: record.notes,
    isTransfer: record.transferId !== null,
    isSplit: record.isSplit,
    handSet: record.handSetFields,
  };
}

/** Words of a description up to the first that holds a digit (a store number, a date, a card), at most this many. */
const KEY_WORDS = 4;

/**
 * What learning calls the same description: its leading words, normalised, before any word with a
 * digit ("TESCO STORES 2231 LONDON" and "Tesco Stores 1187" are both "tesco stores"). Null when
 * nothing is left to recognise it by.
 */
export function descriptionKeyOf(description: string): string | null {
  const words: string[] = [];
  for (const word of normalizedText(description).split(' ')) {
    if (/\d/.test(word) || words.length === KEY_WORDS) break;
    const cleaned = word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (cleaned) words.push(cleaned);
  }
  const key = words.join(' ');
  return key.length >= 3 ? key.slice(0, 200) : null;
}
