// Coördinator: the region in the coordinator's token. Who is on call now (GetOnCall), coverage gaps
// (ListCoverageGaps), open escalations (ListDispatches of the region in state COORDINATOR_ALERTED, and the
// ones still OFFERED and waiting for an answer) and the rota of the coming weeks (ListShifts).

import { focusElement, h, replace, srOnly } from '../dom';
import { enumLabel, t } from '../i18n';
import { get, post } from '../api/http';
import type { Dispatch, GetOnCallResponse, ListCoverageGapsResponse, ListDispatchesResponse, ListShiftsResponse, OnCallMember, Shift } from '../api/types';
import { formatClock, formatDateTime } from '../format';
import { memberId, regionName } from '../regions';
import type { PageContext } from '../router';
import { badge, loading, showError, withBusy } from '../ui/components';
import { requireRole } from './guard';

const ROTA_WEEKS = 4;
const REFRESH_MS = 30_000;

export function coordinatorPage(ctx: PageContext): () => void {
  ctx.setTitle(t('coordinator.title'));
  const session = requireRole(ctx.main, 'coordinator.title', '/coordinator', 'tco-coordinator', true);
  if (!session?.region) return () => undefined;
  const region = session.region;
  const base = `/api/v1/regions/${encodeURIComponent(region)}`;
  const controller = new AbortController();
  const signal = controller.signal;

  const onCall = panel('oncall-heading', t('coordinator.onCallTitle'));
  const escalations = panel('escalations-heading', t('coordinator.escalationsTitle'));
  const gaps = panel('gaps-heading', t('coordinator.gapsTitle'));
  const rota = panel('rota-heading', t('coordinator.rotaTitle'));
  const updated = h('p', { class: 'meta' });
  const refreshButton = h('button', { type: 'button', class: 'button button-secondary' }, t('coordinator.refresh'));

  const loadOnCall = async () => {
    try {
      const response = await get<GetOnCallResponse>(`${base}:onCall`, { auth: true, signal });
      const rows: [string, OnCallMember | undefined][] = [
        [t('coordinator.primary'), response.primary],
        [t('coordinator.backup'), response.backup],
        [t('coordinator.coordinator'), response.coordinator],
      ];
      replace(
        onCall.body,
        h(
          'dl',
          { class: 'on-call', 'data-testid': 'on-call' },
          rows.map(([label, member]) => [
            h('dt', null, label),
            h(
              'dd',
              null,
              member?.member
                ? [
                    h('strong', null, member.displayName || memberId(member.member)),
                    ` (${memberId(member.member)})`,
                    member.team ? h('span', { class: 'meta' }, ` · ${member.team}`) : null,
                    member.shiftEndTime ? h('span', { class: 'meta' }, ` · ${t('coordinator.until', { time: formatDateTime(member.shiftEndTime) })}`) : null,
                  ]
                : badge(t('coordinator.nobody'), 'urgent'),
            ),
          ]),
        ),
      );
      showError(onCall.errors, null);
    } catch (error) {
      if (!signal.aborted) showError(onCall.errors, error);
    }
  };

  const loadEscalations = async () => {
    try {
      const [alerted, offered] = await Promise.all([
        get<ListDispatchesResponse>(`${base}/dispatches`, { auth: true, signal, query: { state: 'DISPATCH_STATE_COORDINATOR_ALERTED', pageSize: 200 } }),
        get<ListDispatchesResponse>(`${base}/dispatches`, { auth: true, signal, query: { state: 'DISPATCH_STATE_OFFERED', pageSize: 200 } }),
      ]);
      const alertedList = alerted.dispatches ?? [];
      const offeredList = offered.dispatches ?? [];
      replace(
        escalations.body,
        h('h3', null, t('coordinator.alerted'), ' ', badge(String(alertedList.length), alertedList.length ? 'urgent' : 'ok')),
        alertedList.length ? dispatchTable(alertedList, true, escalations.errors, loadEscalations) : h('p', { class: 'empty' }, t('coordinator.noAlerted')),
        h('h3', null, t('coordinator.waiting'), ' ', badge(String(offeredList.length), offeredList.length ? 'warning' : 'ok')),
        offeredList.length ? dispatchTable(offeredList, false, escalations.errors, loadEscalations) : h('p', { class: 'empty' }, t('coordinator.noWaiting')),
      );
      showError(escalations.errors, null);
    } catch (error) {
      if (!signal.aborted) showError(escalations.errors, error);
    }
  };

  const loadGaps = async () => {
    try {
      const response = await get<ListCoverageGapsResponse>(`${base}/coverageGaps`, { auth: true, signal, query: { days: 14 } });
      const list = response.gaps ?? [];
      replace(
        gaps.body,
        list.length
          ? h(
              'ul',
              { class: 'plain-list', 'data-testid': 'gaps' },
              list.map((gap) => h('li', null, badge(enumLabel(gap.schedule), 'urgent'), ' ', `${formatDateTime(gap.startTime)} – ${formatDateTime(gap.endTime)}`)),
            )
          : h('p', { class: 'empty' }, t('coordinator.noGaps')),
      );
      showError(gaps.errors, null);
    } catch (error) {
      if (!signal.aborted) showError(gaps.errors, error);
    }
  };

  const loadRota = async () => {
    try {
      const start = new Date();
      const end = new Date(start.getTime() + ROTA_WEEKS * 7 * 24 * 3600 * 1000);
      const response = await get<ListShiftsResponse>(`${base}/shifts`, { auth: true, signal, query: { startTime: start.toISOString(), endTime: end.toISOString() } });
      replace(rota.body, rotaTable(response.shifts ?? []));
      showError(rota.errors, null);
    } catch (error) {
      if (!signal.aborted) showError(rota.errors, error);
    }
  };

  const refreshLive = async () => {
    await Promise.all([loadOnCall(), loadEscalations()]);
    updated.textContent = t('coordinator.updatedAt', { time: formatClock() });
  };

  refreshButton.addEventListener('click', () => withBusy(refreshButton, null, () => Promise.all([refreshLive(), loadGaps(), loadRota()])));

  replace(
    ctx.main,
    h('h1', null, t('coordinator.title')),
    h('p', { class: 'lead' }, t('coordinator.intro', { region: regionName(region) })),
    h('div', { class: 'toolbar' }, refreshButton, updated),
    onCall.section,
    escalations.section,
    gaps.section,
    rota.section,
  );

  void refreshLive();
  void loadGaps();
  void loadRota();
  const timer = setInterval(() => void refreshLive(), REFRESH_MS);
  return () => {
    clearInterval(timer);
    controller.abort();
  };
}

