// Aanbod: the catalogue of support offerings (weerbaarheid.offerings.v1), read anonymously.

import { focusElement, h, replace, uid } from '../dom';
import { enumLabel, localized, t } from '../i18n';
import { get } from '../api/http';
import { AUDIENCES, CATEGORIES, TOPICS, type ListOfferingsResponse, type Offering } from '../api/types';
import type { PageContext } from '../router';
import { badge, field, loading, phoneLink, safeUrl, select, showError, withBusy } from '../ui/components';

const PAGE_SIZE = 20;

interface Filters {
  query: string;
  audience: string;
  topic: string;
  category: string;
}

let filters: Filters = { query: '', audience: '', topic: '', category: '' };

function slugOf(offering: Offering): string {
  return offering.name.replace(/^offerings\//, '');
}

function offeringCard(offering: Offering, headingLevel: 'h2' | 'h3' = 'h2'): HTMLElement {
  return h(
    'li',
    { class: 'card offering-card' },
    h(headingLevel, null, h('a', { href: `#/aanbod/${encodeURIComponent(slugOf(offering))}` }, localized(offering.title))),
    h(
      'p',
      { class: 'badges' },
      offering.category ? badge(enumLabel(offering.category), 'neutral') : null,
      offering.availability?.aroundTheClock ? badge(t('offerings.aroundTheClock'), 'info') : null,
      offering.state === 'STATE_RETIRED' ? badge(t('offerings.retired'), 'warning') : null,
    ),
    h('p', null, localized(offering.summary)),
  );
}

function list(query: Record<string, string | number | undefined>, signal: AbortSignal): Promise<ListOfferingsResponse> {
  return get<ListOfferingsResponse>('/api/v1/offerings', { query, signal });
}

export function offeringsPage(ctx: PageContext): () => void {
  const controller = new AbortController();
  if (ctx.rest[0]) {
    detail(ctx, ctx.rest[0], controller.signal);
    return () => controller.abort();
  }
  ctx.setTitle(t('offerings.title'));

  const errors = h('div');
  const status = h('p', { class: 'status-line', 'aria-live': 'polite', role: 'status' });
  const results = h('ul', { class: 'card-list', 'aria-label': t('offerings.results') });
  const more = h('button', { type: 'button', class: 'button button-secondary', hidden: true }, t('offerings.more'));
  let nextPageToken = '';
  let shown = 0;

  const search = h('input', { type: 'search', name: 'query', maxlength: 200, autocomplete: 'off', value: filters.query });
  const options = (values: readonly string[], anyKey: 'offerings.anyAudience' | 'offerings.anyTopic' | 'offerings.anyCategory') => [
    { value: '', label: t(anyKey) },
    ...values.map((value) => ({ value, label: enumLabel(value) })),
  ];
  const audience = select(options(AUDIENCES, 'offerings.anyAudience'), { name: 'audience' }, filters.audience);
  const topic = select(options(TOPICS, 'offerings.anyTopic'), { name: 'topic' }, filters.topic);
  const category = select(options(CATEGORIES, 'offerings.anyCategory'), { name: 'category' }, filters.category);
  const submit = h('button', { type: 'submit', class: 'button' }, t('offerings.search'));
  const reset = h('button', { type: 'reset', class: 'button button-quiet' }, t('offerings.reset'));

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('offerings.searchLabel') },
    field(t('offerings.query'), search, t('offerings.queryHint')),
    h('div', { class: 'filter-row' }, field(t('offerings.audience'), audience), field(t('offerings.topic'), topic), field(t('offerings.category'), category)),
    h('div', { class: 'actions' }, submit, reset),
  );

  async function load(append: boolean): Promise<void> {
    const response = await list(
      {
        pageSize: PAGE_SIZE,
        pageToken: append ? nextPageToken : undefined,
        query: filters.query.trim() || undefined,
        audience: filters.audience || undefined,
        topic: filters.topic || undefined,
        category: filters.category || undefined,
      },
      controller.signal,
    );
    const offerings = response.offerings ?? [];
    if (!append) {
      replace(results);
      shown = 0;
    }
    const firstNew = offerings.length ? offeringCard(offerings[0]!) : null;
    if (firstNew) results.append(firstNew);
    for (const offering of offerings.slice(1)) results.append(offeringCard(offering));
    shown += offerings.length;
    nextPageToken = response.nextPageToken ?? '';
    more.hidden = !nextPageToken;
    status.textContent = shown === 0 ? t('offerings.none') : t('offerings.count', { count: shown });
    // After "more", continue where the new ones start.
    if (append && firstNew) focusElement(firstNew.querySelector('a'));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filters = { query: search.value, audience: audience.value, topic: topic.value, category: category.value };
    void withBusy(submit, errors, () => load(false));
  });
  form.addEventListener('reset', () => {
    filters = { query: '', audience: '', topic: '', category: '' };
    setTimeout(() => void withBusy(submit, errors, () => load(false)));
  });
  more.addEventListener('click', () => void withBusy(more, errors, () => load(true)));

  replace(
    ctx.main,
    h('h1', null, t('offerings.title')),
    h('p', { class: 'lead' }, t('offerings.intro')),
    h('p', null, h('a', { href: '#/partners' }, t('offerings.partnersLink'))),
    form,
    errors,
    status,
    results,
    more,
  );
  status.textContent = t('common.loading');
  load(false).catch((error: unknown) => {
    if (!controller.signal.aborted) {
      status.textContent = '';
      showError(errors, error);
    }
  });
  return () => controller.abort();
}

