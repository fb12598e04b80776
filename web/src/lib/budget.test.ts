import { describe, expect, it } from 'vitest';
import { budgetBar, changesBudget, outflow, parseBudgetInput } from './budget';

const bar = (spent: string, available: string, currency = 'USD') => budgetBar({ spent, available }, currency);

describe('the budget bar', () => {
  it('is green below 80 % of what there is to spend', () => {
    expect(bar('-0.00', '100.00')).toEqual({ state: 'ok', percent: 0, label: 'On track' });
    expect(bar('-79.99', '20.01')).toEqual({ state: 'ok', percent: 79, label: 'On track' });
    // What there is to spend counts money carried over: 60 budgeted + 40 carried, 70 spent.
    expect(bar('-70.00', '30.00')).toMatchObject({ state: 'ok', percent: 70 });
  });

  it('turns amber from 80 %, exactly, up to all of it spent', () => {
    expect(bar('-80.00', '20.00')).toEqual({ state: 'warn', percent: 80, label: 'Nearly spent' });
    expect(bar('-99.99', '0.01')).toMatchObject({ state: 'warn', percent: 99 });
    expect(bar('-100.00', '0.00')).toMatchObject({ state: 'warn', percent: 100 });
    // Exact where floats are not: 0.1 + 0.2 of 0.375 is 80 %.
    expect(bar('-0.300', '0.075', 'BHD')).toMatchObject({ state: 'warn', percent: 80 });
    expect(bar('-800', '200', 'JPY')).toMatchObject({ state: 'warn' });
  });

  it('turns red once available is below 0', () => {
    expect(bar('-100.01', '-0.01')).toEqual({ state: 'over', percent: 100, label: 'Overspent' });
    // A negative carry with no budget is overspent before anything is spent.
    expect(bar('0.00', '-5.00')).toMatchObject({ state: 'over' });
  });

  it('is empty with nothing to spend, and green when a refund left money', () => {
    expect(bar('0.00', '0.00')).toEqual({ state: 'empty', percent: 0, label: 'Nothing to spend' });
    expect(bar('12.00', '12.00')).toMatchObject({ state: 'ok', percent: 0 });
    // A refund larger than what was spent: less than nothing used.
    expect(bar('5.00', '55.00')).toMatchObject({ state: 'ok', percent: 0 });
  });

  it('refuses what is not an amount of the currency', () => {
    expect(() => bar('abc', '1.00')).toThrow(/Not an amount/);
  });
});

describe('a typed budget', () => {
  it('reads as the wire decimal, in the user’s way of writing numbers', () => {
    expect(parseBudgetInput('120', 'USD', 'en-US')).toEqual({ ok: true, value: '120.00' });
    expect(parseBudgetInput('1,234.5', 'USD', 'en-US')).toEqual({ ok: true, value: '1234.50' });
    expect(parseBudgetInput('1.234,5', 'EUR', 'de-DE')).toEqual({ ok: true, value: '1234.50' });
    expect(parseBudgetInput('$45.10', 'USD', 'en-US')).toEqual({ ok: true, value: '45.10' });
    expect(parseBudgetInput('1500', 'JPY', 'ja-JP')).toEqual({ ok: true, value: '1500' });
  });

  it('is 0 when the cell is emptied', () => {
    expect(parseBudgetInput('', 'USD', 'en-US')).toEqual({ ok: true, value: '0.00' });
    expect(parseBudgetInput('   ', 'JPY', 'en-US')).toEqual({ ok: true, value: '0' });
  });

  it('keeps a minus for the server to refuse in its words', () => {
    expect(parseBudgetInput('-5', 'USD', 'en-US')).toEqual({ ok: true, value: '-5.00' });
  });

  it('says what is wrong with what is not a number or has too many decimals', () => {
    expect(parseBudgetInput('lots', 'USD', 'en-US')).toMatchObject({ ok: false, message: expect.stringContaining('not a number') });
    expect(parseBudgetInput('1.234', 'USD', 'en-US')).toMatchObject({ ok: false });
    expect(parseBudgetInput('10.5', 'JPY', 'en-US')).toMatchObject({ ok: false });
  });

  it('is sent only when it changes what is saved', () => {
    const saved = { budgeted: '120.00', budgetSet: true };
    expect(changesBudget('120.00', '120', saved, 'USD')).toBe(false);
    expect(changesBudget('120.01', '120.01', saved, 'USD')).toBe(true);
    const unset = { budgeted: '0.00', budgetSet: false };
    // Tabbing through a cell with no amount leaves it unset; a 0 typed on purpose sets it.
    expect(changesBudget('0.00', '0.00', unset, 'USD')).toBe(false);
    expect(changesBudget('0.00', '0', unset, 'USD')).toBe(true);
    expect(changesBudget('0.00', '0', { budgeted: '0.00', budgetSet: true }, 'USD')).toBe(false);
  });
});

describe('spent as money out', () => {
  it('drops the minus of money out, and gives refunds that outweigh it one', () => {
    expect(outflow('-75.50')).toBe('75.50');
    expect(outflow('5.00')).toBe('-5.00');
    expect(outflow('0.00')).toBe('0.00');
    expect(outflow('-0.00')).toBe('0.00');
    expect(outflow('1500')).toBe('-1500');
  });
});
