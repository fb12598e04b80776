// Money travels as an exact decimal string ("-12.34"). It is formatted with Intl straight from the
// string (Intl formats decimal strings exactly) and never turned into a float for arithmetic.

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
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

export interface FormatOptions {
  locale?: string;
  /** Show "+" on money in as well as "−" on money out (transaction lists). */
  signed?: boolean;
}

export function formatMoney(amount: string, currency: string, options: FormatOptions = {}): string {
  const value = amount.trim() as Intl.StringNumericLiteral;
  try {
    return new Intl.NumberFormat(options.locale, {
      style: 'currency',
      currency,
      signDisplay: options.signed ? 'exceptZero' : 'auto',
    }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** The separators the user's locale writes numbers with, e.g. { group: ',', decimal: '.' }. */
export function separators(locale?: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
  };
}

export type MoneyParse = { ok: true; value: string } | { ok: false; message: string };

/**
 * Reads what a person typed ("12,50", "1 234.5", "-3", "$4.20") into a decimal string, in their
 * locale's way of writing numbers; a dot is also taken as the decimal mark when it is unambiguous.
 */
export function parseMoneyInput(text: string, currency: string, locale?: string): MoneyParse {
  const { group, decimal } = separators(locale);
  let cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/[^\d.,+-]/g, '');
  if (!cleaned) return { ok: false, message: 'Enter an amount.' };
  const dotIsDecimal = decimal !== '.' && !cleaned.includes(decimal) && /\.\d{1,2}$/.test(cleaned);
  if (!dotIsDecimal && group) cleaned = cleaned.split(group).join('');
  if (decimal !== '.' && !dotIsDecimal) cleaned = cleaned.replace(decimal, '.');
  if (group === '.' && dotIsDecimal) cleaned = cleaned.replace(/,/g, '');
  if (!DECIMAL.test(cleaned)) return { ok: false, message: 'Write the amount as a number, such as 12.34.' };
  const digits = fractionDigits(currency);
  const [whole, fraction = ''] = cleaned.replace(/^\+/, '').split('.');
  if (fraction.length > digits) {
    return { ok: false, message: digits === 0 ? `${currency} amounts have no decimals.` : `Use at most ${digits} decimals.` };
  }
  const sign = whole.startsWith('-') ? '-' : '';
  const integer = whole.replace('-', '').replace(/^0+(?=\d)/, '');
  return { ok: true, value: fraction ? `${sign}${integer}.${fraction}` : `${sign}${integer}` };
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
