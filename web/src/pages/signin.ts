// Aanmelden: `GET /auth/config` says which sign-in exists. In a local Development run that is the
// development sign-in (`POST /dev/sign-in`, any role); elsewhere the police's OIDC provider.

import { focusElement, h, replace } from '../dom';
import { t } from '../i18n';
import { ApiError } from '../api/http';
import { authConfig, getSession, ROLES, sessionFromToken, setSession, type AuthConfig } from '../auth/session';
import { startOidcSignIn } from '../auth/oidc';
import { REGIONS, regionName } from '../regions';
import { roleLabel, sessionSummary } from '../layout';
import { navigate, type PageContext } from '../router';
import { errorAlert, field, loading, select, showError, withBusy } from '../ui/components';

interface Preset {
  subject: string;
  roles: string[];
  region: string;
}

const PRESET_REGION = 'amsterdam';
const PRESETS: Preset[] = [
  { subject: `demo-${PRESET_REGION}-2`, roles: ['tco-member'], region: PRESET_REGION },
  { subject: `demo-${PRESET_REGION}-3`, roles: ['tco-member'], region: PRESET_REGION },
  { subject: `demo-${PRESET_REGION}-1`, roles: ['tco-coordinator', 'tco-member'], region: PRESET_REGION },
  { subject: 'demo-rotterdam-1', roles: ['tco-coordinator', 'tco-member'], region: 'rotterdam' },
  { subject: 'demo-medewerker', roles: ['employee'], region: '' },
  { subject: 'demo-leidinggevende', roles: ['manager'], region: '' },
  { subject: 'demo-beheerder', roles: ['programme-admin'], region: '' },
];

function landingFor(roles: string[]): string {
  if (roles.includes('tco-coordinator')) return '/coordinator';
  if (roles.includes('tco-member')) return '/tco';
  return '/';
}

export function signInPage(ctx: PageContext): void {
  ctx.setTitle(t('signIn.title'));
  const next = ctx.query.get('next');
  const body = h('div', null, loading());
  const errors = h('div');
  replace(ctx.main, h('h1', null, t('signIn.title')), errors, body);

  const session = getSession();
  if (session) {
    replace(body, h('div', { class: 'notice' }, h('p', null, t('signIn.already', { who: sessionSummary(session) }))));
  }

  authConfig()
    .then((config) => {
      const parts: HTMLElement[] = [];
      if (config.oidc) parts.push(oidcPanel(config, next, errors));
      if (config.developmentSignIn) parts.push(developmentPanel(next));
      if (parts.length === 0) parts.push(h('p', null, t('signIn.none')));
      replace(body, session ? h('div', { class: 'notice' }, h('p', null, t('signIn.already', { who: sessionSummary(session) }))) : null, parts);
    })
    .catch((error: unknown) => {
      replace(body);
      showError(errors, error);
    });
}

function oidcPanel(config: AuthConfig, next: string | null, errors: HTMLElement): HTMLElement {
  const button = h('button', { type: 'button', class: 'button button-large' }, t('signIn.oidc'));
  button.addEventListener('click', () =>
    withBusy(button, errors, () => startOidcSignIn(config.oidc!, `#${next && next.startsWith('/') ? next : '/'}`)),
  );
  return h('section', { class: 'panel', 'aria-labelledby': 'oidc-heading' }, h('h2', { id: 'oidc-heading' }, t('signIn.oidcTitle')), h('p', null, t('signIn.oidcText')), button);
}

function developmentPanel(next: string | null): HTMLElement {
  const errors = h('div');
  const subject = h('input', { type: 'text', name: 'subject', autocomplete: 'off', spellcheck: 'false', required: true, maxlength: 64 });
  const region = select([{ value: '', label: t('signIn.noRegion') }, ...REGIONS.map((r) => ({ value: r.slug, label: regionName(r.slug) }))], { name: 'region' });
  const roleBoxes = ROLES.map((role) => {
    const id = `dev-role-${role}`;
    const input = h('input', { type: 'checkbox', name: 'roles', value: role, id });
    return { role, input, element: h('div', { class: 'option' }, input, h('label', { for: id }, `${roleLabel(role)} `, h('code', null, role))) };
  });
  const rolesFieldset = h('fieldset', { class: 'roles' }, h('legend', null, t('signIn.roles')), roleBoxes.map((r) => r.element));
  const submit = h('button', { type: 'submit', class: 'button' }, t('signIn.devSubmit'));
  const presetStatus = h('p', { class: 'sr-only', 'aria-live': 'polite' });

  const fill = (preset: Preset) => {
    subject.value = preset.subject;
    region.value = preset.region;
    for (const box of roleBoxes) box.input.checked = preset.roles.includes(box.role);
    presetStatus.textContent = t('signIn.presetFilled', { subject: preset.subject });
  };

  const markInvalid = (error: unknown) => {
    const fields = error instanceof ApiError ? error.violations.map((v) => v.field) : [];
    subject.toggleAttribute('aria-invalid', fields.includes('subject'));
    region.toggleAttribute('aria-invalid', fields.includes('region'));
    rolesFieldset.toggleAttribute('aria-invalid', fields.some((f) => f.startsWith('roles')));
  };

  const form = h(
    'form',
    { class: 'dev-sign-in', novalidate: true },
    field(t('signIn.subject'), subject, t('signIn.subjectHint')),
    rolesFieldset,
    field(t('signIn.region'), region, t('signIn.regionHint')),
    errors,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const roles = roleBoxes.filter((r) => r.input.checked).map((r) => r.role);
    void withBusy(submit, null, async () => {
      showError(errors, null);
      try {
        const response = await fetch('/dev/sign-in', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ subject: subject.value.trim(), roles, region: region.value || null }),
        });
        if (!response.ok) throw await ApiError.fromResponse(response);
        const body = (await response.json()) as { token: string; expiresAt?: string };
        const expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : undefined;
        setSession(sessionFromToken(body.token, 'development', Number.isNaN(expiresAt) ? undefined : expiresAt));
        navigate(`#${next && next.startsWith('/') ? next : landingFor(roles)}`);
      } catch (error) {
        markInvalid(error);
        replace(errors, errorAlert(error));
        focusElement(errors.querySelector<HTMLElement>('[role=alert]'));
      }
    });
  });

  return h(
    'section',
    { class: 'panel dev-panel', 'aria-labelledby': 'dev-heading', 'data-testid': 'dev-sign-in' },
    h('h2', { id: 'dev-heading' }, h('span', { class: 'dev-flag' }, t('signIn.devFlag'))),
    h('p', null, t('signIn.devText')),
    h(
      'div',
      { class: 'presets' },
      h('h3', null, t('signIn.presets')),
      h('p', { class: 'hint' }, t('signIn.presetsHint')),
      h(
        'ul',
        { class: 'preset-list' },
        PRESETS.map((preset) =>
          h(
            'li',
            null,
            h(
              'button',
              { type: 'button', class: 'button button-secondary', onclick: () => fill(preset) },
              `${preset.roles.map(roleLabel).join(' + ')} — ${preset.subject}${preset.region ? ` (${regionName(preset.region)})` : ''}`,
            ),
          ),
        ),
      ),
      presetStatus,
    ),
    form,
  );
}
