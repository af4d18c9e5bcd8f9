// TCO-lid: a peer supporter's own page. Live offers from the server stream
// `GET /api/v1/members/{member}/dispatches:watch`, accept/decline, the support cases that follow (only who,
// when and the outcome — never what was said), my shifts and swaps, and my calendar link.

import { focusElement, h, replace, srOnly, uid } from '../dom';
import { enumLabel, t } from '../i18n';
import { ApiError, get, post } from '../api/http';
import { keepStreaming, type StreamHandle, type StreamStatus } from '../api/stream';
import {
  CASE_OUTCOMES,
  REFERRAL_TARGETS,
  type AcceptDispatchResponse,
  type CalendarFeedResponse,
  type DispatchOffer,
  type ListShiftSwapsResponse,
  type ListShiftsResponse,
  type ListSupportCasesResponse,
  type Shift,
  type ShiftSwap,
  type SupportCase,
  type WatchDispatchesResponse,
} from '../api/types';
import { hasRole, type Session } from '../auth/session';
import { formatCountdown, formatDateTime, fromLocalInput, toLocalInput } from '../format';
import { memberId, regionName } from '../regions';
import type { PageContext } from '../router';
import { badge, errorAlert, field, loading, select, showError, successMessage, withBusy } from '../ui/components';
import { requireRole } from './guard';

type OfferStatus = 'open' | 'accepted' | 'declined' | 'expired';

interface OfferEntry {
  offer: DispatchOffer;
  status: OfferStatus;
  supportCase?: string;
}

// Kept while the tab lives, so a language switch or a visit to another page resumes the stream where it was.
const memory: { subject: string | null; offers: Map<string, OfferEntry>; resumeToken: string | undefined; skewMs: number } = {
  subject: null,
  offers: new Map(),
  resumeToken: undefined,
  skewMs: 0,
};

const offerKey = (offer: DispatchOffer) => `${offer.dispatch}#${offer.offerNumber ?? 0}`;
const now = () => Date.now() + memory.skewMs;

export function memberPage(ctx: PageContext): () => void {
  ctx.setTitle(t('member.title'));
  const session = requireRole(ctx.main, 'member.title', '/tco', 'tco-member', false);
  if (!session) return () => undefined;
  if (memory.subject !== session.subject) {
    memory.subject = session.subject;
    memory.offers = new Map();
    memory.resumeToken = undefined;
  }

  const me = session.subject;
  const cleanups: (() => void)[] = [];

  const casesSection = h('section', { class: 'panel', 'aria-labelledby': 'cases-heading' });
  const refreshCases = renderCases(casesSection, me);

  replace(
    ctx.main,
    h('h1', null, t('member.title')),
    h('p', { class: 'lead' }, t('member.intro', { member: me, region: session.region ? regionName(session.region) : '—' })),
    offersSection(me, refreshCases, cleanups),
    casesSection,
    shiftsSection(session),
    calendarSection(me),
  );
  return () => cleanups.forEach((c) => c());
}

// ---- live offers ------------------------------------------------------------------------------------

