// A small history router: the screen follows location.pathname; links are plain <a href>.
import { confirmAction } from './confirm.svelte';
import { hasUnsavedChanges, warnBeforeUnload } from './unsaved-changes';

// Filled in by startRouter, so that importing the route table needs no browser (unit tests).
export const location = $state({ path: '/', search: '', hash: '' });

const here = () => window.location.pathname + window.location.search + window.location.hash;
/** The address on screen: where back and forward come from. */
let current = '/';

function sync() {
  location.path = window.location.pathname;
  location.search = window.location.search;
  location.hash = window.location.hash;
  current = here();
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === here()) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  sync();
  if (!options.replace) window.scrollTo(0, 0);
}

/** Asks before the user leaves a form with unsaved edits; true when there is nothing to lose or they agree. */
function confirmLeaving(): Promise<boolean> {
  if (!hasUnsavedChanges()) return Promise.resolve(true);
  return confirmAction({ title: 'Leave without saving?', message: 'Your changes on this page have not been saved.', confirmLabel: 'Leave', danger: true });
}

/** Follows the address from now on; links to paths the server answers itself are left to the browser. */
export function startRouter(isServerPath: (pathname: string) => boolean): void {
  sync();
  window.addEventListener('beforeunload', warnBeforeUnload);
  window.addEventListener('popstate', async () => {
    const target = here();
    if (hasUnsavedChanges()) {
      // Back and forward cannot be held back: put the page's address back, and go on only if the user agrees.
      history.pushState(null, '', current);
      if (!(await confirmLeaving())) return;
      history.replaceState(null, '', target);
    }
    sync();
  });
  document.addEventListener('click', async (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== window.location.origin) return;
    if (isServerPath(anchor.pathname)) return;
    // A link within the page ("#main") is the browser's to follow.
    if (anchor.hash && anchor.pathname + anchor.search === window.location.pathname + window.location.search) return;
    event.preventDefault();
    const to = anchor.pathname + anchor.search + anchor.hash;
    if (to !== here() && !(await confirmLeaving())) return;
    navigate(to);
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
