import { h, replace } from '../dom';
import { t, type MessageKey } from '../i18n';
import type { PageContext } from '../router';

const CARDS: { hash: string; title: MessageKey; text: MessageKey }[] = [
  { hash: '#/zelftest', title: 'nav.selfTest', text: 'home.selfTest' },
  { hash: '#/aanbod', title: 'nav.offerings', text: 'home.offerings' },
  { hash: '#/partners', title: 'nav.partners', text: 'home.partners' },
  { hash: '#/tco', title: 'nav.member', text: 'home.member' },
  { hash: '#/coordinator', title: 'nav.coordinator', text: 'home.coordinator' },
];

export function homePage(ctx: PageContext): void {
  ctx.setTitle(t('home.title'));
  replace(
    ctx.main,
    h('h1', null, t('home.title')),
    h('p', { class: 'lead' }, t('home.intro')),
    h(
      'ul',
      { class: 'card-grid' },
      CARDS.map((card) =>
        h('li', { class: 'card' }, h('h2', null, h('a', { href: card.hash }, t(card.title))), h('p', null, t(card.text))),
      ),
    ),
  );
}
