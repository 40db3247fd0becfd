import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let requesterEmail: string;
let otherRequesterEmail: string;
const n: Record<string, number> = {};

beforeAll(async () => {
  const clock = new TestClock();
  t = await startTestApp({ clock });
  admin = await buildAgent(t.deps, { role: 'admin' });
  const network = await buildTeam(t.deps, 'Réseau');
  const alice = await buildRequester(t.deps, { email: 'alice.martin@client.test' });
  const bob = await buildRequester(t.deps, { email: 'bob@client.test' });
  requesterEmail = alice.email;
  otherRequesterEmail = bob.email;
  const make = async (key: string, requesterId: string, input: Parameters<typeof buildTicket>[3]) => {
    clock.advance(60_000);
    n[key] = (await buildTicket(t.deps, admin.principal, requesterId, input)).number;
  };
  await make('vpn', alice.id, { subject: 'Problème de réseau VPN', description: 'Le tunnel tombe toutes les heures.', teamId: network.id });
  await make('printer', alice.id, { subject: 'Imprimante HP bloquée', description: 'Bourrage papier au 2e étage, réseau OK.' });
  await make('printerEn', bob.id, { subject: 'Printer offline', description: 'The network printers are not printing.' });
  await make('wifi', bob.id, { subject: 'Wi-Fi lent en salle de réunion', description: 'Débit très faible.' });
  await make('outlook', bob.id, { subject: 'Outlook se ferme', description: 'Plantage au démarrage.' });
  // Timeline text is searchable too: an agent's public reply mentions a word found nowhere else.
  const reply = await t.app.inject({
    method: 'POST', url: `/api/v1/tickets/${n.outlook}/replies`, headers: { authorization: `Bearer ${admin.token}` },
    payload: { body: 'Merci de réinstaller le complément Teams.' },
  });
  expect(reply.statusCode).toBe(201);
});
afterAll(async () => t.close());

const search = async (query: string, headers: Record<string, string> = { authorization: `Bearer ${admin.token}` }) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/tickets?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().data as Array<{ number: number }>).map((x) => x.number);
};
const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;

describe('full-text search', () => {
  it('is accent-insensitive both ways', async () => {
    expect(await search(q('reseau'))).toEqual(expect.arrayContaining([n.vpn, n.printer]));
    expect(await search(q('RÉSEAU'))).toEqual(expect.arrayContaining([n.vpn, n.printer]));
    expect(await search(q('debit'))).toEqual([n.wifi]);
  });

  it('stems French and English words', async () => {
    expect(await search(q('imprimantes'))).toContain(n.printer);
    expect(await search(q('printing'))).toContain(n.printerEn);
    expect(await search(q('printers'))).toContain(n.printerEn);
  });

  it('needs every word of a two-word search, and ranks subject matches first', async () => {
    expect(await search(q('imprimante bloquée'))).toEqual([n.printer]);
    const ranked = await search(q('réseau'));
    expect(ranked[0]).toBe(n.vpn); // in the subject; the printer ticket has it only in its description
  });

  it('searches the public timeline text', async () => {
    expect(await search(q('réinstaller'))).toEqual([n.outlook]);
  });

  it('combines with the list filters', async () => {
    const team = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${n.vpn}`, headers: { authorization: `Bearer ${admin.token}` } })).json().team_id;
    expect(await search(q('réseau', `&team=${team}`))).toEqual([n.vpn]);
    expect(await search(q('réseau', '&status=resolved'))).toEqual([]);
  });

  it('finds a ticket by its number, with or without #', async () => {
    expect(await search(q(`#${n.wifi}`))).toEqual([n.wifi]);
    expect(await search(q(String(n.wifi)))).toEqual([n.wifi]);
  });

  it("finds a requester's tickets by their email address", async () => {
    expect((await search(q('Alice.Martin@client.test'))).sort()).toEqual([n.vpn, n.printer].sort());
  });

  it("never shows a requester another requester's tickets", async () => {
    const session = await signIn(t.app, requesterEmail);
    expect((await search(q('réseau'), session)).sort()).toEqual([n.vpn, n.printer].sort());
    expect(await search(q('printer'), session)).toEqual([]);
    expect(await search(q(otherRequesterEmail), session)).toEqual([]);
  });

  it('pages through results with a cursor, in relevance order, without repeats', async () => {
    const first = await t.app.inject({ method: 'GET', url: `/api/v1/tickets?${q('réseau network')}&limit=1`, headers: { authorization: `Bearer ${admin.token}` } });
    expect(first.json().data).toHaveLength(0); // both words are required, no ticket has both
    const page1 = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets?${q('réseau')}&limit=1`, headers: { authorization: `Bearer ${admin.token}` } })).json();
    expect(page1.data).toHaveLength(1);
    const page2 = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets?${q('réseau')}&limit=1&cursor=${page1.next_cursor}`, headers: { authorization: `Bearer ${admin.token}` } })).json();
    expect(page2.data).toHaveLength(1);
    expect(page2.data[0].number).not.toBe(page1.data[0].number);
    expect(page2.next_cursor).toBeNull();
  });
});
