// The budget screen's rules on amounts: exact minor units (bigint) from packages/common, never floats.
import { parseDecimal } from '@finance-tracker/common';
import { parseMoneyInput } from './money';

type BarState = 'empty' | 'ok' | 'warn' | 'over';

export interface BudgetBar {
  state: BarState;
  /** How much of what there was to spend is gone, 0–100, for the bar's width only. */
  percent: number;
  label: string;
}

/** From this share of what there is to spend (budgeted + carried over) the bar turns amber. */
const WARN_PERCENT = 80n;

const LABELS: Record<BarState, string> = {
  empty: 'Nothing to spend',
  ok: 'On track',
  warn: 'Nearly spent',
  over: 'Overspent',
};

const minor = (amount: string, currency: string): bigint => {
  const parsed = parseDecimal(amount, currency);
  if (!parsed.ok) throw new Error(`Not an amount of ${currency}: "${amount}"`);
  return parsed.value;
};

/**
 * The bar of a category (or a month's totals). What there was to spend is available − spent
 * (budgeted + carried over); money out counts against it. Red once available is below 0; amber
 * from 80 % of it spent; green below that. Nothing to spend and nothing overspent: an empty bar.
 */
export function budgetBar(figures: { spent: string; available: string }, currency: string): BudgetBar {
  const available = minor(figures.available, currency);
  const spent = minor(figures.spent, currency);
  const funds = available - spent;
  const used = -spent;
  const bar = (state: BarState, percent: number): BudgetBar => ({ state, percent, label: LABELS[state] });
  if (available < 0n) return bar('over', 100);
  if (funds <= 0n) return bar(available > 0n ? 'ok' : 'empty', 0);
  const percent = used <= 0n ? 0 : Number((used * 100n) / funds);
  return bar(used * 100n >= funds * WARN_PERCENT ? 'warn' : 'ok', Math.min(percent, 100));
}

export type BudgetInput = { ok: true; value: string } | { ok: false; message: string };

/**
 * What the user typed in a budgeted cell, as the wire decimal setBudget takes. An emptied cell is
 * 0. A sign is kept: the server says why a budget cannot be negative, in its own words.
 */
export function parseBudgetInput(text: string, currency: string, locale?: string): BudgetInput {
  const parsed = parseMoneyInput(text.trim() ? text : '0', currency, locale);
  return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}

/**
 * Whether to send a typed amount: not when it is what is saved (tabbing through the column), but
 * yes for a 0 typed on purpose into a category with no amount set (copy and fill then skip it).
 */
export function changesBudget(value: string, typed: string, saved: { budgeted: string; budgetSet: boolean }, currency: string): boolean {
  if (minor(value, currency) !== minor(saved.budgeted, currency)) return true;
  return !saved.budgetSet && typed.trim() !== saved.budgeted;
}

/** Spent as a size of money out: "-75.50" → "75.50"; refunds that outweigh it show as "-5.00". */
export function outflow(spent: string): string {
  const trimmed = spent.trim();
  if (trimmed.startsWith('-')) return trimmed.slice(1);
  return /[1-9]/.test(trimmed) ? `-${trimmed.replace(/^\+/, '')}` : trimmed;
}