function offersSection(me: string, refreshCases: (focusCase?: string) => Promise<void>, cleanups: (() => void)[]): HTMLElement {
  const statusLine = h('p', { class: 'stream-status', role: 'status', 'data-testid': 'stream-status' });
  const announcer = h('div', { class: 'sr-only', 'aria-live': 'assertive', 'aria-atomic': 'true', 'data-testid': 'offer-announcer' });
  const streamErrors = h('div');
  const list = h('ul', { class: 'offer-list', 'data-testid': 'offers' });
  const empty = h('p', { class: 'empty' }, t('member.noOffers'));
  const retry = h('button', { type: 'button', class: 'button button-quiet', hidden: true }, t('member.reconnectNow'));
  const cards = new Map<string, { card: HTMLElement; countdown: HTMLElement | null; actions: HTMLElement }>();
  let stream: StreamHandle | null = null;

  const setStatus = (status: StreamStatus) => {
    retry.hidden = status.kind !== 'waiting';
    switch (status.kind) {
      case 'connecting':
        statusLine.textContent = status.attempt > 1 ? t('member.streamReconnecting') : t('member.streamConnecting');
        statusLine.className = 'stream-status stream-pending';
        break;
      case 'open':
        statusLine.textContent = t('member.streamOpen');
        statusLine.className = 'stream-status stream-open';
        showError(streamErrors, null);
        break;
      case 'waiting':
        statusLine.textContent = t('member.streamWaiting', { seconds: Math.round(status.retryInMs / 1000) });
        statusLine.className = 'stream-status stream-pending';
        break;
      case 'stopped':
        statusLine.textContent = t('member.streamStopped');
        statusLine.className = 'stream-status stream-stopped';
        showError(streamErrors, status.error);
        break;
    }
  };

  const updateEmpty = () => {
    empty.hidden = memory.offers.size > 0;
  };

  const drawEntry = (entry: OfferEntry): HTMLElement => {
    const offer = entry.offer;
    const key = offerKey(offer);
    const headingId = uid('offer');
    const errors = h('div');
    const actions = h('div', { class: 'actions' });
    const deadlineMs = offer.deadline ? Date.parse(offer.deadline) : NaN;
    const countdown = Number.isNaN(deadlineMs) ? null : h('span', { class: 'countdown', role: 'timer' });
    const facts: [string, string][] = [
      [t('member.colleague'), offer.colleague?.employeeId ?? ''],
      [t('member.team'), offer.colleague?.team ?? ''],
      [t('member.contact'), offer.colleague?.contact ?? ''],
      [t('member.requester'), offer.requester ?? ''],
      [t('member.occurredAt'), formatDateTime(offer.occurredAt)],
      [t('member.region'), regionName(offer.region)],
      [t('member.why'), offer.reason ?? ''],
    ];
    const card = h(
      'li',
      { class: `card offer-card urgency-${(offer.urgency ?? '').toLowerCase()}`, 'aria-labelledby': headingId, 'data-dispatch': offer.dispatch },
      h('h3', { id: headingId }, t('member.offerTitle', { incident: offer.incidentReference ?? '' })),
      h(
        'p',
        { class: 'badges' },
        badge(enumLabel(offer.urgency), offer.urgency === 'URGENCY_IMMEDIATE' ? 'urgent' : offer.urgency === 'URGENCY_WITHIN_24_HOURS' ? 'warning' : 'neutral'),
        offer.coordinatorAlert ? badge(t('member.coordinatorAlert'), 'urgent') : null,
      ),
      countdown
        ? h('p', { class: 'deadline' }, t('member.answerBefore', { time: formatDateTime(offer.deadline) }), ' — ', t('member.timeLeft'), ' ', countdown)
        : null,
      h('dl', { class: 'facts' }, facts.filter(([, v]) => v).map(([term, value]) => [h('dt', null, term), h('dd', null, value)])),
      errors,
      actions,
    );

    const drawActions = () => {
      const current = memory.offers.get(key);
      if (!current) return;
      card.classList.toggle('is-closed', current.status !== 'open');
      if (current.status === 'accepted') {
        replace(actions, h('p', { class: 'outcome outcome-accepted', 'data-testid': 'offer-accepted' }, t('member.accepted')));
        return;
      }
      if (current.status === 'declined') {
        replace(actions, h('p', { class: 'outcome' }, t('member.declined')));
        return;
      }
      if (current.status === 'expired') {
        replace(actions, h('p', { class: 'outcome' }, t('member.expired')));
        return;
      }
      const accept = h('button', { type: 'button', class: 'button' }, t('member.accept'), srOnly(` ${offer.incidentReference ?? ''}`));
      const decline = h('button', { type: 'button', class: 'button button-secondary' }, t('member.decline'), srOnly(` ${offer.incidentReference ?? ''}`));
      accept.addEventListener('click', () =>
        withBusy(accept, errors, async () => {
          const response = await post<AcceptDispatchResponse>(`/api/v1/${offer.dispatch}:accept`, {}, { auth: true });
          current.status = 'accepted';
          if (response.supportCase?.name) current.supportCase = response.supportCase.name;
          drawActions();
          await refreshCases(current.supportCase);
        }),
      );
      decline.addEventListener('click', () => {
        const reason = h('input', { type: 'text', name: 'reason', required: true, maxlength: 200, autocomplete: 'off' });
        const send = h('button', { type: 'submit', class: 'button' }, t('member.declineSend'));
        const cancel = h('button', { type: 'button', class: 'button button-quiet' }, t('common.cancel'));
        const form = h('form', { class: 'decline-form', novalidate: true }, field(t('member.declineReason'), reason, t('member.declineHint')), h('div', { class: 'actions' }, send, cancel));
        cancel.addEventListener('click', () => {
          drawActions();
          actions.querySelector<HTMLButtonElement>('button.button-secondary')?.focus();
        });
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          const text = reason.value.trim();
          if (!text) {
            reason.setAttribute('aria-invalid', 'true');
            showError(errors, new ApiError(t('member.declineReasonRequired'), 400, 3));
            reason.focus();
            return;
          }
          void withBusy(send, errors, async () => {
            await post(`/api/v1/${offer.dispatch}:decline`, { reason: text }, { auth: true });
            current.status = 'declined';
            drawActions();
            focusElement(card.querySelector('h3'));
          });
        });
        replace(actions, form);
        reason.focus();
      });
      replace(actions, accept, decline);
    };
    drawActions();
    cards.set(key, { card, countdown, actions });
    return card;
  };

  const tick = () => {
    for (const [key, { countdown }] of cards) {
      const entry = memory.offers.get(key);
      if (!entry || !countdown || !entry.offer.deadline) continue;
      const left = Date.parse(entry.offer.deadline) - now();
      countdown.textContent = formatCountdown(left);
      countdown.classList.toggle('countdown-low', left < 2 * 60 * 1000);
      if (left <= 0 && entry.status === 'open') {
        entry.status = 'expired';
        const view = cards.get(key);
        if (view) {
          view.card.classList.add('is-closed');
          replace(view.actions, h('p', { class: 'outcome' }, t('member.expired')));
        }
      }
    }
  };

  // Existing offers (from before a language switch or a page change), newest first.
  for (const entry of [...memory.offers.values()].reverse()) list.append(drawEntry(entry));
  updateEmpty();
  tick();
  const timer = setInterval(tick, 1000);
  cleanups.push(() => clearInterval(timer));

  stream = keepStreaming<WatchDispatchesResponse>({
    path: `/api/v1/members/${encodeURIComponent(me)}/dispatches:watch`,
    query: () => ({ resumeToken: memory.resumeToken }),
    onStatus: setStatus,
    onMessage: (message) => {
      if (message.heartbeat?.serverTime) {
        const server = Date.parse(message.heartbeat.serverTime);
        if (!Number.isNaN(server)) memory.skewMs = Math.abs(server - Date.now()) > 2000 ? server - Date.now() : 0;
        return;
      }
      const offer = message.offer;
      if (!offer?.dispatch) return;
      if (offer.resumeToken) memory.resumeToken = offer.resumeToken;
      const key = offerKey(offer);
      if (memory.offers.has(key)) return;
      const entry: OfferEntry = { offer, status: 'open' };
      memory.offers.set(key, entry);
      list.prepend(drawEntry(entry));
      updateEmpty();
      tick();
      announcer.textContent = t('member.newOffer', { incident: offer.incidentReference ?? '', urgency: enumLabel(offer.urgency) });
    },
  });
  retry.addEventListener('click', () => stream?.retryNow());
  cleanups.push(() => stream?.stop());

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'offers-heading' },
    h('h2', { id: 'offers-heading' }, t('member.offersTitle')),
    h('div', { class: 'stream-bar' }, statusLine, retry),
    announcer,
    streamErrors,
    empty,
    list,
  );
}

