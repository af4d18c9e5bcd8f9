// Calls to the gateway's public JSON API, same origin. Errors come back as an HTTP status with a
// google.rpc.Status body ({code, message, details}); InvalidArgument lists every bad field in a
// google.rpc.BadRequest. The development sign-in answers with an RFC 9457 validation problem instead.

import { currentToken } from '../auth/session';

export interface FieldViolation {
  field: string;
  description: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** gRPC status code, when the body carried one. */
    readonly code: number | undefined,
    readonly violations: FieldViolation[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get unauthenticated(): boolean {
    return this.status === 401 || this.code === 16;
  }

  static network(cause: unknown): ApiError {
    return new ApiError(cause instanceof Error ? cause.message : String(cause), 0, undefined);
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // no body
    }
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return ApiError.fromBody(response.status, body, text || response.statusText);
  }

  static fromBody(status: number, body: unknown, fallback: string): ApiError {
    if (body && typeof body === 'object') {
      const record = body as Record<string, unknown>;
      const violations: FieldViolation[] = [];
      // google.rpc.Status
      if (Array.isArray(record.details)) {
        for (const detail of record.details as Record<string, unknown>[]) {
          if (detail && Array.isArray(detail.fieldViolations)) {
            for (const v of detail.fieldViolations as Record<string, unknown>[]) {
              violations.push({ field: String(v.field ?? ''), description: String(v.description ?? '') });
            }
          }
        }
      }
      // RFC 9457 validation problem (the development sign-in)
      if (record.errors && typeof record.errors === 'object') {
        for (const [field, messages] of Object.entries(record.errors as Record<string, unknown>)) {
          for (const message of Array.isArray(messages) ? messages : [messages]) {
            violations.push({ field, description: String(message) });
          }
        }
      }
      const message =
        typeof record.message === 'string' && record.message
          ? record.message
          : typeof record.title === 'string' && record.title
            ? record.title
            : fallback;
      const code = typeof record.code === 'number' ? record.code : undefined;
      return new ApiError(message, status, code, violations);
    }
    return new ApiError(fallback || `HTTP ${status}`, status, undefined);
  }
}

export interface RequestOptions {
  /** Send the signed-in user's token. Off for the anonymous self-test and catalogue. */
  auth?: boolean;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function authHeaders(auth: boolean | undefined): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = auth ? currentToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers = authHeaders(options.auth);
  const init: RequestInit = { method, headers, cache: 'no-store', credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw ApiError.network(error);
  }
  if (!response.ok) throw await ApiError.fromResponse(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

export const get = <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options);
export const post = <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body });
