/** Test helpers for the admin screens: a fetch stand-in routing `METHOD /path` to canned answers, and a signed-in user. */
import { QueryClient } from '@tanstack/react-query';
import { vi } from 'vitest';
import type { Me } from '../../../shared/api/types';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  contentType?: string | null;
}

type Answer = unknown | Response;
export type Routes = Record<string, (call: Call) => Answer | Promise<Answer>>;

export const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const apiError = (status: number, code: string, message: string, details?: unknown) =>
  json(status, { error: { code, message, details } });

/** Stubs the global fetch; answers `routes['GET /agents']` etc. (paths under /api/v1) and records every call. */
export function mockApi(routes: Routes): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      const path = url.pathname.replace(/^\/api\/v1/, '');
      const contentType = new Headers(init?.headers).get('content-type');
      // JSON bodies come parsed; a file sent as it is (an .ics) stays text.
      const raw = typeof init?.body === 'string' ? init.body : undefined;
      const asText = contentType !== null && !contentType.includes('json');
      const body = raw === undefined || asText ? raw : (JSON.parse(raw) as unknown);
      const call = { method, path, query: url.searchParams, body, contentType };
      calls.push(call);
      const handler = routes[`${method} ${path}`];
      if (!handler) return apiError(404, 'NOT_FOUND', `No mock for ${method} ${path}`);
      const answer = await handler(call);
      if (answer instanceof Response) return answer;
      if (answer === undefined) return new Response(null, { status: 204 });
      return json(method === 'POST' ? 201 : 200, answer);
    }),
  );
  return calls;
}

export function signedIn(role: 'agent' | 'manager' | 'admin', id = '00000000-0000-4000-8000-000000000001'): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me: Me = { kind: 'agent', id, name: 'Claire Martin', role, language: 'fr', time_zone: 'Europe/Paris', team_ids: [], csrf_token: 'csrf' };
  client.setQueryData(['me'], me);
  return client;
}

export const iso = '2026-03-02T09:30:00.000Z';