// ---- support cases ----------------------------------------------------------------------------------

function renderCases(section: HTMLElement, me: string): (focusCase?: string) => Promise<void> {
  const errors = h('div');
  const list = h('div', null, loading());
  const status = h('div', { 'aria-live': 'polite' });
  replace(
    section,
    h('h2', { id: 'cases-heading' }, t('member.casesTitle')),
    h('p', { class: 'notice notice-privacy' }, t('member.casesPrivacy')),
    status,
    errors,
    list,
  );

  const refresh = async (focusCase?: string) => {
    try {
      const response = await get<ListSupportCasesResponse>(`/api/v1/members/${encodeURIComponent(me)}/supportCases`, { auth: true, query: { openOnly: true } });
      const cases = response.supportCases ?? [];
      showError(errors, null);
      replace(list, cases.length ? cases.map((c) => caseCard(c, status, refresh)) : h('p', { class: 'empty' }, t('member.noCases')));
      if (focusCase) focusElement(list.querySelector<HTMLElement>(`[data-case="${CSS.escape(focusCase)}"] h3`));
    } catch (error) {
      replace(list);
      showError(errors, error);
    }
  };
  void refresh();
  return refresh;
}

function caseCard(supportCase: SupportCase, status: HTMLElement, refresh: (focusCase?: string) => Promise<void>): HTMLElement {
  const errors = h('div');
  const headingId = uid('case');
  const contacts = supportCase.contactTimes ?? [];

  // Record a contact: when, nothing else.
  const defaultValue = toLocalInput(Date.now());
  const when = h('input', { type: 'datetime-local', name: 'contactTime', required: true, value: defaultValue, max: defaultValue });
  const record = h('button', { type: 'submit', class: 'button' }, t('member.recordContact'));
  const recordForm = h('form', { class: 'inline-form', novalidate: true }, field(t('member.contactTime'), when, t('member.contactTimeHint')), record);
  recordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    // Untouched: "now" to the second (the input only has minutes, which could fall before the case opened).
    const contactTime = when.value === defaultValue ? new Date().toISOString() : fromLocalInput(when.value);
    if (!contactTime) {
      showError(errors, new ApiError(t('member.contactTimeInvalid'), 400, 3));
      return;
    }
    void withBusy(record, errors, async () => {
      await post(`/api/v1/${supportCase.name}:recordContact`, { contactTime }, { auth: true });
      replace(status, successMessage(t('member.contactRecorded')));
      await refresh(supportCase.name);
    });
  });

  // Close with an outcome (and where to, when referred).
  const outcome = select(
    [{ value: '', label: t('member.chooseOutcome') }, ...CASE_OUTCOMES.map((o) => ({ value: o, label: enumLabel(o) }))],
    { name: 'outcome', required: true },
  );
  const referral = select(
    [{ value: '', label: t('member.chooseReferral') }, ...REFERRAL_TARGETS.map((r) => ({ value: r, label: enumLabel(r) }))],
    { name: 'referral' },
  );
  const referralField = field(t('member.referral'), referral);
  referralField.hidden = true;
  outcome.addEventListener('change', () => {
    referralField.hidden = outcome.value !== 'CASE_OUTCOME_REFERRED';
  });
  const close = h('button', { type: 'submit', class: 'button button-secondary' }, t('member.closeCase'));
  const closeForm = h('form', { class: 'inline-form', novalidate: true }, field(t('member.outcome'), outcome), referralField, close);
  closeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!outcome.value) {
      outcome.setAttribute('aria-invalid', 'true');
      showError(errors, new ApiError(t('member.outcomeRequired'), 400, 3));
      outcome.focus();
      return;
    }
    const body: Record<string, string> = { outcome: outcome.value };
    if (outcome.value === 'CASE_OUTCOME_REFERRED' && referral.value) body.referral = referral.value;
    void withBusy(close, errors, async () => {
      await post(`/api/v1/${supportCase.name}:close`, body, { auth: true });
      replace(status, successMessage(t('member.caseClosed', { colleague: supportCase.colleague?.employeeId ?? '' })));
      await refresh();
      focusElement(document.getElementById('cases-heading'));
    });
  });

  const facts: [string, HTMLElement | string][] = [
    [t('member.colleague'), supportCase.colleague?.employeeId ?? ''],
    [t('member.contact'), supportCase.colleague?.contact ?? ''],
    [t('member.openedAt'), formatDateTime(supportCase.openTime)],
    [
      t('member.firstContactDue'),
      h('span', null, formatDateTime(supportCase.firstContactDue), supportCase.firstContactMissed ? [' ', badge(t('member.firstContactMissed'), 'urgent')] : null),
    ],
    [t('member.followUpsDue'), (supportCase.followUpsDue ?? []).map(formatDateTime).join(' · ')],
    [t('member.contacts'), contacts.length ? contacts.map(formatDateTime).join(' · ') : t('member.noContacts')],
  ];

  return h(
    'article',
    { class: 'card case-card', 'aria-labelledby': headingId, 'data-case': supportCase.name, 'data-testid': 'support-case' },
    h('h3', { id: headingId }, t('member.caseTitle', { colleague: supportCase.colleague?.employeeId || t('member.anonymised') })),
    h('dl', { class: 'facts' }, facts.filter(([, v]) => v).map(([term, value]) => [h('dt', null, term), h('dd', null, value)])),
    errors,
    h('div', { class: 'case-forms' }, recordForm, closeForm),
  );
}

