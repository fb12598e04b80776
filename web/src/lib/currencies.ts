/** Common ISO-4217 codes offered in pickers; any other valid code can still be typed. */
export const COMMON_CURRENCIES = [
  'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF',
  'INR', 'CNY', 'HKD', 'SGD', 'KRW', 'BRL', 'MXN', 'ZAR', 'TRY', 'ILS', 'AED',
];

const BY_REGION: Record<string, string> = {
  US: 'USD', GB: 'GBP', JP: 'JPY', CH: 'CHF', CA: 'CAD', AU: 'AUD', NZ: 'NZD', SE: 'SEK', NO: 'NOK',
  DK: 'DKK', PL: 'PLN', CZ: 'CZK', HU: 'HUF', IN: 'INR', CN: 'CNY', HK: 'HKD', SG: 'SGD', KR: 'KRW',
  BR: 'BRL', MX: 'MXN', ZA: 'ZAR', TR: 'TRY', IL: 'ILS', AE: 'AED',
  DE: 'EUR', FR: 'EUR', ES: 'EUR', IT: 'EUR', NL: 'EUR', BE: 'EUR', AT: 'EUR', IE: 'EUR', PT: 'EUR', FI: 'EUR', GR: 'EUR',
};

/** A sensible default from the browser's locale ("fr-FR" → EUR), USD otherwise. */
export function guessCurrency(locale: string = navigator.language): string {
  const region = locale.split(/[-_]/)[1]?.toUpperCase();
  return (region && BY_REGION[region]) || 'USD';
}

export function currencyName(code: string, locale?: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}
