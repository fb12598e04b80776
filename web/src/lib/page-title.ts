const APP = 'Finance Tracker';
const TITLES: Record<string, string> = {
  '/': 'Dashboard',
  '/transactions': 'Transactions',
  '/categories': 'Categories',
  '/accounts': 'Accounts',
  '/settings': 'Settings',
  '/signin': 'Sign in',
  '/signup': 'Create an account',
};

/** The tab's title for a path: the screen first, so tabs and history tell pages apart. */
export function pageTitle(path: string): string {
  const screen = TITLES[path.length > 1 ? path.replace(/\/$/, '') : path] ?? (/^\/transactions\/[^/]+\/?$/.test(path) ? 'Transaction' : 'Page not found');
  return `${screen} · ${APP}`;
}
