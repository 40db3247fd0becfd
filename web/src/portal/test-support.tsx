/**
 * Test helpers for the portal's component tests (not part of the bundle): a fake `/api/v1` on `fetch`, the
 * signed-in requester, and an in-memory router whose history the tests read.
 */
import { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { Me, Ticket, TimelineEntry } from '../shared/api/types';
import type { Locale } from '../shared/i18n/locale';
import { renderWithProviders } from '../test/render';
import { portalCatalogue } from './catalogue';

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
}

/** A handler's answer: a JSON body (200), or an explicit status and body. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

type Handler = (call: ApiCall) => unknown;

/**
 * Stubs fetch with routes keyed "METHOD /path" (path after /api/v1, without the query). An unknown route
 * answers 404 so a test notices what it forgot; a handler that throws makes fetch reject (a network error).
 */
export function fakeApi(routes: Record<string, Handler | unknown>) {
  const calls: ApiCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://relais.test');
    const call: ApiCall = {
      method: init?.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: new Headers(init?.headers),
    };
    calls.push(call);
    const key = `${call.method} ${call.path}`;
    if (!(key in routes)) return json(404, { error: { code: 'NOT_FOUND', message: `no fake for ${key}` } });
    const route = routes[key];
    const answer = typeof route === 'function' ? (route as Handler)(call) : route;
    return answer instanceof Reply ? json(answer.status, answer.body) : json(200, answer);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock, find: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export const ME: Me = {
  kind: 'requester',
  id: '00000000-0000-4000-8000-00000000000a',
  name: 'Camille Bernard',
  role: null,
  language: 'fr',
  time_zone: 'Europe/Paris',
  team_ids: [],
  csrf_token: 'csrf-test',
};

export const AGENT_ID = '00000000-0000-4000-8000-0000000000a1';

export function buildTicket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: '00000000-0000-4000-8000-000000001042',
    number: 1042,
    type: 'incident',
    subject: 'Le VPN se déconnecte toutes les dix minutes',
    description: 'Depuis lundi, la connexion **VPN** tombe.',
    status: 'open',
    urgency: 2,
    impact: 2,
    priority: 'P3',
    category_id: null,
    tags: [],
    channel: 'portal',
    requester_id: ME.id,
    requester: { id: ME.id, name: ME.name, email: 'camille.bernard@client.example' },
    organization_id: null,
    team_id: null,
    assignee_id: null,
    tier: 'L1',
    equipment: { brand: null, model: null },
    merged_into_id: null,
    created_at: '2026-03-02T08:00:00.000Z',
    updated_at: '2026-03-02T09:00:00.000Z',
    first_response_at: null,
    resolved_at: null,
    closed_at: null,
    sla: null,
    routing: null,
    ...over,
  };
}

let entrySeq = 0;
export function buildEntry(over: Partial<TimelineEntry> = {}): TimelineEntry {
  entrySeq += 1;
  return {
    id: `00000000-0000-4000-9000-${String(entrySeq).padStart(12, '0')}`,
    ticket_id: buildTicket().id,
    ticket_number: 1042,
    kind: 'ticket.replied',
    visibility: 'public',
    actor: { kind: 'agent', id: AGENT_ID, name: 'Léa Dubois' },
    body: 'Bonjour',
    reason: null,
    data: {},
    created_at: '2026-03-02T08:30:00.000Z',
    attachments: [],
    deliveries: [],
    ...over,
  };
}

/** Renders a portal page signed in as ME, in the portal catalogue, at `path` of an in-memory router. */
export function renderPortal(ui: ReactElement, opts: { locale?: Locale; path?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['me'], ME);
  const location = memoryLocation({ path: opts.path ?? '/', record: true });
  const result = renderWithProviders(<Router hook={location.hook}>{ui}</Router>, {
    catalogue: portalCatalogue,
    locale: opts.locale ?? 'fr',
    client,
  });
  return { ...result, location };
}
