/**
 * Plans the demo tickets as data, without touching the database: who asks what, when, by which channel, and
 * the timeline each ticket goes through (replies, notes, escalations, status changes). seed-demo.ts then plays
 * every event in time order through the use cases. Pure and seeded: the same plan on every run.
 */
import type { Level } from '../../domain/priority.js';
import type { Channel, TicketStatus } from '../../domain/ticket.js';
import { AGENTS, ORGANIZATIONS, type TeamKey } from './directory.js';
import type { PlannedRequester } from './people.js';
import { fill, FLOORS, PHRASES } from './phrases.js';
import type { Prng } from './prng.js';
import type { Scenario, ScenarioTexts } from './scenario.js';
import { planTimeline, type StepDraft } from './timeline.js';

export interface TicketPlan {
  index: number;
  createdAt: Date;
  requester: number;
  /** Agent key of the creator, or null when the requester opened it on the portal. */
  createdBy: string | null;
  /** Agent key of the technician who takes it on creation (phone, chat). */
  assignee: string | null;
  channel: Channel;
  scenario: string;
  type: Scenario['type'];
  subject: string;
  description: string;
  urgency: Level;
  impact: Level;
  category: string;
  tags: string[];
  brand: string | null;
  model: string | null;
  team: TeamKey | null;
  target: TicketStatus;
}

/** One thing that happens at one moment: a ticket is opened, or something is done to one or two tickets. */
export type DemoEvent = { at: Date; ticket: number } & (
  | { kind: 'create' }
  | StepDraft
  | { kind: 'merge'; by: string; into: number; reason: string }
  | { kind: 'link'; by: string; other: number }
);

const DAY = 86_400_000;
const MIN = 60_000;

/** Final status by age: old tickets are mostly closed, this week's mostly new or in progress. */
const STATUS_BY_AGE: ReadonlyArray<[number, Readonly<Record<TicketStatus, number>>]> = [
  [21, { closed: 72, resolved: 14, on_hold: 4, pending: 4, open: 5, new: 1 }],
  [7, { closed: 25, resolved: 35, pending: 12, on_hold: 8, open: 17, new: 3 }],
  [0, { closed: 3, resolved: 17, pending: 15, on_hold: 8, open: 32, new: 25 }],
];

export interface DemoPlan {
  tickets: TicketPlan[];
  events: DemoEvent[];
}

export function planDemo(rng: Prng, now: Date, requesters: readonly PlannedRequester[], scenarios: readonly Scenario[], count: number): DemoPlan {
  const duplicates = Math.round(count / 50);
  const drafts = Array.from({ length: count - duplicates }, () => draftTicket(rng, now, requesters, scenarios));
  drafts.sort((a, b) => a.plan.createdAt.getTime() - b.plan.createdAt.getTime());
  const tickets: TicketPlan[] = [];
  const events: DemoEvent[] = [];
  const limit = now.getTime() - 5 * MIN;
  for (const d of drafts) {
    const index = tickets.length;
    tickets.push({ ...d.plan, index });
    events.push({ at: d.plan.createdAt, ticket: index, kind: 'create' });
    const steps = planTimeline(rng, { ...d, index });
    for (const s of compress(d.plan.createdAt.getTime(), steps, limit)) events.push({ ...s.step, at: s.at, ticket: index });
  }
  addDuplicates(rng, tickets, events, requesters, duplicates, limit);
  addRelatedLinks(rng, tickets, events, limit);
  // Stable: events at the same moment keep their planned order.
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { tickets, events };
}

/**
 * Spreads a ticket's steps after its creation. Technicians act during office hours, so their steps that would
 * fall at night or at the weekend wait for the next working morning; requesters answer whenever they like.
 * Steps that would run past now are squeezed evenly into the time left instead.
 */
