// Zelftest: the anonymous self-test (weerbaarheid.self_test.v1). The token StartSelfTest returns is the
// only key to the self-test: it is kept in this page's memory only (not in storage, never in a URL) and
// sent in request bodies only. No sign-in token is ever sent to these routes.

import { focusElement, h, replace, srOnly, uid } from '../dom';
import { enumLabel, localized, t } from '../i18n';
import { get, post } from '../api/http';
import type { GetResultResponse, Instrument, ListInstrumentsResponse, SelfTestResult, StartSelfTestResponse, SubmitAnswersResponse } from '../api/types';
import type { PageContext } from '../router';
import { badge, loading, phoneLink, safeUrl, showError, withBusy } from '../ui/components';
import { formatDate } from '../format';

type State =
  | { step: 'choose' }
  | { step: 'answer'; token: string; instrument: Instrument; answers: Map<number, number> }
  | { step: 'result'; token: string; instrument: Instrument; result: SelfTestResult }
  | { step: 'deleted' };

let state: State = { step: 'choose' };
let instrumentsCache: Instrument[] | null = null;

export function selfTestPage(ctx: PageContext): void {
  ctx.setTitle(t('selfTest.title'));
  const status = h('div', { class: 'sr-only', 'aria-live': 'polite', id: 'selftest-status' });
  const body = h('div');
  replace(
    ctx.main,
    h('h1', null, t('selfTest.title')),
    h(
      'div',
      { class: 'notice notice-privacy' },
      h('h2', { class: 'notice-title' }, t('selfTest.anonymousTitle')),
      h('p', null, t('selfTest.anonymousText')),
      h('p', null, t('selfTest.anonymousKey')),
    ),
    status,
    body,
  );

  const go = (next: State, focus = true) => {
    state = next;
    draw(focus);
  };

  function draw(focus: boolean): void {
    switch (state.step) {
      case 'choose':
        drawChoose(body, go);
        break;
      case 'answer':
        drawAnswer(body, state, go);
        break;
      case 'result':
        drawResult(body, state, go);
        status.textContent = t('selfTest.resultReady');
        break;
      case 'deleted':
        replace(
          body,
          h(
            'section',
            { class: 'panel', 'aria-labelledby': 'deleted-heading' },
            h('h2', { id: 'deleted-heading' }, t('selfTest.deletedTitle')),
            h('p', null, t('selfTest.deletedText')),
            h('button', { type: 'button', class: 'button', onclick: () => go({ step: 'choose' }) }, t('selfTest.again')),
          ),
        );
        break;
    }
    if (focus) focusElement(body.querySelector('h2'));
  }

  draw(false);
}

function drawChoose(body: HTMLElement, go: (next: State) => void): void {
  const errors = h('div');
  const list = h('div', null, loading());
  replace(
    body,
    h('section', { class: 'panel', 'aria-labelledby': 'choose-heading' }, h('h2', { id: 'choose-heading' }, t('selfTest.chooseTitle')), h('p', null, t('selfTest.chooseText')), errors, list),
  );

  const show = (instruments: Instrument[]) => {
    replace(
      list,
      h(
        'ul',
        { class: 'instrument-list' },
        instruments.map((instrument) => {
          const headingId = uid('instrument');
          const start = h(
            'button',
            { type: 'button', class: 'button' },
            t('selfTest.start'),
            srOnly(` ${localized(instrument.title)}`),
          );
          start.addEventListener('click', () =>
            withBusy(start, errors, async () => {
              const started = await post<StartSelfTestResponse>('/api/v1/selfTests:start', { instrument: instrument.name });
              go({ step: 'answer', token: started.token, instrument: started.instrument ?? instrument, answers: new Map() });
            }),
          );
          return h(
            'li',
            { class: 'card' },
            h('h3', { id: headingId }, localized(instrument.title)),
            h('p', null, localized(instrument.description)),
            h('p', { class: 'meta' }, t('selfTest.questionCount', { count: instrument.items?.length ?? 0 })),
            start,
          );
        }),
      ),
    );
  };

  if (instrumentsCache) {
    show(instrumentsCache);
    return;
  }
  get<ListInstrumentsResponse>('/api/v1/instruments')
    .then((response) => {
      instrumentsCache = response.instruments ?? [];
      show(instrumentsCache);
    })
    .catch((error: unknown) => {
      replace(list);
      showError(errors, error);
    });
}