// ---- shifts and swaps -------------------------------------------------------------------------------

const SHIFT_WEEKS = 4;

async function loadMyShifts(session: Session): Promise<Shift[]> {
  const start = new Date();
  const end = new Date(start.getTime() + SHIFT_WEEKS * 7 * 24 * 3600 * 1000);
  const query = { startTime: start.toISOString(), endTime: end.toISOString() };
  try {
    // ListShifts with parent `members/{member}`: "a member may list their own".
    const response = await get<ListShiftsResponse>(`/api/v1/members/${encodeURIComponent(session.subject)}/shifts`, { auth: true, query });
    return response.shifts ?? [];
  } catch (error) {
    // The JSON route for a member's own shifts may not exist (404 without a gRPC status): a coordinator can
    // still read the region's shifts and keep their own.
    if (error instanceof ApiError && error.status === 404 && error.code === undefined) {
      if (session.region && hasRole('tco-coordinator')) {
        const response = await get<ListShiftsResponse>(`/api/v1/regions/${encodeURIComponent(session.region)}/shifts`, { auth: true, query });
        return (response.shifts ?? []).filter((s) => memberId(s.member) === session.subject);
      }
      throw new ApiError(t('member.shiftsRouteMissing'), 404, undefined);
    }
    throw error;
  }
}

