import { h, replace } from './dom';
import { language, setLanguage, t, type MessageKey } from './i18n';
import { clearSession, getSession, type Session } from './auth/session';
import { regionName } from './regions';
import { navigate } from './router';

export const NAV: { hash: string; key: MessageKey }[] = [
  { hash: '#/zelftest', key: 'nav.selfTest' },
  { hash: '#/aanbod', key: 'nav.offerings' },
  { hash: '#/partners', key: 'nav.partners' },
  { hash: '#/tco', key: 'nav.member' },
  { hash: '#/coordinator', key: 'nav.coordinator' },
];

export function roleLabel(role: string): string {
  const key = `role.${role}` as MessageKey;
  const label = t(key);
  return label === undefined ? role : label;
}

export function sessionSummary(session: Session): string {
  const who = session.displayName || session.subject;
  const roles = session.roles.map(roleLabel).join(', ');
  const region = session.region ? `, ${regionName(session.region)}` : '';
  return `${who} (${roles}${region})`;
}

export function renderHeader(header: HTMLElement, currentHash: string): void {
  const session = getSession();
  const other = language() === 'nl' ? 'en' : 'nl';
  const languageButton = h(
    'button',
    {
      type: 'button',
      id: 'language-switch',
      class: 'button button-quiet',
      lang: other,
      onclick: () => {
        setLanguage(other);
        document.getElementById('language-switch')?.focus();
      },
    },
    t('header.switchLanguage'),
  );

  const account = session
    ? h(
        'div',
        { class: 'account' },
        h('p', { class: 'account-who', 'data-testid': 'signed-in-as' }, t('header.signedInAs', { who: sessionSummary(session) })),
        h(
          'button',
          {
            type: 'button',
            class: 'button button-quiet',
            onclick: () => {
              clearSession();
              navigate('#/');
            },
          },
          t('header.signOut'),
        ),
      )
    : h('div', { class: 'account' }, h('a', { href: `#/aanmelden`, class: 'button button-quiet' }, t('header.signIn')));

  const active = NAV.find((item) => currentHash === item.hash || currentHash.startsWith(`${item.hash}/`) || currentHash.startsWith(`${item.hash}?`));
  replace(
    header,
    h(
      'div',
      { class: 'header-bar' },
      h(
        'a',
        { href: '#/', class: 'brand' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '★'),
        h('span', { class: 'brand-text' }, h('span', { class: 'brand-name' }, 'Weerbaarheid'), h('span', { class: 'brand-sub' }, t('header.tagline'))),
      ),
      h('div', { class: 'header-tools' }, account, languageButton),
    ),
    h(
      'nav',
      { 'aria-label': t('nav.label'), class: 'site-nav' },
      h(
        'ul',
        null,
        NAV.map((item) =>
          h('li', null, h('a', { href: item.hash, 'aria-current': item === active ? 'page' : null }, t(item.key))),
        ),
      ),
    ),
  );
}

export function renderFooter(footer: HTMLElement): void {
  replace(
    footer,
    h(
      'div',
      { class: 'footer-inner' },
      h('p', null, t('footer.privacy')),
      h(
        'p',
        null,
        t('footer.urgent'),
        ' ',
        h('a', { href: 'tel:112' }, '112'),
        ' · ',
        h('a', { href: 'tel:113' }, '113'),
        ' · ',
        h('a', { href: 'tel:08000113' }, '0800-0113'),
      ),
    ),
  );
}
