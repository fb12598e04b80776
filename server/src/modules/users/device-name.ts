import Bowser from 'bowser';

/** A user agent as a person reads it: "Chrome on Linux", "Safari on iOS", or the program's name ("curl"). */
export function describeDevice(userAgent: string | null | undefined): string {
  const agent = userAgent?.trim();
  if (!agent) return 'Unknown device';
  const { browser, os } = Bowser.parse(agent);
  if (browser.name && os.name) return `${browser.name} on ${os.name}`;
  if (browser.name) return browser.name;
  // Not a browser (a script, curl): its first product token.
  const product = agent.split(/[\s/;(]/)[0].slice(0, 40);
  return os.name ? `${product || 'Unknown browser'} on ${os.name}` : product || 'Unknown device';
}
