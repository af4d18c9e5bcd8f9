import { h, replace } from '../dom';
import { t, type MessageKey } from '../i18n';
import { getSession, type Session } from '../auth/session';
import { roleLabel, sessionSummary } from '../layout';

/**
 * The session when it has `role` (and a region claim when `needsRegion`); otherwise renders why not, with a
 * way to sign in, and returns null.
 */
export function requireRole(main: HTMLElement, titleKey: MessageKey, route: string, role: string, needsRegion: boolean): Session | null {
  const session = getSession();
  let reason: string | null = null;
  if (!session) reason = t('guard.signInFirst', { role: roleLabel(role) });
  else if (!session.roles.includes(role)) reason = t('guard.missingRole', { who: sessionSummary(session), role: roleLabel(role) });
  else if (needsRegion && !session.region) reason = t('guard.missingRegion');
  if (!reason) return session;
  replace(
    main,
    h('h1', null, t(titleKey)),
    h(
      'div',
      { class: 'notice' },
      h('p', null, reason),
      h('p', null, h('a', { class: 'button', href: `#/aanmelden?next=${encodeURIComponent(route)}` }, t('guard.signIn'))),
    ),
  );
  return null;
}