function drawAnswer(body: HTMLElement, current: Extract<State, { step: 'answer' }>, go: (next: State) => void): void {
  const { instrument, answers, token } = current;
  const items = instrument.items ?? [];
  const errors = h('div');
  const progressText = h('p', { id: 'progress-text', class: 'progress-text' });
  const progress = h('progress', { max: items.length, value: answers.size, 'aria-labelledby': 'progress-text' });
  const updateProgress = () => {
    progressText.textContent = t('selfTest.progress', { answered: answers.size, total: items.length });
    progress.value = answers.size;
  };
  updateProgress();

  const fieldsets = items.map((item) => {
    const name = `item-${item.number}`;
    return h(
      'fieldset',
      { class: 'question', id: `question-${item.number}` },
      h('legend', null, h('span', { class: 'question-number' }, t('selfTest.questionNumber', { number: item.number, total: items.length })), ' ', localized(item.text)),
      h(
        'div',
        { class: 'options' },
        (item.options ?? []).map((option) => {
          const id = `${name}-${option.value ?? 0}`;
          const input = h('input', { type: 'radio', name, id, value: option.value ?? 0 });
          if (answers.get(item.number) === (option.value ?? 0)) input.checked = true;
          input.addEventListener('change', () => {
            answers.set(item.number, option.value ?? 0);
            updateProgress();
          });
          return h('div', { class: 'option' }, input, h('label', { for: id }, localized(option.label)));
        }),
      ),
    );
  });

  const submit = h('button', { type: 'submit', class: 'button' }, t('selfTest.submit'));
  const stop = h('button', { type: 'button', class: 'button button-secondary' }, t('selfTest.stop'));
  stop.addEventListener('click', () =>
    withBusy(stop, errors, async () => {
      await post('/api/v1/selfTests:delete', { token });
      go({ step: 'choose' });
    }),
  );

  const form = h(
    'form',
    { class: 'questionnaire', novalidate: true },
    h('p', { class: 'instruction' }, localized(instrument.instruction)),
    h('div', { class: 'progress' }, progressText, progress),
    fieldsets,
    errors,
    h('div', { class: 'actions' }, submit, stop),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const missing = items.filter((item) => !answers.has(item.number)).map((item) => item.number);
    if (missing.length > 0) {
      replace(
        errors,
        h(
          'div',
          { class: 'alert alert-error', role: 'alert' },
          h('p', null, h('strong', null, t('selfTest.missingTitle'))),
          h(
            'ul',
            null,
            missing.map((number) =>
              h(
                'li',
                null,
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link-button',
                    onclick: () => document.querySelector<HTMLInputElement>(`#question-${number} input`)?.focus(),
                  },
                  t('selfTest.missingItem', { number }),
                ),
              ),
            ),
          ),
        ),
      );
      return;
    }
    void withBusy(submit, errors, async () => {
      const body = { token, answers: [...answers].map(([item, value]) => ({ item, value })), finish: true };
      const submitted = await post<SubmitAnswersResponse>('/api/v1/selfTests:submitAnswers', body);
      if (!submitted.finished) throw new Error(t('selfTest.notFinished', { missing: (submitted.missingItems ?? []).join(', ') }));
      const result = await post<GetResultResponse>('/api/v1/selfTests:getResult', { token });
      if (!result.result) throw new Error(t('selfTest.noResult'));
      go({ step: 'result', token, instrument, result: result.result });
    });
  });

  replace(body, h('section', { class: 'panel', 'aria-labelledby': 'answer-heading' }, h('h2', { id: 'answer-heading' }, localized(instrument.title)), form));
}

