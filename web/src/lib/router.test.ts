import { describe, expect, it, vi } from 'vitest';

vi.stubGlobal('window', { location: { pathname: '/', search: '' } });
const { matchPath, safeReturnPath } = await import('./router.svelte');

describe('router helpers', () => {
  it('matches paths with parameters', () => {
    expect(matchPath('/transactions/:id', '/transactions/42')).toEqual({ id: '42' });
    expect(matchPath('/transactions/:id', '/transactions')).toBeNull();
  });

  it('returns only to paths of this app after signing in', () => {
    expect(safeReturnPath('/transactions?q=tea')).toBe('/transactions?q=tea');
    expect(safeReturnPath('//evil.example')).toBe('/');
    expect(safeReturnPath('https://evil.example')).toBe('/');
    expect(safeReturnPath('/signin')).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
  });
});
