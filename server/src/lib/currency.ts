import { badInput } from './errors';

export { minorDigits } from '@finance-tracker/common';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** Normalises and validates an ISO-4217 code ("usd" -> "USD"). */
export function parseCurrency(value: string, field = 'currency'): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !knownCurrencies.has(code)) {
    throw badInput(field, `"${value.slice(0, 20)}" is not an ISO-4217 currency code.`);
  }
  return code;
}
