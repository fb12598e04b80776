// The arithmetic of the split editor: exact minor units (bigint) from packages/common, never floats.
import { formatDecimal, parseDecimal } from '@finance-tracker/common';
import type { SplitInput } from '../graphql/generated/graphql';
import { parseMoneyInput } from './money';

/** One part as the editor holds it: the amount as typed (its size; the transaction gives the sign). */
export interface SplitDraft {
  key: number;
  amount: string;
  categoryId: string;
  notes: string;
  transferAccountId: string;
  /** A saved transfer part: the row its money went to (or came from), to link to. */
  otherLegId?: string;
}

export type PartAmount = { ok: true; value: string; minor: bigint } | { ok: false; message: string } | { ok: 'empty' };

export interface SplitBalance {
  parts: PartAmount[];
  /** What is left to give a part, in the transaction's direction: > 0 short, 0 exact, < 0 too much. */
  remaining: string;
  state: 'short' | 'exact' | 'over';
}

/**
 * A part's signed amount: a size typed without a sign goes the transaction's way; "+" or "-" typed
 * on purpose is kept (a refund line on a receipt).
 */
export function partAmount(text: string, transactionAmount: string, currency: string, locale?: string): PartAmount {
  if (!text.trim()) return { ok: 'empty' };
  const parsed = parseMoneyInput(text, currency, locale);
  if (!parsed.ok) return parsed;
  const typedSign = /^\s*[+\-\u2212]/.test(text);
  const outgoing = transactionAmount.trim().startsWith('-');
  const minor = typedSign || !outgoing ? parsed.minor : -parsed.minor;
  return { ok: true, minor, value: formatDecimal(minor, currency) };
}

/** The parts against the transaction's amount, live as they are typed; empty or unreadable parts count as 0. */
export function splitBalance(transactionAmount: string, drafts: readonly Pick<SplitDraft, 'amount'>[], currency: string, locale?: string): SplitBalance {
  const total = parseDecimal(transactionAmount, currency);
  const totalMinor = total.ok ? total.value : 0n;
  const parts = drafts.map((draft) => partAmount(draft.amount, transactionAmount, currency, locale));
  const assigned = parts.reduce((sum, part) => (part.ok === true ? sum + part.minor : sum), 0n);
  const left = (totalMinor - assigned) * (totalMinor < 0n ? -1n : 1n);
  return { parts, remaining: formatDecimal(left, currency), state: left === 0n ? 'exact' : left > 0n ? 'short' : 'over' };
}

/** The size of what is left, for a part's "fill in the rest" (empty when nothing is left). */
export function remainderFor(balance: SplitBalance): string {
  return balance.state === 'short' ? balance.remaining : '';
}

/** What setSplits is sent: every part with its signed amount (call once each part reads as a number). */
export function toSplitInputs(drafts: readonly SplitDraft[], balance: SplitBalance): SplitInput[] {
  return drafts.map((draft, index) => {
    const part = balance.parts[index];
    if (part.ok !== true) throw new Error('toSplitInputs: a part has no amount');
    return {
      amount: part.value,
      categoryId: draft.transferAccountId ? undefined : draft.categoryId || undefined,
      notes: draft.notes.trim(),
      transferAccountId: draft.transferAccountId || undefined,
    };
  });
}

interface SplitLike {
  amount: string;
  category: { id: string } | null;
  transfer?: { id: string } | null;
}

/**
 * The amount a row shows under a category filter: for a split transaction, the sum of its parts in
 * that category ("none": the uncategorised parts); null when the whole amount is what matches.
 */
export function matchingPartsAmount(splits: readonly SplitLike[], category: string, currency: string): string | null {
  if (!category || splits.length === 0) return null;
  const matching = splits.filter((split) => (category === 'none' ? !split.category && !split.transfer : split.category?.id === category));
  if (matching.length === 0) return null;
  let sum = 0n;
  for (const split of matching) {
    const minor = parseDecimal(split.amount, currency);
    if (!minor.ok) return null;
    sum += minor.value;
  }
  return formatDecimal(sum, currency);
}
