import { QueryClient } from '@tanstack/react-query';
import { vi } from 'vitest';
import { Route, Router, Switch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { Agent, Category, Me, Team, Ticket } from '../../../../shared/api/types';
import type { Locale } from '../../../../shared/i18n/locale';
import { renderWithProviders } from '../../../../test/render';
import type { QueueCount, SavedView } from '../api';
import { QueuePage } from '../QueuePage';

export const IDS = {
  me: '00000000-0000-4000-8000-000000000001',
  other: '00000000-0000-4000-8000-000000000002',
  teamNet: '00000000-0000-4000-8000-0000000000a1',
  teamDesk: '00000000-0000-4000-8000-0000000000a2',
  category: '00000000-0000-4000-8000-0000000000c1',
  requester: '00000000-0000-4000-8000-0000000000d1',
  view: '00000000-0000-4000-8000-0000000000e1',
  sharedView: '00000000-0000-4000-8000-0000000000e2',
};

export const ME: Me = {
  kind: 'agent',
  id: IDS.me,
  name: 'Léa Dubois',
  role: 'agent',
  language: 'fr',
  time_zone: 'Europe/Paris',
  team_ids: [],
  csrf_token: 'csrf-test',
};

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

let seq = 0;
export function buildTicket(over: Partial<Ticket> = {}): Ticket {
  seq += 1;
  return {
    id: `10000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    number: 1000 + seq,
    type: 'incident',
    subject: `Ticket ${seq}`,
    description: '',
    status: 'open',
    urgency: 2,
    impact: 2,
    priority: 'P3',
    category_id: null,
    tags: [],
    channel: 'email',
    requester_id: IDS.requester,
    requester: { id: IDS.requester, name: 'Marc Petit', email: 'marc.petit@client.example' },
    organization_id: null,
    team_id: null,
    assignee_id: null,
    tier: 'L1',
    equipment: { brand: null, model: null },
    merged_into_id: null,
    created_at: ago(3 * HOUR),
    updated_at: ago(HOUR),
    first_response_at: null,
    resolved_at: null,
    closed_at: null,
    sla: null,
    ...over,
  } as Ticket;
}

const ACTIVE = ['new', 'open', 'pending', 'on_hold'].join(',');
export function builtinQueues(counts: Partial<Record<string, number>> = {}): QueueCount[] {
  return [
    { key: 'mine', kind: 'builtin', name: null, count: counts.mine ?? 2, query: { assignee: 'me', status: ACTIVE } },
    {
      key: 'team_unassigned',
      kind: 'builtin',
      name: null,
      count: counts.team_unassigned ?? 5,
      query: { team: 'mine', assignee: 'none', status: ACTIVE },
    },
    { key: 'open', kind: 'builtin', name: null, count: counts.open ?? 42, query: { status: 'new,open' } },
    { key: 'pending', kind: 'builtin', name: null, count: counts.pending ?? 7, query: { status: 'pending,on_hold' } },
    {
      key: 'recent',
      kind: 'builtin',
      name: null,
      count: counts.recent ?? 12,
      query: { updated_after: '2026-03-01T10:00:00.000Z', sort: '-updated_at' },
    },
  ];
}

export function buildView(over: Partial<SavedView> = {}): SavedView {
  return {
    id: IDS.view,
    name: 'P1 réseau',
    query: { priority: 'P1', team: IDS.teamNet },
    shared: false,
    owner_id: IDS.me,
    created_at: ago(48 * HOUR),
    updated_at: ago(48 * HOUR),
    ...over,
  };
}

export const AGENTS = [
  { id: IDS.me, name: 'Léa Dubois', active: true },
  { id: IDS.other, name: 'Camille Martin', active: true },
] as unknown as Agent[];
export const TEAMS = [
  { id: IDS.teamNet, name: 'Réseau' },
  { id: IDS.teamDesk, name: 'Service desk N1' },
] as unknown as Team[];
export const CATEGORIES = [
  { id: IDS.category, full_name: { fr: 'Réseau › VPN', en: 'Network › VPN' } },
] as unknown as Category[];

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Handler = (call: Call) => unknown;

/**
 * A fake `/api/v1` behind `fetch`: handlers by "METHOD /path" (path without /api/v1 and without the query),
 * answering JSON; a handler may return a Response for other statuses. Every call is recorded.
 */
export function mockApi(handlers: Record<string, Handler>) {
  const calls: Call[] = [];
  const defaults: Record<string, Handler> = {
    'GET /queues': () => ({ data: builtinQueues() }),
    'GET /views': () => ({ data: [] }),
    'GET /tickets': () => ({ data: [], next_cursor: null }),
    'GET /agents': () => ({ data: AGENTS }),
    'GET /teams': () => ({ data: TEAMS }),
    'GET /categories': () => ({ data: CATEGORIES }),
  };
  const all = { ...defaults, ...handlers };
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://relais.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call = { method, path, query: url.searchParams, body };
    calls.push(call);
    const handler = all[`${method} ${path}`] ?? all[`${method} ${path.replace(/\/[^/]+$/, '/:id')}`];
    if (!handler) return json({ error: { code: 'NOT_FOUND', message: `no mock for ${method} ${path}` } }, 404);
    const result = handler(call);
    if (result instanceof Response) return result;
    if (result === undefined) return new Response(null, { status: 204 });
    return json(result, method === 'POST' ? 201 : 200);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    /** Calls to one "METHOD /path". */
    to: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key),
    /** The query of the last GET /tickets, as an object. */
    lastListQuery: () => {
      const list = calls.filter((c) => c.method === 'GET' && c.path === '/tickets');
      return Object.fromEntries(list.at(-1)?.query ?? []);
    },
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The console's queue routes in memory, with the signed-in agent already known. */
export function renderQueues(path: string, opts: { locale?: Locale; me?: Me } = {}) {
  const mem = memoryLocation({ path, record: true });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['me'], opts.me ?? ME);
  const utils = renderWithProviders(
    <Router hook={mem.hook} searchHook={mem.searchHook}>
      <Switch>
        <Route path="/queues/:queue">{(p) => <QueuePage queue={p.queue} />}</Route>
        <Route path="/views/:id">{(p) => <QueuePage viewId={p.id} />}</Route>
        <Route path="/tickets/:number">{(p) => <p>ticket page {p.number}</p>}</Route>
      </Switch>
    </Router>,
    { client, locale: opts.locale ?? 'fr' },
  );
  return { ...utils, mem, location: () => mem.history.at(-1) };
}