function compress(created: number, steps: ReadonlyArray<{ afterMinutes: number; step: StepDraft }>, limit: number) {
  let t = created;
  const timed = steps.map((s) => {
    t += s.afterMinutes * MIN;
    if (s.step.by !== null) t = nextWorkingMoment(t);
    return { at: new Date(t), step: s.step };
  });
  if (t <= limit) return timed;
  const total = steps.reduce((n, s) => n + s.afterMinutes, 0) * MIN;
  const factor = Math.max(0, limit - created) / total;
  t = created;
  return steps.map((s) => {
    t += s.afterMinutes * MIN * factor;
    return { at: new Date(Math.round(t)), step: s.step };
  });
}

/** `t`, or the next weekday 07:00–17:00 UTC (08:00–18:00 in Paris in winter) after it. */
function nextWorkingMoment(t: number): number {
  const d = new Date(t);
  const hour = d.getUTCHours();
  const weekday = d.getUTCDay();
  if (weekday !== 0 && weekday !== 6 && hour >= 7 && hour < 17) return t;
  const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + (hour >= 17 ? 1 : 0), 7, d.getUTCMinutes() % 30));
  while (next.getUTCDay() === 0 || next.getUTCDay() === 6) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime();
}

export interface TicketDraft {
  plan: Omit<TicketPlan, 'index'>;
  scenario: Scenario;
  texts: ScenarioTexts;
  vars: Record<string, string>;
  language: 'fr' | 'en';
}

function draftTicket(rng: Prng, now: Date, requesters: readonly PlannedRequester[], scenarios: readonly Scenario[]): TicketDraft {
  const createdAt = pickWorkingTime(rng, now);
  const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
  const monitoring = rng.chance(0.07);
  const pool = scenarios.filter((s) => !!s.monitoring === monitoring);
  const scenario = pickScenario(rng, pool);
  const eligible = requesters
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => (!scenario.organizations || (r.org !== null && scenario.organizations.includes(r.org))) && (!monitoring || r.org !== null));
  let who = rng.pick(eligible);
  if (monitoring) who = eligible.find(({ r }) => r.org === who.r.org)!; // alerts go to the organization's IT contact
  const channel: Channel = monitoring
    ? 'api'
    : who.r.portal
      ? rng.weighted({ portal: 45, email: 25, phone: 18, chat: 12 })
      : rng.weighted({ email: 50, phone: 30, chat: 20 });
  const language = who.r.language;
  const texts = scenario[language];
  const equipment = scenario.equipment ? rng.pick(scenario.equipment) : null;
  const code = ORGANIZATIONS.find((o) => o.key === who.r.org)?.code ?? 'EXT';
  const vars: Record<string, string> = {
    first: who.r.firstName,
    brand: equipment?.[0] ?? '',
    model: equipment?.[1] ?? '',
    pc: `PC-${code}-${String(rng.int(1, 9999)).padStart(4, '0')}`,
    floor: rng.pick(FLOORS[language]),
    case: `${(equipment?.[0] ?? 'FRN').slice(0, 3).toUpperCase()}-${rng.int(100000, 999999)}`,
  };
  const agentCreated = channel !== 'portal';
  const l1 = AGENTS.filter((a) => a.role === 'agent' && a.teams.includes('l1'));
  const createdBy = !agentCreated ? null : monitoring ? AGENTS[0]!.key : rng.pick(l1).key;
  // On the phone or in a chat, the technician who answers takes the ticket at once.
  const takesIt = (channel === 'phone' || channel === 'chat') && rng.chance(0.8);
  const impact = rng.pick(scenario.impact);
  return {
    scenario,
    texts,
    vars,
    language,
    plan: {
      createdAt,
      requester: who.i,
      createdBy,
      assignee: takesIt ? createdBy : null,
      channel,
      scenario: scenario.key,
      type: scenario.type,
      subject: fill(rng.pick(texts.subjects), vars),
      description: fill(texts.description, vars),
      urgency: rng.pick(scenario.urgency),
      // Sometimes a whole team is affected rather than one person.
      impact: impact === 3 && rng.chance(0.35) ? 2 : impact,
      category: scenario.category,
      tags: [...scenario.tags],
      brand: equipment?.[0] ?? null,
      model: equipment?.[1] ?? null,
      team: takesIt || (agentCreated && !monitoring && rng.chance(0.7)) ? 'l1' : null,
      target: finalStatus(rng, ageDays),
    },
  };
}

