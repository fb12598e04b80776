import { describe, expect, it } from 'vitest';
import { pageTitle } from './page-title';

describe('page titles', () => {
  it('names the screen before the app', () => {
    expect(pageTitle('/')).toBe('Dashboard · Finance Tracker');
    expect(pageTitle('/transactions')).toBe('Transactions · Finance Tracker');
    expect(pageTitle('/transactions/')).toBe('Transactions · Finance Tracker');
    expect(pageTitle('/transactions/42')).toBe('Transaction · Finance Tracker');
    expect(pageTitle('/signin')).toBe('Sign in · Finance Tracker');
    expect(pageTitle('/nowhere')).toBe('Page not found · Finance Tracker');
  });
});
