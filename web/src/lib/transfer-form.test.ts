import { describe, expect, it } from 'vitest';
import { readTransfer, type TransferFields } from './transfer-form';

const fields = (extra: Partial<TransferFields> = {}): TransferFields => ({
  accountId: '1', toAccountId: '2', amount: '500', inflowAmount: '', date: '2026-03-01', inflowDate: '', ...extra,
});
const usd = { from: 'USD', to: 'USD' };

describe('a transfer in the form', () => {
  it('moves a positive size in one currency, with no second amount', () => {
    expect(readTransfer(fields({ inflowAmount: '999' }), usd, 'en-US')).toEqual({ ok: true, amount: '500.00', inflowAmount: null, inflowDate: null });
    expect(readTransfer(fields({ amount: '-12,5' }), usd, 'en-US')).toMatchObject({ ok: true, amount: '12.50' });
  });

  it('asks for the arriving amount across currencies, in the to-account’s currency', () => {
    expect(readTransfer(fields({ inflowAmount: '' }), { from: 'USD', to: 'JPY' }, 'en-US')).toMatchObject({ ok: false, errors: { inflowAmount: 'Enter an amount.' } });
    expect(readTransfer(fields({ inflowAmount: '74000.5' }), { from: 'USD', to: 'JPY' }, 'en-US')).toMatchObject({ ok: false, errors: { inflowAmount: 'JPY amounts have no decimals.' } });
    expect(readTransfer(fields({ inflowAmount: '74000' }), { from: 'USD', to: 'JPY' }, 'en-US')).toEqual({ ok: true, amount: '500.00', inflowAmount: '74000', inflowDate: null });
  });

  it('needs two different accounts and a size other than 0, saying every problem at once', () => {
    expect(readTransfer(fields({ toAccountId: '', amount: '0' }), usd, 'en-US')).toEqual({
      ok: false, errors: { toAccountId: 'Pick the account the money goes to.', amount: 'Enter an amount other than 0.' },
    });
    expect(readTransfer(fields({ toAccountId: '1' }), usd, 'en-US')).toMatchObject({ ok: false, errors: { toAccountId: expect.stringMatching(/other than/) } });
  });

  it('sends an arrival date only when it is later than the date', () => {
    expect(readTransfer(fields({ inflowDate: '2026-03-03' }), usd)).toMatchObject({ ok: true, inflowDate: '2026-03-03' });
    expect(readTransfer(fields({ inflowDate: '2026-03-01' }), usd)).toMatchObject({ ok: true, inflowDate: null });
    expect(readTransfer(fields({ inflowDate: '2026-02-28' }), usd)).toMatchObject({ ok: false, errors: { inflowDate: 'The money cannot arrive before it leaves.' } });
  });
});
