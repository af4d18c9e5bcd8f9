// Hash routing (`#/zelftest`, `#/aanbod/tco`): the gateway serves one index.html and needs no fallback.

export interface PageContext {
  /** Where the page renders. */
  main: HTMLElement;
  /** Path segments after the page's own, e.g. ['team-collegiale-ondersteuning'] for `#/aanbod/team-collegiale-ondersteuning`. */
  rest: string[];
  query: URLSearchParams;
  setTitle(title: string): void;
}

/** Renders a page; may return a cleanup that runs when the page is left (stop timers, streams). */
export type Page = (ctx: PageContext) => void | (() => void);

export interface Route {
  path: string;
  page: Page;
}

export function parseHash(hash: string): { segments: string[]; query: URLSearchParams } {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?');
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  return { segments, query: new URLSearchParams(search) };
}

export function navigate(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
