import './styles.css';
import { focusElement, h, replace } from './dom';
import { language, onLanguageChange, t } from './i18n';
import { onSessionChange } from './auth/session';
import { completeOidcSignIn } from './auth/oidc';
import { renderFooter, renderHeader } from './layout';
import { parseHash, type Page, type PageContext } from './router';
import { errorAlert } from './ui/components';
import { homePage } from './pages/home';
import { selfTestPage } from './pages/selftest';
import { offeringsPage, partnersPage } from './pages/offerings';
import { memberPage } from './pages/member';
import { coordinatorPage } from './pages/coordinator';
import { signInPage } from './pages/signin';

const routes: Record<string, Page> = {
  '': homePage,
  zelftest: selfTestPage,
  aanbod: offeringsPage,
  partners: partnersPage,
  tco: memberPage,
  coordinator: coordinatorPage,
  aanmelden: signInPage,
};

function notFoundPage(ctx: PageContext): void {
  ctx.setTitle(t('notFound.title'));
  replace(ctx.main, h('h1', null, t('notFound.title')), h('p', null, h('a', { href: '#/' }, t('notFound.home'))));
}

const header = document.getElementById('site-header') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;
const footer = document.getElementById('site-footer') as HTMLElement;
const skipLink = document.getElementById('skip-link') as HTMLAnchorElement;

let cleanup: (() => void) | void = undefined;
let renderedOnce = false;

function render(moveFocus: boolean): void {
  if (cleanup) cleanup();
  cleanup = undefined;
  const hash = location.hash || '#/';
  const { segments, query } = parseHash(hash);
  const [first = '', ...rest] = segments;
  const page = routes[first] ?? notFoundPage;
  document.documentElement.lang = language();
  skipLink.textContent = t('skip.toContent');
  renderHeader(header, hash);
  renderFooter(footer);
  main.replaceChildren();
  cleanup = page({
    main,
    rest,
    query,
    setTitle: (title) => {
      document.title = `${title} — Weerbaarheid`;
    },
  });
  if (moveFocus) {
    // After navigation, focus the new page's heading so keyboard and screen-reader users start there.
    focusElement(main.querySelector('h1'));
  }
  renderedOnce = true;
}

skipLink.addEventListener('click', (event) => {
  // The hash is the router's: move focus without changing it.
  event.preventDefault();
  focusElement(main);
});

window.addEventListener('hashchange', () => render(true));
onLanguageChange(() => {
  const active = document.activeElement?.id;
  render(false);
  if (active) document.getElementById(active)?.focus();
});
onSessionChange(() => {
  if (renderedOnce) renderHeader(header, location.hash || '#/');
});

async function start(): Promise<void> {
  try {
    const returnTo = await completeOidcSignIn();
    if (returnTo) location.hash = returnTo;
  } catch (error) {
    render(false);
    main.prepend(errorAlert(error));
    return;
  }
  render(false);
}

void start();
