import { describe, expect, it } from 'vitest';
import { matchingPartsAmount, partAmount, remainderFor, splitBalance, toSplitInputs, type SplitDraft } from './splits';

const draft = (amount: string, extra: Partial<SplitDraft> = {}): SplitDraft => ({ key: 0, amount, categoryId: '', notes: '', transferAccountId: '', ...extra });

describe('split parts', () => {
  it('take the transaction’s sign unless one is typed', () => {
    expect(partAmount('12.5', '-50.00', 'USD', 'en-US')).toEqual({ ok: true, value: '-12.50', minor: -1250n });
    expect(partAmount('12.5', '50.00', 'USD', 'en-US')).toEqual({ ok: true, value: '12.50', minor: 1250n });
    expect(partAmount('+3', '-50.00', 'USD', 'en-US')).toEqual({ ok: true, value: '3.00', minor: 300n });
    expect(partAmount('-3', '50.00', 'USD', 'en-US')).toEqual({ ok: true, value: '-3.00', minor: -300n });
    expect(partAmount('  ', '-50.00', 'USD')).toEqual({ ok: 'empty' });
    expect(partAmount('abc', '-50.00', 'USD', 'en-US')).toMatchObject({ ok: false });
    expect(partAmount('1.234', '-50.00', 'USD', 'en-US')).toMatchObject({ ok: false });
  });

  it('show what is left exactly, where floats would not add up', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats; the parts of 0.30 leave exactly nothing.
    expect(splitBalance('-0.30', [draft('0.1'), draft('0.2')], 'USD', 'en-US')).toMatchObject({ remaining: '0.00', state: 'exact' });
    expect(splitBalance('-50.00', [draft('30'), draft('')], 'USD', 'en-US')).toMatchObject({ remaining: '20.00', state: 'short' });
    expect(splitBalance('-50.00', [draft('30'), draft('25.01')], 'USD', 'en-US')).toMatchObject({ remaining: '-5.01', state: 'over' });
    expect(splitBalance('99999999999.99', [draft('99999999999.98')], 'USD', 'en-US')).toMatchObject({ remaining: '0.01', state: 'short' });
    expect(splitBalance('-1500', [draft('1000'), draft('x')], 'JPY', 'en-US')).toMatchObject({ remaining: '500', state: 'short' });
  });

  it('count a refund part against the rest', () => {
    const balance = splitBalance('-40.00', [draft('45'), draft('+5')], 'USD', 'en-US');
    expect(balance).toMatchObject({ remaining: '0.00', state: 'exact' });
    expect(remainderFor(balance)).toBe('');
    expect(remainderFor(splitBalance('-40.00', [draft('15')], 'USD', 'en-US'))).toBe('25.00');
  });

  it('become setSplits input: a transfer part carries no category', () => {
    const drafts = [draft('30', { categoryId: '4', notes: ' food ' }), draft('20', { categoryId: '4', transferAccountId: '9' })];
    expect(toSplitInputs(drafts, splitBalance('-50', drafts, 'USD', 'en-US'))).toEqual([
      { amount: '-30.00', categoryId: '4', notes: 'food', transferAccountId: undefined },
      { amount: '-20.00', categoryId: undefined, notes: '', transferAccountId: '9' },
    ]);
    expect(() => toSplitInputs([draft('')], splitBalance('-50', [draft('')], 'USD'))).toThrow();
  });
});

describe('a split row under a category filter', () => {
  const splits = [
    { amount: '-30.10', category: { id: '1' } },
    { amount: '-0.20', category: { id: '1' } },
    { amount: '-12.00', category: { id: '2' } },
    { amount: '-5.00', category: null },
    { amount: '-2.00', category: null, transfer: { id: '7' } },
  ];

  it('shows the sum of the matching parts', () => {
    expect(matchingPartsAmount(splits, '1', 'USD')).toBe('-30.30');
    expect(matchingPartsAmount(splits, '2', 'USD')).toBe('-12.00');
    expect(matchingPartsAmount(splits, 'none', 'USD')).toBe('-5.00');
  });

  it('shows the whole amount without a filter, for an unsplit row, or when no part matches', () => {
    expect(matchingPartsAmount(splits, '', 'USD')).toBeNull();
    expect(matchingPartsAmount([], '1', 'USD')).toBeNull();
    expect(matchingPartsAmount(splits, '3', 'USD')).toBeNull();
  });
});
