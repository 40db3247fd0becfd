import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

let t: TestApp;
const clock = new TestClock();
let agent: BuiltAgent;
let requester: { id: string; email: string };
let session: Record<string, string>;

type As = BuiltAgent | Record<string, string>;
const headersOf = (as: As) => ('token' in as ? { authorization: `Bearer ${(as as BuiltAgent).token}` } : (as as Record<string, string>));

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, as: As = agent) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: headersOf(as), ...(body === undefined ? {} : { payload: body as object }) });
  return { status: res.statusCode, body: res.body ? res.json() : null };
}

interface Entry { ticket_id: string; ticket_number: number; kind: string; body: string | null; reason: string | null; data: Record<string, unknown> }
const timeline = async (ref: string, as: As = agent): Promise<Entry[]> => (await call('GET', `/tickets/${ref}/timeline`, undefined, as)).body.data;
const newTicket = (input: Parameters<typeof buildTicket>[3] = {}, requesterId = requester.id) =>
  buildTicket(t.deps, agent.principal, requesterId, input);
const link = (id: string, body: object, as: As = agent) => call('POST', `/tickets/${id}/links`, body, as);
const links = async (id: string) => (await call('GET', `/tickets/${id}/links`)).body.data as Array<{ id: string; kind: string; role: string; ticket: { id: string; number: number } }>;

beforeAll(async () => {
  t = await startTestApp({ clock });
  agent = await buildAgent(t.deps, { role: 'manager' });
  requester = await buildRequester(t.deps);
  session = await signIn(t.app, requester.email);
});
afterAll(async () => t.close());

