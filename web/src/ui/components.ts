import { h, replace, uid, type Child } from '../dom';
import { t } from '../i18n';
import { ApiError } from '../api/http';

/** What went wrong, in words for the user. */
export function describeError(error: unknown): { title: string; message: string; violations: { field: string; description: string }[] } {
  if (error instanceof ApiError) {
    let title: string;
    if (error.status === 0) title = t('error.network');
    else if (error.unauthenticated) title = t('error.unauthenticated');
    else if (error.status === 403 || error.code === 7) title = t('error.forbidden');
    else if (error.status === 404 || error.code === 5) title = t('error.notFound');
    else if (error.status === 400 || error.code === 3) title = t('error.invalid');
    else if (error.status === 409 || error.code === 9 || error.code === 10 || error.code === 6) title = t('error.conflict');
    else if (error.status === 429 || error.code === 8) title = t('error.tooMany');
    else if (error.status >= 500 || error.code === 14) title = t('error.unavailable');
    else title = t('error.generic');
    return { title, message: error.message, violations: error.violations };
  }
  return { title: t('error.generic'), message: error instanceof Error ? error.message : String(error), violations: [] };
}

/** A visible, announced error (role="alert"). */
export function errorAlert(error: unknown): HTMLElement {
  const { title, message, violations } = describeError(error);
  return h(
    'div',
    { class: 'alert alert-error', role: 'alert' },
    h('p', { class: 'alert-title' }, h('strong', null, title)),
    message && message !== title ? h('p', null, message) : null,
    violations.length
      ? h(
          'ul',
          null,
          violations.map((v) => h('li', null, v.field ? h('code', null, v.field) : null, v.field ? ': ' : null, v.description)),
        )
      : null,
  );
}

/** Puts an error alert in `slot` (or clears it with null). */
export function showError(slot: HTMLElement, error: unknown | null): void {
  if (error === null || error === undefined) replace(slot);
  else replace(slot, errorAlert(error));
}

export function successMessage(text: string): HTMLElement {
  return h('div', { class: 'alert alert-success', role: 'status' }, h('p', null, text));
}

export function loading(): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

export function badge(text: string, kind: 'info' | 'urgent' | 'warning' | 'ok' | 'neutral' = 'neutral'): HTMLElement {
  return h('span', { class: `badge badge-${kind}` }, text);
}

/** A labelled form control. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  const id = control.id || uid('field');
  control.id = id;
  let hintElement: HTMLElement | null = null;
  if (hint) {
    hintElement = h('p', { class: 'hint', id: `${id}-hint` }, hint);
    control.setAttribute('aria-describedby', `${id}-hint`);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), hintElement, control);
}

export function select(options: { value: string; label: string }[], attrs: Record<string, string | boolean | undefined> = {}, selected = ''): HTMLSelectElement {
  const element = h('select', attrs);
  for (const option of options) {
    const el = h('option', { value: option.value }, option.label);
    if (option.value === selected) el.selected = true;
    element.append(el);
  }
  return element;
}

/** Runs `action` with the button disabled and marked busy; errors go to `slot`. */
export async function withBusy<T>(button: HTMLButtonElement, slot: HTMLElement | null, action: () => Promise<T>): Promise<T | undefined> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (slot) showError(slot, null);
  try {
    return await action();
  } catch (error) {
    if (slot) showError(slot, error);
    else throw error;
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

export function section(headingId: string, heading: string, level: 'h2' | 'h3', ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': headingId }, h(level, { id: headingId }, heading), ...children);
}

/** A `tel:` link for a Dutch phone number as written (`0800-0113`, `112`). */
export function phoneLink(number: string, label?: string): HTMLAnchorElement {
  const digits = number.replace(/[^0-9+]/g, '');
  return h('a', { href: `tel:${digits}`, class: 'phone-link' }, label ?? number);
}

/** Only https (or same-origin) addresses become links. */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, location.origin);
    if (parsed.protocol === 'https:' || parsed.origin === location.origin) return parsed.toString();
  } catch {
    // not a URL
  }
  return null;
}
