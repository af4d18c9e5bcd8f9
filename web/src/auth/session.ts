// Who is signed in. The token lives in sessionStorage only: it is gone when the tab closes.

export type Role = 'employee' | 'manager' | 'tco-member' | 'tco-coordinator' | 'trainer' | 'programme-admin';
export const ROLES: Role[] = ['employee', 'manager', 'tco-member', 'tco-coordinator', 'trainer', 'programme-admin'];

export interface Session {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  subject: string;
  roles: string[];
  region?: string;
  displayName?: string;
  kind: 'development' | 'oidc';
}

const STORAGE_KEY = 'weerbaarheid.session';
const listeners = new Set<() => void>();

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The claims of a JWT, unverified: only to show who is signed in; the gateway and services verify it. */
export function decodeJwt(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(base64UrlDecode(payload)) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[ ,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function sessionFromToken(token: string, kind: Session['kind'], expiresAt?: number): Session {
  const claims = decodeJwt(token);
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  const roles = [...asStrings(claims.roles), ...asStrings(claims.role)];
  const session: Session = {
    token,
    expiresAt: expiresAt ?? exp ?? Date.now() + 60 * 60 * 1000,
    subject: typeof claims.sub === 'string' ? claims.sub : '',
    roles: [...new Set(roles)],
    kind,
  };
  if (typeof claims.region === 'string' && claims.region) session.region = claims.region;
  const name = claims.name ?? claims.preferred_username;
  if (typeof name === 'string' && name) session.displayName = name;
  return session;
}

let cached: Session | null | undefined;

export function getSession(): Session | null {
  if (cached === undefined) {
    try {
      const raw = sessionStorage.getItem(STORAGE_KEY);
      cached = raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      cached = null;
    }
  }
  if (cached && cached.expiresAt <= Date.now()) {
    clearSession();
    return null;
  }
  return cached;
}

export function currentToken(): string | null {
  return getSession()?.token ?? null;
}

export function hasRole(role: string): boolean {
  return getSession()?.roles.includes(role) ?? false;
}

export function setSession(session: Session): void {
  cached = session;
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // kept in memory only
  }
  for (const listener of listeners) listener();
}

export function clearSession(): void {
  const had = cached !== null && cached !== undefined;
  cached = null;
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
  if (had) for (const listener of listeners) listener();
}

export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}

// ---- what the gateway offers ------------------------------------------------------------------------

export interface OidcSettings {
  authority: string;
  clientId: string;
  scope: string;
}

export interface AuthConfig {
  developmentSignIn: boolean;
  oidc: OidcSettings | null;
}

let configPromise: Promise<AuthConfig> | null = null;

/** GET /auth/config: which sign-in to offer. */
export function authConfig(): Promise<AuthConfig> {
  configPromise ??= fetch('/auth/config', { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(async (response) => {
    if (!response.ok) throw new Error(`GET /auth/config: HTTP ${response.status}`);
    const body = (await response.json()) as Partial<AuthConfig>;
    return { developmentSignIn: body.developmentSignIn === true, oidc: body.oidc ?? null };
  });
  configPromise.catch(() => {
    configPromise = null;
  });
  return configPromise;
}
