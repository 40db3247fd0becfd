/** The one way the web app talks to Relais: the public `/api/v1`, with the session cookie and CSRF header. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | null | undefined | readonly string[]>;

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Set after sign-in or /auth/me; falls back to the readable `relais_csrf` cookie (double submit). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the server answers 401 (session expired or signed out elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function cookieCsrf(): string | null {
  const m = /(?:^|;\s*)relais_csrf=([^;]+)/.exec(document.cookie);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A body sent as it is (a file's text), with its own Content-Type, instead of as JSON. */
class RawBody {
  constructor(
    readonly content: string | Blob,
    readonly type: string,
  ) {}
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query, headers?: HeadersInit): Promise<T> {
  const h = new Headers(headers);
  h.set('accept', 'application/json');
  if (body instanceof RawBody) h.set('content-type', body.type);
  else if (body !== undefined) h.set('content-type', 'application/json');
  if (method !== 'GET') {
    const token = csrfToken ?? cookieCsrf();
    if (token) h.set('x-csrf-token', token);
  }
  const res = await fetch(`/api/v1${path}${buildQuery(query)}`, {
    method,
    headers: h,
    credentials: 'same-origin',
    body: body === undefined ? null : body instanceof RawBody ? body.content : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    if (res.status === 401) for (const l of unauthorizedListeners) l();
    throw new ApiError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? res.statusText, err?.details);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown, headers?: HeadersInit) => request<T>('POST', path, body ?? {}, undefined, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** POSTs a file's content with its type (e.g. an .ics as text/calendar). */
  upload: <T>(path: string, content: string | Blob, type: string, query?: Query) =>
    request<T>('POST', path, new RawBody(content, type), query),
};