function drawResult(body: HTMLElement, current: Extract<State, { step: 'result' }>, go: (next: State) => void): void {
  const { result, instrument, token } = current;
  const urgent = result.urgentHelp;
  const errors = h('div');

  const urgentBlock = urgent
    ? h(
        'section',
        { class: 'urgent-help', 'aria-labelledby': 'urgent-heading', 'data-testid': 'urgent-help' },
        h('h3', { id: 'urgent-heading' }, t('selfTest.urgentTitle')),
        h('p', { class: 'urgent-message' }, localized(urgent.message)),
        h(
          'ul',
          { class: 'contact-list' },
          (urgent.contacts ?? []).map((contact) =>
            h(
              'li',
              null,
              h('strong', null, localized(contact.label)),
              contact.phone ? [' ', phoneLink(contact.phone, t('selfTest.call', { phone: contact.phone }))] : null,
              h('br'),
              localized(contact.howToReach),
              contact.availability ? h('span', { class: 'meta' }, ` · ${localized(contact.availability)}`) : null,
            ),
          ),
        ),
      )
    : null;

  const triggered = (result.rules ?? []).filter((rule) => rule.triggered && localized(rule.advice));
  const subscales = result.subscales ?? [];
  const recommendations = result.recommendations ?? [];

  const remove = h('button', { type: 'button', class: 'button button-secondary' }, t('selfTest.delete'));
  remove.addEventListener('click', () =>
    withBusy(remove, errors, async () => {
      await post('/api/v1/selfTests:delete', { token });
      go({ step: 'deleted' });
    }),
  );

  replace(
    body,
    h(
      'section',
      { class: 'panel result', 'aria-labelledby': 'result-heading', 'data-testid': 'result' },
      h('h2', { id: 'result-heading' }, t('selfTest.resultTitle', { title: localized(result.title) || localized(instrument.title) })),
      urgentBlock,
      h(
        'div',
        { class: 'score' },
        h('p', { class: 'score-total' }, `${localized(instrument.totalLabel) || t('selfTest.total')}: `, h('strong', null, `${result.total ?? 0}`), ` ${t('selfTest.outOf', { max: result.maximumTotal ?? 0 })}`),
        result.severity ? h('p', null, badge(enumLabel(result.severity), severityKind(result.severity))) : null,
      ),
      h('h3', null, localized(result.band?.label)),
      h('p', null, localized(result.band?.advice)),
      triggered.length ? h('div', { class: 'notice' }, triggered.map((rule) => h('p', null, h('strong', null, `${localized(rule.label)}: `), localized(rule.advice)))) : null,
      subscales.length
        ? h(
            'table',
            { class: 'table' },
            h('caption', null, t('selfTest.subscales')),
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('selfTest.subscale')), h('th', { scope: 'col' }, t('selfTest.score')))),
            h('tbody', null, subscales.map((s) => h('tr', null, h('th', { scope: 'row' }, localized(s.label)), h('td', null, String(s.score ?? 0))))),
          )
        : null,
      h('h3', { id: 'recommendations-heading' }, t('selfTest.recommendations')),
      result.recommendationNote && localized(result.recommendationNote) ? h('p', { class: 'meta' }, localized(result.recommendationNote)) : null,
      recommendations.length
        ? h(
            'ul',
            { class: 'card-list', 'aria-labelledby': 'recommendations-heading', 'data-testid': 'recommendations' },
            recommendations.map((rec) => {
              const slug = (rec.offering ?? '').replace(/^offerings\//, '');
              const url = safeUrl(rec.accessUrl);
              return h(
                'li',
                { class: 'card' },
                h('h4', null, slug ? h('a', { href: `#/aanbod/${encodeURIComponent(slug)}` }, localized(rec.title)) : localized(rec.title)),
                rec.aroundTheClock ? badge(t('offerings.aroundTheClock'), 'info') : null,
                h('p', null, localized(rec.summary)),
                localized(rec.reason) ? h('p', { class: 'meta' }, `${t('selfTest.why')} ${localized(rec.reason)}`) : null,
                url ? h('p', null, h('a', { href: url, rel: 'noopener noreferrer' }, t('offerings.goTo'))) : null,
              );
            }),
          )
        : h('p', null, t('selfTest.noRecommendations')),
      h(
        'div',
        { class: 'notice notice-privacy' },
        h('h3', null, t('selfTest.keepTitle')),
        h('p', null, t('selfTest.keepText', { date: formatDate(result.expiresOn) || '—' })),
        errors,
        h('div', { class: 'actions' }, remove, h('button', { type: 'button', class: 'button button-quiet', onclick: () => go({ step: 'choose' }) }, t('selfTest.again'))),
      ),
      result.source?.citation ? h('p', { class: 'source' }, `${t('selfTest.source')} ${result.source.citation}`) : null,
    ),
  );
}

function severityKind(severity: string): 'urgent' | 'warning' | 'ok' | 'neutral' {
  if (severity === 'SEVERITY_URGENT' || severity === 'SEVERITY_SEVERE') return 'urgent';
  if (severity === 'SEVERITY_MODERATE') return 'warning';
  if (severity === 'SEVERITY_NONE' || severity === 'SEVERITY_MILD') return 'ok';
  return 'neutral';
}

