import { describe, expect, it } from 'vitest';
import { linkPair, offeredSuggestions, needsInflowAmount, otherLeg, transferLabel } from './transfers';

const checking = { id: '1', name: 'Checking', currency: 'USD' };
const savings = { id: '2', name: 'Savings', currency: 'USD' };
const transfer = { id: 't1', outflow: { id: '10', amount: '-500.00', account: checking }, inflow: { id: '11', amount: '500.00', account: savings } };

describe('transfers', () => {
  it('name both accounts in the direction the money went', () => {
    expect(transferLabel(transfer)).toBe('Checking → Savings');
  });

  it('find the other leg from either side', () => {
    expect(otherLeg(transfer, '10').id).toBe('11');
    expect(otherLeg(transfer, '11').id).toBe('10');
  });

  it('link a suggestion with the negative row as the outflow', () => {
    expect(linkPair({ id: '5', amount: '-20.00' }, { id: '6', amount: '20.00' })).toEqual({ outflowId: '5', inflowId: '6' });
    expect(linkPair({ id: '6', amount: '20.00' }, { id: '5', amount: '-20.00' })).toEqual({ outflowId: '5', inflowId: '6' });
  });

  it('ask for the arriving amount only across currencies', () => {
    expect(needsInflowAmount('USD', 'USD')).toBe(false);
    expect(needsInflowAmount('USD', 'EUR')).toBe(true);
    expect(needsInflowAmount('USD', undefined)).toBe(false);
  });
});

describe('suggested pairs in a list', () => {
  it('are offered once when both rows suggest each other', () => {
    const rows = [
      { id: '1', transferSuggestion: { id: '2' } },
      { id: '2', transferSuggestion: { id: '1' } },
      { id: '3', transferSuggestion: { id: '1' } },
      { id: '4', transferSuggestion: null },
      { id: '5' },
    ];
    expect([...offeredSuggestions(rows)]).toEqual(['1', '3']);
  });
});