describe('POST /tickets/{id}/merge', () => {
  it('closes the source, points it to the survivor, unions tags and joins the timelines', async () => {
    const survivor = await newTicket({ subject: 'Wi-Fi salle B', tags: ['wifi'] });
    const source = await newTicket({ subject: 'Borne Aruba en panne', tags: ['network', 'WIFI'] });
    await call('POST', `/tickets/${source.id}/replies`, { body: 'Toujours pas de réseau', }, session);
    await call('POST', `/tickets/${source.id}/notes`, { body: 'Contrôleur Meraki redémarré' });
    clock.advance(60_000);
    const res = await call('POST', `/tickets/${source.number}/merge`, { into: String(survivor.number), reason: 'même panne' });
    expect(res.status).toBe(200);
    expect(res.body.source).toMatchObject({ id: source.id, status: 'closed', merged_into_id: survivor.id, closed_at: clock.now().toISOString() });
    expect(res.body.survivor).toMatchObject({ id: survivor.id, tags: ['network', 'wifi'], status: 'new' });
    // GET on the merged source still works and says where it went.
    const got = await call('GET', `/tickets/${source.id}`);
    expect(got.body).toMatchObject({ status: 'closed', merged_into_id: survivor.id });

    const joined = await timeline(survivor.id);
    expect(joined.map((e) => [e.ticket_number, e.kind])).toEqual([
      [survivor.number, 'ticket.created'],
      [source.number, 'ticket.created'],
      [source.number, 'ticket.replied'],
      [source.number, 'ticket.noted'],
      [survivor.number, 'ticket.merged'],
      [source.number, 'ticket.merged_into'],
    ]);
    expect(joined[4]!.reason).toBe('même panne');
    expect(joined[4]!.data).toMatchObject({ source_ticket_id: source.id, source_ticket_number: source.number, tags_added: ['network'] });
    expect(joined[5]!.data).toMatchObject({ into_ticket_id: survivor.id, into_ticket_number: survivor.number, from: 'new', to: 'closed' });
    // The requester sees the merged conversation too, but not the note; the source's words find the survivor.
    const forRequester = await timeline(survivor.id, session);
    expect(forRequester.map((e) => e.kind)).toEqual(['ticket.created', 'ticket.created', 'ticket.replied', 'ticket.merged', 'ticket.merged_into']);
    const search = await call('GET', '/tickets?q=aruba&status=new');
    expect(search.body.data.map((x: { id: string }) => x.id)).toEqual([survivor.id]);
    expect((await call('GET', '/tickets?q=meraki&status=new', undefined, session)).body.data).toEqual([]);
    expect((await call('GET', '/tickets?q=meraki&status=new')).body.data.map((x: { id: string }) => x.id)).toEqual([survivor.id]);
    // The source is read-only now.
    const write = await call('POST', `/tickets/${source.id}/replies`, { body: 'hello' }, session);
    expect(write.status).toBe(409);
    expect(write.body.error.code).toBe('TICKET_MERGED');
    expect((await call('PATCH', `/tickets/${source.id}`, { subject: 'x' })).body.error.code).toBe('TICKET_MERGED');
  });

  it('keeps another requester’s merged conversation out of the survivor requester’s timeline', async () => {
    const other = await buildRequester(t.deps);
    const survivor = await newTicket();
    const source = await newTicket({}, other.id);
    await call('POST', `/tickets/${source.id}/replies`, { body: 'Mon numéro perso est le 06…' }, await signIn(t.app, other.email));
    await call('POST', `/tickets/${source.id}/merge`, { into: survivor.id });
    const seen = await timeline(survivor.id, session);
    expect(seen.every((e) => e.ticket_id === survivor.id)).toBe(true);
    expect((await timeline(survivor.id)).some((e) => e.ticket_id === source.id)).toBe(true);
  });

  it('refuses merges that make no sense', async () => {
    const a = await newTicket();
    const b = await newTicket();
    const c = await newTicket();
    const closed = await newTicket();
    await call('POST', `/tickets/${closed.id}/status`, { status: 'resolved' });
    await call('POST', `/tickets/${closed.id}/status`, { status: 'closed' });
    await call('POST', `/tickets/${b.id}/merge`, { into: c.id });
    const cases: Array<[string, string, RegExp]> = [
      [a.id, a.id, /itself/],
      [a.id, b.id, /target ticket was merged/],
      [b.id, a.id, /already merged/],
      [a.id, closed.id, /into a closed ticket/],
      [closed.id, a.id, /closed ticket cannot be merged/],
    ];
    for (const [from, into, message] of cases) {
      const res = await call('POST', `/tickets/${from}/merge`, { into });
      expect(res.status, `${from} → ${into}`).toBe(409);
      expect(res.body.error.code).toBe('MERGE_NOT_ALLOWED');
      expect(res.body.error.message).toMatch(message);
    }
    expect((await call('POST', `/tickets/${a.id}/merge`, { into: '999999' })).status).toBe(404);
    expect((await call('POST', `/tickets/${a.id}/merge`, { into: c.id }, session)).status).toBe(403);
    for (const body of [{}, { into: '' }, { into: c.id, extra: 1 }]) {
      const res = await call('POST', `/tickets/${a.id}/merge`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    const team = await buildTeam(t.deps);
    const hidden = await newTicket({ teamId: team.id });
    const plainAgent = await buildAgent(t.deps);
    expect((await call('POST', `/tickets/${a.id}/merge`, { into: hidden.id }, plainAgent)).status).toBe(404);
    expect((await call('GET', `/tickets/${a.id}`)).body.merged_into_id).toBeNull();
  });
});

describe('links', () => {
  it('a related link is one symmetric link, seen from both tickets, and recorded on both timelines', async () => {
    const a = await newTicket();
    const b = await newTicket();
    const res = await link(a.id, { kind: 'related', ticket: String(b.number) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'related', role: 'related', ticket: { id: b.id, number: b.number }, created_by: agent.agent.id });
    expect((await links(b.id)).map((l) => [l.id, l.role, l.ticket.id])).toEqual([[res.body.id, 'related', a.id]]);
    const again = await link(b.id, { kind: 'related', ticket: a.id });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'LINK_EXISTS', details: { link_id: res.body.id } });
    expect((await link(a.id, { kind: 'duplicate', ticket: b.id })).body.error.code).toBe('LINK_EXISTS');
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const last = (await timeline(x.id)).at(-1)!;
      expect(last).toMatchObject({ kind: 'ticket.linked', data: { link_id: res.body.id, link_kind: 'related', ticket_id: y.id, ticket_number: y.number } });
    }
  });

  it('parent/child: roles from each side, one parent per child, no cycles', async () => {
    const [a, b, c, d] = [await newTicket(), await newTicket(), await newTicket(), await newTicket()];
    const ab = await link(a.id, { kind: 'parent_child', ticket: b.id }); // a parent of b
    expect(ab.body.role).toBe('parent');
    const bc = await link(c.id, { kind: 'parent_child', ticket: b.id, role: 'child' }); // b parent of c
    expect(bc.body).toMatchObject({ role: 'child', ticket: { id: b.id } });
    expect((await links(b.id)).map((l) => [l.role, l.ticket.id])).toEqual([['child', a.id], ['parent', c.id]]);
    const cycle = await link(c.id, { kind: 'parent_child', ticket: a.id }); // c parent of a: a → b → c → a
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.code).toBe('LINK_NOT_ALLOWED');
    const secondParent = await link(d.id, { kind: 'parent_child', ticket: c.id });
    expect(secondParent.body.error.code).toBe('LINK_NOT_ALLOWED');
    expect((await link(a.id, { kind: 'parent_child', ticket: a.id })).body.error.code).toBe('LINK_NOT_ALLOWED');
    expect((await link(d.id, { kind: 'parent_child', ticket: a.id })).status).toBe(201); // d becomes a's parent: fine
  });

  it('two agents linking the same pair at once get one link and one LINK_EXISTS', async () => {
    const a = await newTicket();
    const b = await newTicket();
    const results = await Promise.all([link(a.id, { kind: 'related', ticket: b.id }), link(b.id, { kind: 'related', ticket: a.id })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await links(a.id)).toHaveLength(1);
  });

  it('duplicate links point from the duplicate to the original', async () => {
    const original = await newTicket();
    const dup = await newTicket();
    const res = await link(dup.id, { kind: 'duplicate', ticket: original.id });
    expect(res.body.role).toBe('duplicate');
    expect((await links(original.id))[0]).toMatchObject({ role: 'original', ticket: { id: dup.id } });
  });

  it('deletes a link from either side and records it on both timelines', async () => {
    const a = await newTicket();
    const b = await newTicket();
    const created = await link(a.id, { kind: 'related', ticket: b.id });
    const wrongSide = await newTicket();
    expect((await call('DELETE', `/tickets/${wrongSide.id}/links/${created.body.id}`)).body.error.code).toBe('LINK_NOT_FOUND');
    expect((await call('DELETE', `/tickets/${a.id}/links/not-a-uuid`)).status).toBe(404);
    expect((await call('DELETE', `/tickets/${b.id}/links/${created.body.id}`, undefined, session)).status).toBe(403);
    const res = await call('DELETE', `/tickets/${b.id}/links/${created.body.id}`);
    expect(res.status).toBe(204);
    expect(await links(a.id)).toEqual([]);
    for (const x of [a, b]) expect((await timeline(x.id)).at(-1)).toMatchObject({ kind: 'ticket.unlinked', data: { link_id: created.body.id } });
    expect((await call('DELETE', `/tickets/${a.id}/links/${created.body.id}`)).status).toBe(404);
    expect((await link(a.id, { kind: 'related', ticket: b.id })).status).toBe(201);
  });

  it('is for agents who can see both tickets, with valid bodies', async () => {
    const team = await buildTeam(t.deps);
    const plainAgent = await buildAgent(t.deps);
    const a = await newTicket();
    const hidden = await newTicket({ teamId: team.id });
    expect((await link(a.id, { kind: 'related', ticket: hidden.id }, plainAgent)).status).toBe(404);
    expect((await link(a.id, { kind: 'related', ticket: '999999' })).status).toBe(404);
    expect((await link(a.id, { kind: 'related', ticket: hidden.id }, session)).status).toBe(403);
    expect((await call('GET', `/tickets/${a.id}/links`, undefined, session)).status).toBe(403);
    // A link to a ticket the agent cannot see is not listed to them.
    await link(a.id, { kind: 'related', ticket: hidden.id });
    expect((await call('GET', `/tickets/${a.id}/links`, undefined, plainAgent)).body.data).toEqual([]);
    expect(await links(a.id)).toHaveLength(1);
    for (const body of [{ kind: 'sibling', ticket: hidden.id }, { kind: 'related' }, { kind: 'related', ticket: hidden.id, role: 'child' }, { kind: 'parent_child', ticket: hidden.id, role: 'uncle' }]) {
      const res = await link(a.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    const merged = await newTicket();
    await call('POST', `/tickets/${merged.id}/merge`, { into: a.id });
    expect((await link(merged.id, { kind: 'related', ticket: hidden.id })).body.error.code).toBe('LINK_NOT_ALLOWED');
  });
});
