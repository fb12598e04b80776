import { badInput } from './errors';
import { minorDigits } from './currency';

/**
 * Money is an integer count of the currency's minor units (cents), held as a bigint so sums over
 * millions of rows stay exact. On the wire it is a decimal string such as "-12.34". Nothing here
 * goes through a float.
 */
export type MinorUnits = bigint;

/** The largest amount one transaction or balance may hold: 10^13 minor units (10^11 dollars). */
export const MAX_ABS_MINOR = 10n ** 13n;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Shape check for the Money scalar: a plain decimal, no exponent, no thousands separators. */
export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value) && value.length <= 40;
}

export function parseMoney(value: string, currency: string, field: string): MinorUnits {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw badInput(field, `"${value.slice(0, 40)}" is not an amount; write it like -12.34.`);
  const [, sign, whole, fraction = ''] = match;
  const digits = minorDigits(currency);
  if (fraction.length > digits) {
    throw badInput(
      field,
      digits === 0
        ? `${currency} amounts have no decimals.`
        : `${currency} amounts have at most ${digits} decimals.`,
    );
  }
  if (whole.replace(/^0+/, '').length > 16) throw badInput(field, 'That amount is too large.');
  const minor = BigInt(whole + fraction.padEnd(digits, '0')) * (sign ? -1n : 1n);
  if (minor > MAX_ABS_MINOR || minor < -MAX_ABS_MINOR) throw badInput(field, 'That amount is too large.');
  return minor === 0n ? 0n : minor;
}

export function formatMoney(minor: MinorUnits, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Reads a money value as a driver returns it: number (SQLite), string (Postgres bigint/numeric) or null. */
export function minorFromDatabase(value: unknown): MinorUnits {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`Unsafe money value from the database: ${value}`);
    return BigInt(value);
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`Unexpected money value from the database: ${String(value)}`);
}
