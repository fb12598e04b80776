// Money travels as an exact decimal string ("-12.34"). Parsing what people type and formatting for
// display come from packages/common, shared with the server; nothing here turns money into a float
// except chartValue, for drawing.
import { formatForDisplay, minorDigits, parseAmountInput, type AmountInput, type DisplayOptions } from '@finance-tracker/common';

export type FormatOptions = DisplayOptions;
export type MoneyParse = AmountInput;

export function fractionDigits(currency: string): number {
  return minorDigits(currency);
}

export function isNegative(amount: string): boolean {
  return amount.trim().startsWith('-') && /[1-9]/.test(amount);
}

export function isPositive(amount: string): boolean {
  return !amount.trim().startsWith('-') && /[1-9]/.test(amount);
}

/** "-12.34" → "12.34": sign handling on the string, no float in between. */
export function absolute(amount: string): string {
  return amount.trim().replace(/^[+-]/, '');
}

export function formatMoney(amount: string, currency: string, options: FormatOptions = {}): string {
  return formatForDisplay(amount, currency, options);
}

/**
 * Reads what a person typed ("12,50", "1 234.5", "-3", "$4.20") into a wire decimal ("12.50"), in
 * their locale's way of writing numbers; ambiguous or non-numeric input gets a sentence instead.
 */
export function parseMoneyInput(text: string, currency: string, locale?: string): MoneyParse {
  return parseAmountInput(text, currency, locale);
}

/** Gives an amount typed without a sign the direction the user picked (money out by default). */
export function withDirection(amount: string, direction: 'out' | 'in'): string {
  const unsigned = absolute(amount);
  if (/^[+-]/.test(amount.trim())) return amount.trim().replace(/^\+/, '');
  return direction === 'out' && /[1-9]/.test(unsigned) ? `-${unsigned}` : unsigned;
}

/** A number for a chart's axis only: charts draw floats; totals shown as text come from the strings. */
export function chartValue(amount: string): number {
  return Number(amount);
}
