/**
 * The life of one demo ticket up to its final status, as the steps a service desk takes: an L1 technician
 * picks it up and answers, asks for details, escalates to the right team when it is beyond L1, puts it on hold
 * while a part or a supplier is awaited, solves it, and a manager closes it a few days later.
 */
import type { TicketStatus, Tier } from '../../domain/ticket.js';
import { AGENTS, TEAMS, type TeamKey } from './directory.js';
import type { TicketDraft } from './plan.js';
import { fill, PHRASES } from './phrases.js';
import type { Prng } from './prng.js';

/** One step; `by` is an agent key, or null for the requester. */
export type StepDraft =
  | { kind: 'assign'; by: string; assignee: string; team: TeamKey }
  | { kind: 'escalate'; by: string; assignee: string; team: TeamKey; tier: Tier; reason: string }
  | { kind: 'reply'; by: string | null; body: string }
  | { kind: 'note'; by: string; body: string }
  | { kind: 'status'; by: string | null; to: TicketStatus; reason: string | null };

/** The L2 team a ticket passes through on its way to L3, by category. */
const VIA_TEAM: ReadonlyArray<[string, TeamKey]> = [['network', 'network'], ['telephony', 'network'], ['email', 'apps'], ['business-apps', 'apps']];

export function planTimeline(rng: Prng, d: TicketDraft & { index: number }): Array<{ afterMinutes: number; step: StepDraft }> {
  const out: Array<{ afterMinutes: number; step: StepDraft }> = [];
  const add = (afterMinutes: number, step: StepDraft) => out.push({ afterMinutes, step });
  const { texts, vars, scenario, language } = d;
  const say = (t: string) => fill(t, vars);
  const p = PHRASES[language];
  const target = d.plan.target;
  if (target === 'new') return out;

  const l1 = d.plan.assignee ?? pickAgent(rng, 'l1', language);
  if (!d.plan.assignee) add(rng.int(3, 90), { kind: 'assign', by: l1, assignee: l1, team: 'l1' });
  const askFirst = scenario.tier === 'L1' && rng.chance(0.6);
  add(rng.int(1, 20), { kind: 'reply', by: l1, body: say(askFirst ? texts.question : rng.pick(p.ack)) });
  let handler = l1;
  let asked = askFirst;
  const escalate = (team: TeamKey, tier: Tier) => {
    const to = pickAgent(rng, team, language);
    const reason = fill(p.escalation, { team: TEAMS[team].name, tier });
    add(rng.int(20, 180), { kind: 'note', by: handler, body: reason });
    add(1, { kind: 'escalate', by: handler, assignee: to, team, tier, reason });
    handler = to;
  };
  if (scenario.tier === 'L3' && rng.chance(0.4)) {
    const via = VIA_TEAM.find(([prefix]) => scenario.category.startsWith(prefix))?.[1] ?? 'infra';
    escalate(via, 'L2');
    add(rng.int(30, 240), { kind: 'note', by: handler, body: rng.pick(p.investigating) });
  }
  if (scenario.tier !== 'L1') escalate(scenario.team, scenario.tier);

  if (!asked && rng.chance(0.6)) {
    add(rng.int(15, 240), { kind: 'reply', by: handler, body: say(texts.question) });
    asked = true;
  }
  if (asked) {
    add(1, { kind: 'status', by: handler, to: 'pending', reason: null });
    if (target === 'pending' && rng.chance(0.5)) {
      if (rng.chance(0.4)) add(rng.int(2 * 1440, 4 * 1440), { kind: 'reply', by: handler, body: say(p.reminder) });
      return out;
    }
    add(rng.int(30, 1440), { kind: 'reply', by: null, body: say(texts.answer) }); // the requester's answer reopens it
  }
  if (rng.chance(0.7)) add(rng.int(30, 600), { kind: 'note', by: handler, body: say(texts.note) });

  switch (target) {
    case 'open':
      return out;
    case 'pending':
      add(rng.int(30, 600), { kind: 'reply', by: handler, body: say(texts.question) });
      add(1, { kind: 'status', by: handler, to: 'pending', reason: null });
      return out;
    case 'on_hold':
      add(rng.int(30, 600), { kind: 'note', by: handler, body: say(texts.hold ?? rng.pick(p.investigating)) });
      add(1, { kind: 'status', by: handler, to: 'on_hold', reason: texts.hold ? say(texts.hold) : null });
      return out;
    default:
      break;
  }
  if (texts.hold && rng.chance(0.2)) {
    add(rng.int(30, 600), { kind: 'note', by: handler, body: say(texts.hold) });
    add(1, { kind: 'status', by: handler, to: 'on_hold', reason: say(texts.hold) });
    add(rng.int(1440, 4 * 1440), { kind: 'status', by: handler, to: 'open', reason: language === 'fr' ? 'Pièce reçue / intervention possible.' : 'Part received / work can resume.' });
  }
  add(rng.int(60, 2880), { kind: 'reply', by: handler, body: say(texts.fix) });
  const confirmed = rng.chance(0.55);
  if (confirmed) {
    add(rng.int(20, 600), { kind: 'reply', by: null, body: rng.pick(p.thanks) });
    add(rng.int(5, 60), { kind: 'status', by: handler, to: 'resolved', reason: p.resolved });
  } else {
    add(1, { kind: 'status', by: handler, to: 'resolved', reason: null });
  }
  if (rng.chance(0.08)) {
    add(rng.int(600, 2880), { kind: 'reply', by: null, body: rng.pick(p.stillBroken) }); // reopens the ticket
    add(rng.int(60, 600), { kind: 'reply', by: handler, body: say(p.retry) });
    add(1, { kind: 'status', by: handler, to: 'resolved', reason: null });
  }
  if (target === 'closed') {
    const manager = AGENTS.find((a) => a.role === 'manager')!.key;
    add(rng.int(3 * 1440, 7 * 1440), { kind: 'status', by: manager, to: 'closed', reason: confirmed ? p.confirmedClose : p.autoClose });
  }
  return out;
}

/** An agent of `team` (not a manager); English speakers go to English-speaking agents when there are some. */
function pickAgent(rng: Prng, team: TeamKey, language: 'fr' | 'en'): string {
  const members = AGENTS.filter((a) => a.role === 'agent' && a.teams.includes(team));
  const speakers = members.filter((a) => a.language === language);
  return rng.pick(speakers.length && rng.chance(0.7) ? speakers : members).key;
}
