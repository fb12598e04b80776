import { describe, expect, it } from 'vitest';
import { pageTitle } from './lib/page-title';
import NotFound from './routes/NotFound.svelte';
import TransactionDetail from './routes/TransactionDetail.svelte';
import { isServerPath, NAV_LINKS, NOT_FOUND, resolveRoute, ROUTES } from './routes';

/** A path that a route's pattern matches: each parameter filled with a sample value. */
const samplePath = (pattern: string) => pattern.replace(/:(\w+)/g, 'sample-$1');

describe('the route table', () => {
  it('resolves every route from a path it names, with its parameters', () => {
    for (const route of ROUTES) {
      const { route: resolved, params } = resolveRoute(samplePath(route.path));
      expect(resolved).toBe(route);
      for (const name of route.path.match(/:(\w+)/g) ?? []) expect(params[name.slice(1)]).toBe(`sample-${name.slice(1)}`);
    }
    expect(resolveRoute('/transactions/42')).toEqual({ route: expect.objectContaining({ component: TransactionDetail }), params: { id: '42' } });
    expect(resolveRoute('/budget/2026-03')).toEqual({ route: expect.objectContaining({ path: '/budget/:month', title: 'Budget' }), params: { month: '2026-03' } });
    expect(resolveRoute('/budget').params).toEqual({});
  });

  it('sends an unknown path to "page not found", which needs sign-in like any private page', () => {
    for (const path of ['/nowhere', '/transactions/42/edit', '/settings/extra']) {
      expect(resolveRoute(path)).toEqual({ route: NOT_FOUND, params: {} });
    }
    expect(NOT_FOUND.component).toBe(NotFound);
    expect(NOT_FOUND.access).toBe('user');
    expect(pageTitle('/nowhere')).toBe('Page not found · Finance Tracker');
  });

  it('gives every route its title from the table', () => {
    for (const route of ROUTES) expect(pageTitle(samplePath(route.path))).toBe(`${route.title} · Finance Tracker`);
  });

  it('builds the main navigation from the routes that have a place in it, in order', () => {
    expect(NAV_LINKS.map((link) => [link.href, link.label, link.icon])).toEqual([
      ['/', 'Dashboard', 'dashboard'],
      ['/transactions', 'Transactions', 'list'],
      ['/budget', 'Budget', 'budget'],
      ['/categories', 'Categories', 'tag'],
      ['/rules', 'Rules', 'rules'],
      ['/accounts', 'Accounts', 'wallet'],
      ['/import', 'Import', 'import'],
      ['/settings', 'Settings', 'settings'],
    ]);
    for (const link of NAV_LINKS) expect(resolveRoute(link.href).route.access).toBe('user');
  });

  it('lets only signing in and signing up be seen while signed out', () => {
    expect(ROUTES.filter((route) => route.access === 'guest').map((route) => route.path)).toEqual(['/signin', '/signup']);
  });

  it('leaves the paths the server answers to the browser, and no screen among them', () => {
    for (const path of ['/graphql', '/receipts/abc', '/export/transactions.csv', '/backup', '/playground.html', '/healthz', '/readyz', '/metrics']) expect(isServerPath(path)).toBe(true);
    for (const route of ROUTES) expect(isServerPath(samplePath(route.path))).toBe(false);
  });
});
