// The one route table: the screen for each path, its tab title, its place in the main navigation,
// and who may see it. App.svelte, Shell.svelte, the router and page titles all read it.
import type { Component } from 'svelte';
import type { IconName } from './components/Icon.svelte';
import Accounts from './routes/Accounts.svelte';
import Budget from './routes/Budget.svelte';
import Categories from './routes/Categories.svelte';
import Dashboard from './routes/Dashboard.svelte';
import ImportOnDemand from './routes/ImportOnDemand.svelte';
import NotFound from './routes/NotFound.svelte';
import Rules from './routes/Rules.svelte';
import Settings from './routes/Settings.svelte';
import SignIn from './routes/SignIn.svelte';
import SignUp from './routes/SignUp.svelte';
import TransactionDetail from './routes/TransactionDetail.svelte';
import Transactions from './routes/Transactions.svelte';
import { matchPath } from './lib/router.svelte';

export interface Route {
  /** A path pattern for matchPath: "/transactions/:id" gives the screen an `id` prop. */
  path: string;
  // Screens take their path parameters as props, each typed in its own file.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- no one props type fits every screen
  component: Component<any>;
  /** The screen's name in the tab title. */
  title: string;
  /** "guest": only while signed out (signing in or up); "user": needs sign-in. */
  access: 'guest' | 'user';
  /** Present for the sections of the main navigation, in their order. */
  nav?: { label: string; icon: IconName };
}

export const ROUTES: readonly Route[] = [
  { path: '/', component: Dashboard, title: 'Dashboard', access: 'user', nav: { label: 'Dashboard', icon: 'dashboard' } },
  { path: '/transactions', component: Transactions, title: 'Transactions', access: 'user', nav: { label: 'Transactions', icon: 'list' } },
  { path: '/transactions/:id', component: TransactionDetail, title: 'Transaction', access: 'user' },
  { path: '/budget', component: Budget, title: 'Budget', access: 'user', nav: { label: 'Budget', icon: 'budget' } },
  { path: '/budget/:month', component: Budget, title: 'Budget', access: 'user' },
  { path: '/categories', component: Categories, title: 'Categories', access: 'user', nav: { label: 'Categories', icon: 'tag' } },
  { path: '/rules', component: Rules, title: 'Rules', access: 'user', nav: { label: 'Rules', icon: 'rules' } },
  { path: '/accounts', component: Accounts, title: 'Accounts', access: 'user', nav: { label: 'Accounts', icon: 'wallet' } },
  { path: '/import', component: ImportOnDemand, title: 'Import', access: 'user', nav: { label: 'Import', icon: 'import' } },
  { path: '/settings', component: Settings, title: 'Settings', access: 'user', nav: { label: 'Settings', icon: 'settings' } },
  { path: '/signin', component: SignIn, title: 'Sign in', access: 'guest' },
  { path: '/signup', component: SignUp, title: 'Create an account', access: 'guest' },
];

/** Any other path: signed-in users see "page not found"; signed-out visitors are sent to sign in first. */
export const NOT_FOUND: Route = { path: '*', component: NotFound, title: 'Page not found', access: 'user' };

/** The sections of the main navigation, in the table's order. */
export const NAV_LINKS = ROUTES.flatMap((route) => (route.nav ? [{ href: route.path, ...route.nav }] : []));

/** The route for a path and the parameters it names; NOT_FOUND when none matches. */
export function resolveRoute(path: string): { route: Route; params: Record<string, string> } {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return { route: NOT_FOUND, params: {} };
}

/**
 * Paths the server answers itself (the API, receipt files, exports, the backup, the playground,
 * health and metrics), mirroring server/src/app.ts: links to them are left to the browser.
 */
const SERVER_PATHS = ['/graphql', '/receipts/', '/export/', '/backup', '/playground.html', '/healthz', '/readyz', '/metrics'];

export const isServerPath = (pathname: string): boolean => SERVER_PATHS.some((prefix) => pathname.startsWith(prefix));
