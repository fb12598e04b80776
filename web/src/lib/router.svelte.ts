// A small history router: the screen follows location.pathname; links are plain <a href>.

export const location = $state({ path: window.location.pathname, search: window.location.search });

function sync() {
  location.path = window.location.pathname;
  location.search = window.location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  sync();
  if (!options.replace) window.scrollTo(0, 0);
}

/** Paths the server answers itself (files, the API, the playground) are left to the browser. */
const SERVER_PATHS = /^\/(graphql|receipts\/|playground\.html|healthz|readyz|metrics)/;

export function startRouter(): void {
  window.addEventListener('popstate', sync);
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== window.location.origin) return;
    if (SERVER_PATHS.test(anchor.pathname)) return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search);
  });
}

/** "/transactions/42" against "/transactions/:id" → { id: "42" }, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}/?$`,
  );
  const match = regex.exec(path);
  if (!match) return null;
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
}

/** Where to go after signing in: only a path of this app, never another site. */
export function safeReturnPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/signin') || next.startsWith('/signup')) return '/';
  return next;
}
