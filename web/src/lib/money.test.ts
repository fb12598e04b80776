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
  it('reads what people type in their locale', () => {
    expect(parseMoneyInput('12.5', 'USD', 'en-US')).toEqual({ ok: true, value: '12.5' });
    expect(parseMoneyInput('1,234.56', 'USD', 'en-US')).toEqual({ ok: true, value: '1234.56' });
    expect(parseMoneyInput('12,50', 'EUR', 'de-DE')).toEqual({ ok: true, value: '12.50' });
    expect(parseMoneyInput('1.234,5', 'EUR', 'de-DE')).toEqual({ ok: true, value: '1234.5' });
    expect(parseMoneyInput('4.20', 'EUR', 'fr-FR')).toEqual({ ok: true, value: '4.20' });
    expect(parseMoneyInput(' $ 007 ', 'USD', 'en-US')).toEqual({ ok: true, value: '7' });
    expect(parseMoneyInput('-3', 'USD', 'en-US')).toEqual({ ok: true, value: '-3' });
  });

  it('refuses what is not an amount, or too precise for the currency', () => {
    expect(parseMoneyInput('', 'USD', 'en-US').ok).toBe(false);
    expect(parseMoneyInput('abc', 'USD', 'en-US').ok).toBe(false);
    expect(parseMoneyInput('1.234', 'USD', 'en-US')).toEqual({ ok: false, message: 'Use at most 2 decimals.' });
    expect(parseMoneyInput('10.5', 'JPY', 'en-US')).toEqual({ ok: false, message: 'JPY amounts have no decimals.' });
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