function shiftsSection(session: Session): HTMLElement {
  const errors = h('div');
  const body = h('div', null, loading());
  const swapArea = h('div');
  const swapsErrors = h('div');
  const swapsList = h('div', null, loading());

  const refreshSwaps = async () => {
    if (!session.region) {
      replace(swapsList, h('p', null, t('member.noRegion')));
      return;
    }
    try {
      const response = await get<ListShiftSwapsResponse>(`/api/v1/regions/${encodeURIComponent(session.region)}/shiftSwaps`, { auth: true, query: { pageSize: 200 } });
      const mine = (response.shiftSwaps ?? []).filter((s) => memberId(s.requestedBy) === session.subject);
      showError(swapsErrors, null);
      replace(swapsList, mine.length ? h('ul', { class: 'plain-list' }, mine.map((s) => swapItem(s))) : h('p', { class: 'empty' }, t('member.noSwaps')));
    } catch (error) {
      replace(swapsList);
      showError(swapsErrors, error);
    }
  };

  const swapItem = (swap: ShiftSwap): HTMLElement => {
    const itemErrors = h('div');
    const cancel =
      swap.state === 'SHIFT_SWAP_STATE_OPEN'
        ? h('button', { type: 'button', class: 'button button-quiet' }, t('member.cancelSwap'), srOnly(` ${formatDateTime(swap.startTime)}`))
        : null;
    cancel?.addEventListener('click', () =>
      withBusy(cancel, itemErrors, async () => {
        await post(`/api/v1/${swap.name}:cancel`, {}, { auth: true });
        await refreshSwaps();
        focusElement(document.getElementById('swaps-heading'));
      }),
    );
    return h(
      'li',
      { class: 'swap' },
      badge(enumLabel(swap.state), swap.state === 'SHIFT_SWAP_STATE_TAKEN' ? 'ok' : swap.state === 'SHIFT_SWAP_STATE_OPEN' ? 'info' : 'neutral'),
      ' ',
      `${enumLabel(swap.schedule)}: ${formatDateTime(swap.startTime)} – ${formatDateTime(swap.endTime)}`,
      swap.note ? h('span', { class: 'meta' }, ` · ${swap.note}`) : null,
      swap.takenBy ? h('span', { class: 'meta' }, ` · ${t('member.takenBy', { member: memberId(swap.takenBy) })}`) : null,
      cancel ? [' ', cancel] : null,
      itemErrors,
    );
  };

  const openSwapForm = (shift: Shift, opener: HTMLButtonElement) => {
    const formErrors = h('div');
    const start = h('input', { type: 'datetime-local', name: 'startTime', required: true, value: toLocalInput(shift.startTime ?? Date.now()) });
    const end = h('input', { type: 'datetime-local', name: 'endTime', required: true, value: toLocalInput(shift.endTime ?? Date.now()) });
    const note = h('input', { type: 'text', name: 'note', maxlength: 200, autocomplete: 'off' });
    const send = h('button', { type: 'submit', class: 'button' }, t('member.swapSend'));
    const cancel = h('button', { type: 'button', class: 'button button-quiet' }, t('common.cancel'));
    const form = h(
      'form',
      { class: 'panel swap-form', novalidate: true, 'aria-labelledby': 'swap-form-heading' },
      h('h3', { id: 'swap-form-heading' }, t('member.swapFormTitle', { schedule: enumLabel(shift.schedule) })),
      h('p', { class: 'hint' }, t('member.swapFormHint')),
      field(t('member.swapStart'), start),
      field(t('member.swapEnd'), end),
      field(t('member.swapNote'), note, t('member.swapNoteHint')),
      formErrors,
      h('div', { class: 'actions' }, send, cancel),
    );
    cancel.addEventListener('click', () => {
      replace(swapArea);
      opener.focus();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const startTime = fromLocalInput(start.value);
      const endTime = fromLocalInput(end.value);
      void withBusy(send, formErrors, async () => {
        if (!startTime || !endTime) throw new ApiError(t('member.swapTimesInvalid'), 400, 3);
        const body: Record<string, string> = { schedule: shift.schedule ?? 'SCHEDULE_KIND_PRIMARY', startTime, endTime };
        if (note.value.trim()) body.note = note.value.trim();
        await post<ShiftSwap>(`/api/v1/regions/${encodeURIComponent(session.region ?? '')}/shiftSwaps`, body, { auth: true });
        replace(swapArea, successMessage(t('member.swapRequested')));
        await refreshSwaps();
      });
    });
    replace(swapArea, form);
    focusElement(form.querySelector('h3'));
  };

  loadMyShifts(session)
    .then((shifts) => {
      if (!shifts.length) {
        replace(body, h('p', { class: 'empty' }, t('member.noShifts', { weeks: SHIFT_WEEKS })));
        return;
      }
      replace(
        body,
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table table-stack', 'data-testid': 'my-shifts' },
            h('caption', null, t('member.shiftsCaption', { weeks: SHIFT_WEEKS })),
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('member.schedule')), h('th', { scope: 'col' }, t('member.from')), h('th', { scope: 'col' }, t('member.until')), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('member.actions'))))),
            h(
              'tbody',
              null,
              shifts.map((shift) => {
                const ask = h('button', { type: 'button', class: 'button button-quiet' }, t('member.askSwap'), srOnly(` ${formatDateTime(shift.startTime)}`));
                ask.addEventListener('click', () => openSwapForm(shift, ask));
                return h(
                  'tr',
                  null,
                  h('td', { 'data-label': t('member.schedule') }, enumLabel(shift.schedule), shift.fromOverride ? [' ', badge(t('member.override'), 'neutral')] : null),
                  h('td', { 'data-label': t('member.from') }, formatDateTime(shift.startTime)),
                  h('td', { 'data-label': t('member.until') }, formatDateTime(shift.endTime)),
                  h('td', null, session.region ? ask : null),
                );
              }),
            ),
          ),
        ),
      );
    })
    .catch((error: unknown) => {
      replace(body);
      showError(errors, error);
    });
  void refreshSwaps();

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'shifts-heading' },
    h('h2', { id: 'shifts-heading' }, t('member.shiftsTitle')),
    errors,
    body,
    swapArea,
    h('h3', { id: 'swaps-heading' }, t('member.swapsTitle')),
    swapsErrors,
    swapsList,
  );
}