function panel(id: string, title: string): { section: HTMLElement; body: HTMLElement; errors: HTMLElement } {
  const body = h('div', null, loading());
  const errors = h('div');
  return { section: h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), errors, body), body, errors };
}

function dispatchTable(dispatches: Dispatch[], alerted: boolean, errors: HTMLElement, reload: () => Promise<void>): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table-stack', 'data-testid': alerted ? 'alerted-dispatches' : 'waiting-dispatches' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('coordinator.incident')),
          h('th', { scope: 'col' }, t('coordinator.urgency')),
          h('th', { scope: 'col' }, t('coordinator.colleague')),
          h('th', { scope: 'col' }, alerted ? t('coordinator.since') : t('coordinator.offeredTo')),
          h('th', { scope: 'col' }, alerted ? h('span', { class: 'sr-only' }, t('member.actions')) : t('coordinator.deadline')),
        ),
      ),
      h(
        'tbody',
        null,
        dispatches.map((dispatch) => {
          const offers = dispatch.offers ?? [];
          const pending = [...offers].reverse().find((o) => o.outcome === 'OFFER_OUTCOME_PENDING') ?? offers[offers.length - 1];
          let last: HTMLElement | string = '';
          if (alerted) {
            const take = h('button', { type: 'button', class: 'button button-quiet' }, t('coordinator.takeOn'), srOnly(` ${dispatch.incidentReference ?? ''}`));
            take.addEventListener('click', () =>
              withBusy(take, errors, async () => {
                await post(`/api/v1/${dispatch.name}:accept`, {}, { auth: true });
                await reload();
                focusElement(document.getElementById('escalations-heading'));
              }),
            );
            last = take;
          } else {
            last = formatDateTime(pending?.deadline);
          }
          return h(
            'tr',
            null,
            h('td', { 'data-label': t('coordinator.incident') }, dispatch.incidentReference ?? ''),
            h('td', { 'data-label': t('coordinator.urgency') }, badge(enumLabel(dispatch.urgency), dispatch.urgency === 'URGENCY_IMMEDIATE' ? 'urgent' : 'neutral')),
            h('td', { 'data-label': t('coordinator.colleague') }, dispatch.colleague?.employeeId ?? ''),
            h(
              'td',
              { 'data-label': alerted ? t('coordinator.since') : t('coordinator.offeredTo') },
              alerted
                ? formatDateTime(dispatch.createTime)
                : pending
                  ? `${memberId(pending.member)} (${t('coordinator.offerNumber', { number: pending.number ?? 1 })})`
                  : '',
            ),
            h('td', alerted ? null : { 'data-label': t('coordinator.deadline') }, last),
          );
        }),
      ),
    ),
  );
}

function rotaTable(shifts: Shift[]): HTMLElement {
  if (!shifts.length) return h('p', { class: 'empty' }, t('coordinator.noShifts'));
  // One row per period, primary and backup side by side (periods differ only around overrides).
  const rows = new Map<string, { start: string; end: string; primary: Shift[]; backup: Shift[] }>();
  for (const shift of shifts) {
    const key = `${shift.startTime}|${shift.endTime}`;
    let row = rows.get(key);
    if (!row) {
      row = { start: shift.startTime ?? '', end: shift.endTime ?? '', primary: [], backup: [] };
      rows.set(key, row);
    }
    (shift.schedule === 'SCHEDULE_KIND_BACKUP' ? row.backup : row.primary).push(shift);
  }
  const sorted = [...rows.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const who = (list: Shift[]) =>
    list.length
      ? list.map((s, i) => [i ? ', ' : '', s.memberDisplayName || memberId(s.member), s.fromOverride ? [' ', badge(t('member.override'), 'neutral')] : ''])
      : h('span', { class: 'meta' }, '—');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table-compact table-stack', 'data-testid': 'rota' },
      h('caption', null, t('coordinator.rotaCaption', { weeks: ROTA_WEEKS })),
      h(
        'thead',
        null,
        h('tr', null, h('th', { scope: 'col' }, t('coordinator.period')), h('th', { scope: 'col' }, t('coordinator.primary')), h('th', { scope: 'col' }, t('coordinator.backup'))),
      ),
      h(
        'tbody',
        null,
        sorted.map((row) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, `${formatDateTime(row.start)} – ${formatDateTime(row.end)}`),
            h('td', { 'data-label': t('coordinator.primary') }, who(row.primary)),
            h('td', { 'data-label': t('coordinator.backup') }, who(row.backup)),
          ),
        ),
      ),
    ),
  );
}
