/**
 * The HTTP scenarios: ticket creation at 1 and 32 concurrent clients, then the reads an agent's day is made
 * of — the team queue, a manager's queue over every team, a ticket, its timeline, and a two-word search.
 */
import { rng, SEARCHES, pick, ticketText } from './corpus.js';
import { Client, measure, type Measurement } from './load.js';

export interface ScenarioInput {
  base: URL;
  agentToken: string;
  managerToken: string;
  teamId: string;
  requesterIds: readonly string[];
  /** Tickets of the agent's team, for detail and timeline reads. */
  ticketIds: readonly string[];
  creates: number;
  reads: number;
  log: (msg: string) => void;
}

export interface ScenarioResult {
  measurements: Measurement[];
  skipped: string[];
}

const api = '/api/v1';

export async function runScenarios(s: ScenarioInput): Promise<ScenarioResult> {
  const measurements: Measurement[] = [];
  const skipped: string[] = [];
  const run = async (m: Promise<Measurement>) => {
    const done = await m;
    measurements.push(done);
    s.log(`  ${done.name} ×${done.clients}: ${done.perSecond.toFixed(1)}/s, p50 ${done.p50.toFixed(1)} ms, p99 ${done.p99.toFixed(1)} ms${done.errors ? `, ${done.errors} errors (${done.firstError})` : ''}`);
  };

  // Creation: what an integration or the e-mail gateway does, through validation, a transaction and the timeline.
  const r = rng(7);
  const body = () => {
    const text = ticketText(r);
    return {
      subject: text.subject, description: text.description, requester_id: pick(r, s.requesterIds), team_id: s.teamId,
      urgency: 1 + Math.floor(r() * 3), impact: 1 + Math.floor(r() * 3), channel: 'email', tags: ['bench'],
      ...(text.equipment ? { equipment_brand: text.equipment[0], equipment_model: text.equipment[1] } : {}),
    };
  };
  for (const clients of [1, 32]) {
    const requests = clients === 1 ? Math.min(s.creates, 300) : s.creates;
    const client = new Client(s.base, clients, s.agentToken);
    await run(measure('create ticket (POST /tickets)', { clients, requests, warmup: 10, expect: 201 }, () => client.request('POST', `${api}/tickets`, body())));
    client.close();
  }

  const agent = new Client(s.base, 1, s.agentToken);
  const manager = new Client(s.base, 1, s.managerToken);
  const reads = { clients: 1, requests: s.reads, warmup: 20, expect: 200 };
  await run(measure('agent queue (team, new+open, -updated_at, 50)', reads, () =>
    agent.request('GET', `${api}/tickets?status=new,open&team=${s.teamId}&sort=-updated_at&limit=50`)));
  await run(measure('manager queue (all teams, new+open, 50)', reads, () =>
    manager.request('GET', `${api}/tickets?status=new,open&sort=-updated_at&limit=50`)));
  const ticketAt = (i: number) => s.ticketIds[(i + s.ticketIds.length) % s.ticketIds.length]!;
  await run(measure('ticket detail (GET /tickets/{id})', reads, (i) => agent.request('GET', `${api}/tickets/${ticketAt(i)}`)));
  const probe = await agent.request('GET', `${api}/tickets/${ticketAt(0)}/timeline`);
  if (probe.status === 200) {
    await run(measure('ticket timeline (GET /tickets/{id}/timeline)', reads, (i) => agent.request('GET', `${api}/tickets/${ticketAt(i)}/timeline`)));
  } else {
    skipped.push(`ticket timeline: GET /tickets/{id}/timeline answered ${probe.status} (route not available in this build)`);
  }
  const search = (i: number) => `${api}/tickets?q=${encodeURIComponent(SEARCHES[(i + SEARCHES.length * 100) % SEARCHES.length]!)}&limit=50`;
  await run(measure('search, 2 words, agent scope', reads, (i) => agent.request('GET', search(i))));
  await run(measure('search, 2 words, all tickets (manager)', reads, (i) => manager.request('GET', search(i))));
  agent.close();
  manager.close();
  return { measurements, skipped };
}