// ---- calendar link ----------------------------------------------------------------------------------

function calendarSection(me: string): HTMLElement {
  const errors = h('div');
  const area = h('div');
  const status = h('p', { class: 'sr-only', 'aria-live': 'polite' });
  const show = h('button', { type: 'button', class: 'button button-secondary' }, t('member.calendarShow'));
  const path = `/api/v1/members/${encodeURIComponent(me)}/calendarFeed`;

  const render = (url: string) => {
    const input = h('input', { type: 'text', readonly: true, value: url, id: 'calendar-url', class: 'wide', spellcheck: 'false' });
    const copy = h('button', { type: 'button', class: 'button' }, t('member.calendarCopy'));
    const rotate = h('button', { type: 'button', class: 'button button-quiet' }, t('member.calendarRotate'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        status.textContent = t('member.calendarCopied');
        replace(errors, successMessage(t('member.calendarCopied')));
      } catch {
        input.select();
        replace(errors, errorAlert(new Error(t('member.calendarCopyFailed'))));
      }
    });
    rotate.addEventListener('click', () => {
      if (!window.confirm(t('member.calendarRotateConfirm'))) return;
      void withBusy(rotate, errors, async () => {
        const response = await post<CalendarFeedResponse>(`${path}:rotate`, {}, { auth: true });
        render(response.url ?? '');
        status.textContent = t('member.calendarRotated');
        replace(errors, successMessage(t('member.calendarRotated')));
        document.getElementById('calendar-url')?.focus();
      });
    });
    replace(area, field(t('member.calendarUrl'), input, t('member.calendarPrivate')), h('div', { class: 'actions' }, copy, rotate));
  };

  show.addEventListener('click', () =>
    withBusy(show, errors, async () => {
      const response = await get<CalendarFeedResponse>(path, { auth: true });
      render(response.url ?? '');
      show.hidden = true;
      document.getElementById('calendar-url')?.focus();
    }),
  );

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'calendar-heading' },
    h('h2', { id: 'calendar-heading' }, t('member.calendarTitle')),
    h('p', null, t('member.calendarText')),
    show,
    area,
    status,
    errors,
  );
}
