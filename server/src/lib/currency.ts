import { badInput } from './errors';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
const minorDigitsCache = new Map<string, number>();

/** Normalises and validates an ISO-4217 code ("usd" -> "USD"). */
export function parseCurrency(value: string, field = 'currency'): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !knownCurrencies.has(code)) {
    throw badInput(field, `"${value.slice(0, 20)}" is not an ISO-4217 currency code.`);
  }
  return code;
}

/** How many decimals the currency's minor unit has: USD 2, JPY 0, BHD 3 (from the ICU data). */
export function minorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}
