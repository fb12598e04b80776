/**
 * Money is an integer count of the currency's minor units (cents), held as a bigint so sums over
 * millions of rows stay exact. On the wire it is a plain decimal string with a dot, such as "-12.34".
 * Nothing here goes through a float.
 */
export type MinorUnits = bigint;

/** The largest amount one transaction or balance may hold: 10^13 minor units (10^11 dollars). */
export const MAX_ABS_MINOR = 10n ** 13n;

/** Either the value, or the one sentence that tells a person what to write instead. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const WIRE_DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
const minorDigitsCache = new Map<string, number>();

/** How many decimals the currency's minor unit has: USD 2, JPY 0, BHD 3 (from the ICU data); 2 when unknown. */
export function minorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

/** Shape check for the wire format: a plain decimal, no exponent, no thousands separators. */
export function isDecimalString(value: string): boolean {
  return value.length <= 40 && WIRE_DECIMAL.test(value);
}

export function decimalsMessage(currency: string, digits = minorDigits(currency)): string {
  return digits === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${digits} decimals.`;
}

export const TOO_LARGE = 'That amount is too large.';

/** Minor units from digits already split: checks the currency's decimals and the size limit. */
export function minorFromParts(negative: boolean, whole: string, fraction: string, currency: string): Parsed<MinorUnits> {
  const digits = minorDigits(currency);
  if (fraction.length > digits) return { ok: false, message: decimalsMessage(currency, digits) };
  if (whole.replace(/^0+/, '').length > 16) return { ok: false, message: TOO_LARGE };
  const magnitude = BigInt((whole || '0') + fraction.padEnd(digits, '0'));
  if (magnitude > MAX_ABS_MINOR) return { ok: false, message: TOO_LARGE };
  return { ok: true, value: negative && magnitude !== 0n ? -magnitude : magnitude };
}

/** Reads the wire format ("-12.34") into minor units of the currency. */
export function parseDecimal(value: string, currency: string): Parsed<MinorUnits> {
  const match = WIRE_DECIMAL.exec(value.trim());
  if (!match) return { ok: false, message: `"${value.slice(0, 40)}" is not an amount; write it like -12.34.` };
  const [, sign, whole, fraction = ''] = match;
  return minorFromParts(Boolean(sign), whole, fraction, currency);
}

/** Minor units to the wire format, with the currency's own number of decimals: 1250n EUR -> "12.50". */
export function formatDecimal(minor: MinorUnits, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export interface DisplayOptions {
  locale?: string;
  /** Show "+" on money in as well as "-" on money out (transaction lists). */
  signed?: boolean;
}

/** A wire decimal as a person reads it ("-1.234,50 €"); Intl formats decimal strings exactly. */
export function formatForDisplay(amount: string, currency: string, options: DisplayOptions = {}): string {
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
