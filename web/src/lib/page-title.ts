import { resolveRoute } from '../routes';

const APP = 'Finance Tracker';

/** The tab's title for a path: the screen first, so tabs and history tell pages apart. */
export function pageTitle(path: string): string {
  return `${resolveRoute(path).route.title} · ${APP}`;
}
