/**
 * Fixtures and a fetch fake for the ticket page's component tests (the real journeys run in Chromium).
 * Not a test file itself: imported by the *.test.tsx next to it.
 */
import { QueryClient } from '@tanstack/react-query';
import { vi } from 'vitest';
import type { Agent, Category, Me, Team, TimelineEntry } from '../../../shared/api/types';
import type { TicketView } from './api';

export const ME_ID = '00000000-0000-4000-8000-00000000000a';
export const CAMILLE_ID = '00000000-0000-4000-8000-00000000000b';
export const TEAM_ID = '00000000-0000-4000-8000-0000000000c1';
export const CATEGORY_ID = '00000000-0000-4000-8000-0000000000d1';
export const REQUESTER_ID = '00000000-0000-4000-8000-0000000000e1';
export const TICKET_ID = '00000000-0000-4000-8000-000000001042';

export const me: Me = {
  kind: 'agent', id: ME_ID, name: 'Léa Dubois', role: 'agent', language: 'fr', csrf_token: 'csrf',
  time_zone: 'Europe/Paris', team_ids: [TEAM_ID],
};

const stamp = '2026-03-02T09:00:00.000Z';

export function agent(id: string, name: string, teamIds: string[] = [TEAM_ID]): Agent {
  return {
    id, name, email: `${name.split(' ')[0]!.toLowerCase()}@example.test`, role: 'agent', tier: 'L1', language: 'fr',
    time_zone: 'Europe/Paris', active: true, team_ids: teamIds, skills: [], created_at: stamp, updated_at: stamp,
    availability: { status: 'online', available: true, on_shift: true, out_of_office: false, capacity: null, open_tickets: 0 },
  };
}

export const agents: Agent[] = [agent(ME_ID, 'Léa Dubois'), agent(CAMILLE_ID, 'Camille Roux')];
export const teams: Team[] = [
  {
    id: TEAM_ID, name: 'Support N1', description: '', member_count: 2, calendar_id: null, lead_id: null, assignment_mode: 'push', tier: 'L1',
    created_at: stamp, updated_at: stamp,
  },
];
export const categories: Category[] = [
  {
    id: CATEGORY_ID, parent_id: null, name_fr: 'Réseau', name_en: 'Network', depth: 0,
    path_names: { fr: ['Réseau'], en: ['Network'] }, full_name: { fr: 'Réseau', en: 'Network' }, created_at: stamp,
  },
];

export function ticket(over: Partial<TicketView> = {}): TicketView {
  return {
    id: TICKET_ID, number: 1042, type: 'incident', subject: 'VPN inaccessible', description: 'Le **VPN** ne répond plus.',
    status: 'open', urgency: 2, impact: 2, priority: 'P3', category_id: CATEGORY_ID, tags: ['vpn'], channel: 'email',
    requester_id: REQUESTER_ID, organization_id: null, team_id: TEAM_ID, assignee_id: null, tier: 'L1',
    equipment: { brand: 'Dell', model: 'Latitude 5440' }, merged_into_id: null, created_at: stamp, updated_at: stamp,
    first_response_at: null, resolved_at: null, closed_at: null, sla: null, routing: null,
    requester: { id: REQUESTER_ID, name: 'Jean Martin', email: 'jean.martin@client.example' },
    ...over,
  };
}

let seq = 0;
/** A timeline entry; ids are unique per call. */
export function entry(over: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind'>): TimelineEntry {
  seq += 1;
  return {
    id: `00000000-0000-4000-9000-${String(seq).padStart(12, '0')}`,
    ticket_id: TICKET_ID,
    ticket_number: 1042,
    visibility: over.kind === 'ticket.noted' ? 'internal' : 'public',
    actor: { kind: 'agent', id: ME_ID, name: 'Léa Dubois' },
    body: null,
    reason: null,
    data: {},
    created_at: '2026-03-02T10:15:00.000Z',
    attachments: [],
    deliveries: [],
    ...over,
  };
}

export interface Call {
  method: string;
  path: string;
  search: string;
  body: unknown;
  headers: Headers;
}

type Reply = { status?: number; body?: unknown } | undefined;
type Route = [method: string, path: string | RegExp, reply: (call: Call) => Reply | Promise<Reply>];

/**
 * Replaces fetch: the first route whose method and path match answers; lookups (agents, teams, categories)
 * and an empty followers list answer by default. Every call is recorded, in order.
 */
export function mockApi(routes: Route[] = []) {
  const calls: Call[] = [];
  const all: Route[] = [
    ...routes,
    ['GET', '/api/v1/agents', () => ({ body: { data: agents } })],
    ['GET', '/api/v1/teams', () => ({ body: { data: teams } })],
    ['GET', '/api/v1/categories', () => ({ body: { data: categories } })],
    ['GET', /^\/api\/v1\/tickets\/[^/]+\/followers$/, () => ({ body: { data: [] } })],
    ['GET', '/api/v1/skills', () => ({ body: { data: [] } })],
  ];
  const fn = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://relais.test');
    const method = init?.method ?? 'GET';
    const call: Call = {
      method,
      path: url.pathname,
      search: url.search,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: new Headers(init?.headers),
    };
    calls.push(call);
    const route = all.find(([m, p]) => m === method && (typeof p === 'string' ? p === url.pathname : p.test(url.pathname)));
    const reply = route ? await route[2](call) : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route' } } };
    const status = reply?.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(reply?.body ?? {}), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

/** A query client with the signed-in agent already known (what AuthGate guarantees in the app). */
export function clientWithMe(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['me'], me);
  return client;
}
