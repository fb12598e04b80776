import { describe, expect, it } from 'vitest';
import { absolute, formatMoney, fractionDigits, isNegative, parseMoneyInput, withDirection } from './money';

describe('formatMoney', () => {
  it('formats the exact decimal string in the currency and locale', () => {
    expect(formatMoney('-12.34', 'USD', { locale: 'en-US' })).toBe('-$12.34');
    expect(formatMoney('1234.5', 'EUR', { locale: 'de-DE' })).toBe('1.234,50\u00a0€');
    expect(formatMoney('1500', 'JPY', { locale: 'ja-JP' })).toBe('￥1,500');
  });

  it('keeps every digit of amounts a float would round', () => {
    expect(formatMoney('90071992547409.99', 'USD', { locale: 'en-US' })).toBe('$90,071,992,547,409.99');
    expect(formatMoney('0.10', 'USD', { locale: 'en-US' })).toBe('$0.10');
  });

  it('marks money in with a plus when signed', () => {
    expect(formatMoney('5', 'USD', { locale: 'en-US', signed: true })).toBe('+$5.00');
    expect(formatMoney('-5', 'USD', { locale: 'en-US', signed: true })).toBe('-$5.00');
    expect(formatMoney('0', 'USD', { locale: 'en-US', signed: true })).toBe('$0.00');
  });
});

describe('parseMoneyInput', () => {
  // [typed, currency, locale, wire decimal saved] — the same rules the server's package shares.
  const accepted: [string, string, string, string][] = [
    ['12.5', 'USD', 'en-US', '12.50'],
    ['1,234.56', 'USD', 'en-US', '1234.56'],
    ['1,234', 'USD', 'en-US', '1234.00'],
    ['1,234,567', 'USD', 'en-US', '1234567.00'],
    ['12,50', 'EUR', 'en-US', '12.50'], // a EUR profile in an English browser: never 1250
    ['12,50', 'EUR', 'de-DE', '12.50'],
    ['1.234,56', 'EUR', 'de-DE', '1234.56'],
    ['1.234', 'EUR', 'de-DE', '1234.00'],
    ['1.234.567,8', 'EUR', 'de-DE', '1234567.80'],
    ['1,234.56', 'EUR', 'de-DE', '1234.56'],
    ['12,50 €', 'EUR', 'de-DE', '12.50'],
    ['-€12,5', 'EUR', 'de-DE', '-12.50'],
    ['1 234,5', 'EUR', 'fr-FR', '1234.50'],
    ['1\u202f234,5', 'EUR', 'fr-FR', '1234.50'],
    ['4.20', 'EUR', 'fr-FR', '4.20'],
    ['12,5', 'EUR', 'es-ES', '12.50'],
    ['12,5', 'EUR', 'it-IT', '12.50'],
    ['12,5', 'EUR', 'nl-NL', '12.50'],
    ["1'234.50", 'CHF', 'de-CH', '1234.50'],
    [' $ 007 ', 'USD', 'en-US', '7.00'],
    ['-3', 'USD', 'en-US', '-3.00'],
    ['\u22123', 'USD', 'en-US', '-3.00'],
    ['.5', 'USD', 'en-US', '0.50'],
    ['1,234', 'JPY', 'ja-JP', '1234'],
    ['1,234', 'BHD', 'de-DE', '1.234'],
  ];
  it.each(accepted)('reads %j (%s, %s) as %s', (typed, currency, locale, wire) => {
    expect(parseMoneyInput(typed, currency, locale)).toMatchObject({ ok: true, value: wire });
  });

  const refused: [string, string, string, string][] = [
    ['', 'USD', 'en-US', 'Enter an amount.'],
    ['abc', 'USD', 'en-US', '“abc” is not a number: write the amount with digits only, such as 12.50.'],
    ['abc', 'EUR', 'de-DE', '“abc” is not a number: write the amount with digits only, such as 12,50.'],
    ['1e3', 'USD', 'en-US', '“1e3” is not a number: write the amount with digits only, such as 12.50.'],
    ['12abc', 'USD', 'en-US', '“12abc” is not a number: write the amount with digits only, such as 12.50.'],
    ['1-2', 'USD', 'en-US', '“1-2” is not a number: write the amount with digits only, such as 12.50.'],
    ['1,23,4', 'USD', 'en-US', '“1,23,4” is not a number: write the amount with digits only, such as 12.50.'],
    ['1,234', 'EUR', 'de-DE', '“1,234” is unclear: write 1234 without a separator, or at most 2 decimals such as 12,50.'],
    ['1.234', 'USD', 'en-US', '“1.234” is unclear: write 1234 without a separator, or at most 2 decimals such as 12.50.'],
    ['1.234', 'EUR', 'fr-FR', '“1.234” is unclear: write 1234 without a separator, or at most 2 decimals such as 12,50.'],
    ['1,2345', 'USD', 'en-US', 'USD amounts have at most 2 decimals.'],
    ['10.5', 'JPY', 'en-US', 'JPY amounts have no decimals.'],
    ['99999999999999999', 'USD', 'en-US', 'That amount is too large.'],
  ];
  it.each(refused)('refuses %j (%s, %s)', (typed, currency, locale, message) => {
    expect(parseMoneyInput(typed, currency, locale)).toEqual({ ok: false, message });
  });
});

describe('signs', () => {
  it('gives an unsigned amount the chosen direction', () => {
    expect(withDirection('12.50', 'out')).toBe('-12.50');
    expect(withDirection('12.50', 'in')).toBe('12.50');
    expect(withDirection('-3', 'in')).toBe('-3');
    expect(withDirection('0', 'out')).toBe('0');
  });

  it('reads signs from the string', () => {
    expect(isNegative('-0.01')).toBe(true);
    expect(isNegative('-0.00')).toBe(false);
    expect(absolute('-7.25')).toBe('7.25');
    expect(fractionDigits('USD')).toBe(2);
    expect(fractionDigits('JPY')).toBe(0);
  });
});