function detail(ctx: PageContext, slug: string, signal: AbortSignal): void {
  ctx.setTitle(t('offerings.title'));
  const heading = h('h1', null, t('offerings.title'));
  const body = h('div', null, loading());
  const errors = h('div');
  replace(ctx.main, h('p', { class: 'back' }, h('a', { href: '#/aanbod' }, t('offerings.back'))), heading, errors, body);

  get<Offering>(`/api/v1/offerings/${encodeURIComponent(slug)}`, { signal })
    .then((offering) => {
      heading.textContent = localized(offering.title);
      ctx.setTitle(localized(offering.title));
      const paragraphs = localized(offering.description)
        .split(/\n{2,}/)
        .filter(Boolean)
        .map((text) => h('p', null, text));
      const accessUrl = safeUrl(offering.access?.url);
      const channels = offering.contactChannels ?? [];
      const facts: [string, string][] = [
        [t('offerings.forWhom'), (offering.audiences ?? []).map(enumLabel).join(', ')],
        [t('offerings.topics'), (offering.topics ?? []).map(enumLabel).join(', ')],
        [t('offerings.category'), enumLabel(offering.category)],
        [t('offerings.availability'), offering.availability?.aroundTheClock ? `${t('offerings.aroundTheClock')}. ${localized(offering.availability.hours)}` : localized(offering.availability?.hours)],
        [t('offerings.provider'), offering.provider ?? ''],
      ];
      const eligibility = localized(offering.eligibility);
      const accessHeading = uid('access');
      replace(
        body,
        h(
          'p',
          { class: 'badges' },
          offering.availability?.aroundTheClock ? badge(t('offerings.aroundTheClock'), 'info') : null,
          offering.state === 'STATE_RETIRED' ? badge(t('offerings.retired'), 'warning') : null,
        ),
        h('p', { class: 'lead' }, localized(offering.summary)),
        h('div', { class: 'prose' }, paragraphs),
        h('dl', { class: 'facts' }, facts.filter(([, value]) => value).map(([term, value]) => [h('dt', null, term), h('dd', null, value)])),
        eligibility ? h('section', { class: 'panel', 'aria-labelledby': 'eligibility-heading' }, h('h2', { id: 'eligibility-heading' }, t('offerings.eligibility')), h('p', null, eligibility)) : null,
        h(
          'section',
          { class: 'panel', 'aria-labelledby': accessHeading },
          h('h2', { id: accessHeading }, t('offerings.access')),
          offering.access?.method ? h('p', null, h('strong', null, enumLabel(offering.access.method))) : null,
          h('p', null, localized(offering.access?.instructions)),
          accessUrl ? h('p', null, h('a', { href: accessUrl, rel: 'noopener noreferrer', class: 'button' }, t('offerings.goTo'))) : null,
          channels.length
            ? h(
                'ul',
                { class: 'contact-list' },
                channels.map((channel) => {
                  const label = localized(channel.label) || channel.value || '';
                  let link: HTMLElement | string = channel.value ?? '';
                  if (channel.kind === 'CONTACT_CHANNEL_KIND_PHONE' && channel.value) link = phoneLink(channel.value);
                  else if (channel.kind === 'CONTACT_CHANNEL_KIND_EMAIL' && channel.value) link = h('a', { href: `mailto:${channel.value}` }, channel.value);
                  else {
                    const url = safeUrl(channel.value);
                    if (url) link = h('a', { href: url, rel: 'noopener noreferrer' }, channel.value ?? url);
                  }
                  return h('li', null, h('strong', null, label), ': ', link, channel.aroundTheClock ? [' ', badge(t('offerings.aroundTheClock'), 'info')] : null);
                }),
              )
            : null,
        ),
      );
    })
    .catch((error: unknown) => {
      if (signal.aborted) return;
      replace(body);
      heading.textContent = t('offerings.notFound');
      showError(errors, error);
    });
}

export function partnersPage(ctx: PageContext): () => void {
  const controller = new AbortController();
  ctx.setTitle(t('partners.title'));
  const errors = h('div');
  const results = h('div', null, loading());
  replace(
    ctx.main,
    h('h1', null, t('partners.title')),
    h('p', { class: 'lead' }, t('partners.intro')),
    h('p', null, t('partners.noAccount')),
    errors,
    h('section', { 'aria-labelledby': 'partners-list-heading' }, h('h2', { id: 'partners-list-heading' }, t('partners.listTitle')), results),
    h(
      'div',
      { class: 'notice' },
      h('h2', { class: 'notice-title' }, t('partners.urgentTitle')),
      h('p', null, t('partners.urgentText'), ' ', phoneLink('112'), ' · ', phoneLink('113'), ' · ', phoneLink('0800-0113')),
    ),
  );

  (async () => {
    const offerings: Offering[] = [];
    let pageToken: string | undefined;
    do {
      const response = await list({ audience: 'AUDIENCE_PARTNER_FAMILY', pageSize: 100, pageToken }, controller.signal);
      offerings.push(...(response.offerings ?? []));
      pageToken = response.nextPageToken || undefined;
    } while (pageToken);
    replace(results, offerings.length ? h('ul', { class: 'card-list', 'data-testid': 'partner-offerings' }, offerings.map((o) => offeringCard(o, 'h3'))) : h('p', null, t('offerings.none')));
  })().catch((error: unknown) => {
    if (controller.signal.aborted) return;
    replace(results);
    showError(errors, error);
  });
  return () => controller.abort();
}
