// Sign-in with the police's OIDC provider: authorization code flow with PKCE (RFC 7636), for a public
// client in the browser. The page redirects to the provider and comes back to this origin with
// `?code=…&state=…`; the code is exchanged for tokens with fetch, and the access token becomes the
// bearer token for the API.

import { sessionFromToken, setSession, type OidcSettings } from './session';

const PENDING_KEY = 'weerbaarheid.oidc.pending';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

interface Pending {
  state: string;
  verifier: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
  returnTo: string;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(byteCount = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

async function discover(authority: string): Promise<Discovery> {
  const response = await fetch(`${authority.replace(/\/+$/, '')}/.well-known/openid-configuration`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`OpenID discovery failed: HTTP ${response.status}`);
  const discovery = (await response.json()) as Partial<Discovery>;
  if (!discovery.authorization_endpoint || !discovery.token_endpoint) throw new Error('OpenID discovery lacks endpoints');
  return discovery as Discovery;
}

function redirectUri(): string {
  return `${location.origin}/`;
}

/** Sends the browser to the provider. */
export async function startOidcSignIn(settings: OidcSettings, returnTo: string): Promise<void> {
  const discovery = await discover(settings.authority);
  const verifier = randomString(32);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = randomString(16);
  const pending: Pending = {
    state,
    verifier,
    tokenEndpoint: discovery.token_endpoint,
    clientId: settings.clientId,
    redirectUri: redirectUri(),
    returnTo,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', settings.scope || 'openid');
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.toString());
}

/**
 * On start-up: when the provider sent the browser back with a code (or an error), finish the sign-in and
 * return the hash route to show. Returns null when this is not a redirect back.
 */
export async function completeOidcSignIn(): Promise<string | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return null;
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  // Remove code and state from the address bar (and from history) whatever happens next.
  history.replaceState(null, '', `${location.pathname}${pending?.returnTo ?? '#/'}`);
  if (error) throw new Error(`${error}: ${params.get('error_description') ?? ''}`.trim());
  if (!pending || params.get('state') !== pending.state) throw new Error('The sign-in answer does not match the request (state); please try again.');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code ?? '',
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) {
    throw new Error(body.error_description || body.error || `Token exchange failed: HTTP ${response.status}`);
  }
  const expiresAt = typeof body.expires_in === 'number' ? Date.now() + body.expires_in * 1000 : undefined;
  setSession(sessionFromToken(body.access_token, 'oidc', expiresAt));
  return pending.returnTo;
}
