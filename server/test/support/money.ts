/**
 * The tests' own money formatting, independent of the app's (src/lib/money.ts), so they check it
 * rather than repeat it.
 */

/** "-12.34" from -1234 minor units of a two-decimal currency. */
export function decimalOf(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** -1234n from "-12.34" (or from "-1234" for a currency without decimals). */
export function minorUnitsOf(money: string): bigint {
  return BigInt(money.replace('.', ''));
}
