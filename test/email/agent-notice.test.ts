/**
 * An SLA escalation that notifies "by mail" reaches the team lead through the real outbound path (queue →
 * sender → an SMTP server), outside the requester's thread, in the lead's language.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweepSla } from '../../src/usecases/sla/sweep-sla.js';
import { buildAgent, buildRequester, buildTeam } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';
import { SmtpSink } from '../support/smtp-sink.js';

const SUPPORT = 'support@servicedesk.example';
const clock = new TestClock(new Date('2026-03-02T08:00:00Z'));
let sink: SmtpSink;
let t: TestApp;

beforeAll(async () => {
  sink = await new SmtpSink().start();
  t = await startTestApp({ clock, config: { RELAIS_SMTP_OUT_URL: sink.url, RELAIS_SUPPORT_ADDRESSES: SUPPORT } });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

it('mails the team lead when a first response is breached, and files nothing in the requester thread', async () => {
  const admin = await buildAgent(t.deps, { role: 'admin' });
  const team = await buildTeam(t.deps);
  const agent = await buildAgent(t.deps, { teamIds: [team.id] });
  const lead = await buildAgent(t.deps, { teamIds: [team.id], email: 'chef.equipe@servicedesk.example' });
  const requester = await buildRequester(t.deps, { email: 'paul@client.test' });
  const call = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${admin.token}` }, payload });
  expect((await call('PATCH', `/teams/${team.id}`, { lead_id: lead.agent.id })).statusCode).toBe(200);
  expect((await call('POST', '/sla-policies', {
    name: 'Express', targets: { P3: { first_response: 30 } },
    escalations: [{ metric: 'first_response', percent: 100, actions: [{ type: 'notify', recipients: ['team_lead'], email: true }] }],
  })).statusCode).toBe(201);
  const created = await t.app.inject({
    method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${agent.token}` },
    payload: { subject: 'Serveur de fichiers inaccessible', requester_id: requester.id, team_id: team.id },
  });
  const ticket = created.json();
  await sink.waitFor(0);
  sink.reset();

  clock.advance(45 * 60_000); // the built-in 24/7 calendar: 30 minutes is breached
  expect((await sweepSla(t.deps)).fired).toBe(1);
  const [mail] = await sink.waitFor(1);
  expect(mail!.to).toEqual(['chef.equipe@servicedesk.example']);
  const raw = mail!.raw.toString('utf8');
  expect(raw).toMatch(/Subject: =\?UTF-8\?|Subject: \[#/);
  expect(raw).toContain(`#${ticket.number}`);
  expect(raw).toMatch(/Auto-Submitted: auto-replied/);
  expect(raw).not.toMatch(/In-Reply-To:/);
  const rows = await t.db.query<{ kind: string; timeline_entry_id: string | null }>(
    'SELECT kind, timeline_entry_id FROM outbound_messages WHERE ticket_id = $1 ORDER BY created_at', [ticket.id]);
  expect(rows.filter((r) => r.kind === 'agent_notice')).toEqual([{ kind: 'agent_notice', timeline_entry_id: null }]);
});