function finalStatus(rng: Prng, ageDays: number): TicketStatus {
  const row = STATUS_BY_AGE.find(([minAge]) => ageDays >= minAge)!;
  return rng.weighted(row[1]);
}

function pickScenario(rng: Prng, pool: readonly Scenario[]): Scenario {
  const weights = Object.fromEntries(pool.map((s) => [s.key, s.weight]));
  const key = rng.weighted(weights);
  return pool.find((s) => s.key === key)!;
}

/** A moment in the past 8 weeks, on a weekday during office hours (Paris), at least 20 minutes ago. */
function pickWorkingTime(rng: Prng, now: Date): Date {
  for (;;) {
    const day = new Date(now.getTime() - rng.int(0, 55) * DAY);
    const weekday = day.getUTCDay();
    if ((weekday === 0 || weekday === 6) && !rng.chance(0.08)) continue;
    const t = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), rng.int(6, 16), rng.int(0, 59), rng.int(0, 59));
    if (t < now.getTime() - 20 * MIN) return new Date(t);
  }
}

/** A few people report the same outage: the later report is merged into the first one by a manager. */
function addDuplicates(rng: Prng, tickets: TicketPlan[], events: DemoEvent[], requesters: readonly PlannedRequester[], count: number, limit: number) {
  const candidates = tickets.filter(
    (t) => t.impact <= 2 && t.target !== 'closed' && requesters[t.requester]!.org !== null && t.createdAt.getTime() < limit - 3 * 60 * MIN,
  );
  const manager = AGENTS.find((a) => a.role === 'manager')!.key;
  for (let n = 0; n < count && candidates.length; n++) {
    const original = candidates.splice(rng.int(0, candidates.length - 1), 1)[0]!;
    const org = requesters[original.requester]!.org;
    const colleagues = requesters.map((r, i) => ({ r, i })).filter(({ r, i }) => r.org === org && i !== original.requester);
    if (!colleagues.length) continue;
    const other = rng.pick(colleagues);
    const createdAt = new Date(original.createdAt.getTime() + rng.int(10, 80) * MIN);
    const index = tickets.length;
    const lang = other.r.language;
    tickets.push({
      ...original, index, createdAt, requester: other.i, createdBy: AGENTS.find((a) => a.key !== manager && a.teams.includes('l1') && a.role === 'agent')!.key,
      channel: 'phone', team: 'l1', target: 'closed', assignee: null,
      description: lang === 'fr' ? `Appel de ${other.r.name} : même problème que ses collègues.` : `Call from ${other.r.name}: same problem as colleagues.`,
    });
    events.push({ at: createdAt, ticket: index, kind: 'create' });
    events.push({ at: new Date(Math.min(limit, createdAt.getTime() + rng.int(15, 60) * MIN)), ticket: index, kind: 'merge', by: manager, into: original.index, reason: PHRASES[lang].duplicate });
  }
}

/** Tickets of one organization about the same kind of thing within two days get a "related" link. */
function addRelatedLinks(rng: Prng, tickets: readonly TicketPlan[], events: DemoEvent[], limit: number) {
  const merged = new Set(events.filter((e) => e.kind === 'merge').map((e) => e.ticket));
  const manager = AGENTS.find((a) => a.role === 'manager')!.key;
  let links = 0;
  for (let i = 0; i < tickets.length && links < 12; i++) {
    const a = tickets[i]!;
    const b = tickets.find(
      (t) => t.index > a.index && !merged.has(t.index) && !merged.has(a.index) && t.category === a.category && t.requester !== a.requester &&
        t.createdAt.getTime() - a.createdAt.getTime() < 2 * DAY && t.createdAt.getTime() > a.createdAt.getTime(),
    );
    if (!b || !rng.chance(0.25)) continue;
    const at = Math.min(limit, b.createdAt.getTime() + rng.int(30, 180) * MIN);
    events.push({ at: new Date(at), ticket: b.index, kind: 'link', by: manager, other: a.index });
    links++;
  }
}
