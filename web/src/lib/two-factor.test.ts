import { describe, expect, it } from 'vitest';
import { groupSecret, recoveryCodesText } from './two-factor';

describe('two-factor setup', () => {
  it('shows the secret in groups of four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPAB')).toBe('JBSW Y3DP EHPK 3PXP AB');
    expect(groupSecret('JBSW Y3DP')).toBe('JBSW Y3DP');
    expect(groupSecret('')).toBe('');
  });

  it('puts the recovery codes one a line under a heading', () => {
    const text = recoveryCodesText(['a1b2c-3d4e5', 'f6a7b-8c9d0'], 'alice@example.com');
    expect(text.split('\n')).toEqual([
      'Finance Tracker recovery codes for alice@example.com',
      'Each code signs you in once without your authenticator app.',
      '',
      'a1b2c-3d4e5',
      'f6a7b-8c9d0',
      '',
    ]);
  });
});
