/**
 * Choosing the agent (issue 6): among the team's agents, the best available competent one. Pure: the caller
 * passes each candidate's state at `now` (status, shift, load) in.
 *
 * An agent qualifies when they work at the ticket's level or above, hold every required skill at least at its
 * level, are online, on shift and not out of office, and are under capacity. Among those: fewer open tickets
 * first, then the longest since their last assignment (round robin: never assigned counts as longest), then by
 * name and id so the choice is repeatable.
 * Every decision explains itself: who was chosen and why, and why each other agent was skipped.
 */
import { DateTime } from 'luxon';
import type { NamedSkill } from '../skills.js';
import type { Tier } from '../ticket.js';

export type AgentStatus = 'online' | 'away' | 'offline';

export interface Candidate {
  id: string;
  name: string;
  status: AgentStatus;
  skills: readonly NamedSkill[];
  openTickets: number;
  /** Most open tickets the agent takes; null: no limit. */
  capacity: number | null;
  lastAssignedAt: Date | null;
  /** On shift now (personal working hours), and until when (null: no end known, e.g. no personal hours). */
  onShift: boolean;
  shiftEndsAt: Date | null;
  outOfOffice: boolean;
  timeZone: string;
  /** The agent's support level; a ticket at a higher level is not for them. */
  tier?: Tier;
}

export type SkipReason = 'offline' | 'away' | 'off_shift' | 'out_of_office' | 'at_capacity' | 'missing_skill' | 'below_tier';

export interface Skipped {
  candidate: Candidate;
  reason: SkipReason;
  /** For missing_skill: what they lack ("Cisco 3, has 1"). */
  detail?: string;
}

export interface RankingResult {
  /** Eligible agents, best first; the first is the choice. */
  ranked: Candidate[];
  chosen: Candidate | null;
  skipped: Skipped[];
  /** In English, for the timeline. */
  explanation: string;
}

/** What a candidate lacks among the required skills, or null when they have them all. */
export function missingSkills(have: readonly NamedSkill[], need: readonly NamedSkill[]): string | null {
  const levels = new Map(have.map((s) => [s.skill_id, s.level]));
  const gaps = need.flatMap((s) => {
    const level = levels.get(s.skill_id) ?? 0;
    return level >= s.level ? [] : [`${s.name} ${s.level}, has ${level || 'none'}`];
  });
  return gaps.length ? gaps.join('; ') : null;
}

function skipReason(c: Candidate, need: readonly NamedSkill[], tier: Tier | undefined): Skipped | null {
  if (tier && c.tier && c.tier < tier) return { candidate: c, reason: 'below_tier', detail: `${c.tier}, ticket at ${tier}` };
  const missing = missingSkills(c.skills, need);
  if (missing) return { candidate: c, reason: 'missing_skill', detail: missing };
  if (c.outOfOffice) return { candidate: c, reason: 'out_of_office' };
  if (c.status !== 'online') return { candidate: c, reason: c.status };
  if (!c.onShift) return { candidate: c, reason: 'off_shift' };
  if (c.capacity !== null && c.openTickets >= c.capacity) return { candidate: c, reason: 'at_capacity' };
  return null;
}

/** Fewer open tickets, then longest since last assignment, then name and id. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.openTickets !== b.openTickets) return a.openTickets - b.openTickets;
  const ta = a.lastAssignedAt?.getTime() ?? -Infinity;
  const tb = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (ta !== tb) return ta - tb;
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

const SKIP_TEXT: Record<SkipReason, string> = {
  offline: 'offline', away: 'away', off_shift: 'off shift', out_of_office: 'out of office', at_capacity: 'at capacity',
  missing_skill: 'missing skill', below_tier: 'level',
};

/** Skip reasons, most telling first; and how many skipped agents the explanation names before counting. */
const SKIP_ORDER: readonly SkipReason[] = ['at_capacity', 'off_shift', 'away', 'offline', 'out_of_office', 'below_tier', 'missing_skill'];
const NAMED_IN_TEXT = 8;

function countRest(rest: readonly Skipped[]): string {
  const counts = new Map<SkipReason, number>();
  for (const s of rest) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return SKIP_ORDER.filter((r) => counts.has(r)).map((r) => `${counts.get(r)} ${SKIP_TEXT[r]}`).join(', ');
}

function describeChoice(c: Candidate, need: readonly NamedSkill[]): string {
  const levels = new Map(c.skills.map((s) => [s.skill_id, s.level]));
  const skills = need.map((s) => `${s.name} level ${levels.get(s.skill_id)}`);
  const load = `${c.openTickets} open ticket${c.openTickets === 1 ? '' : 's'}`;
  const shift = c.shiftEndsAt ? `on shift until ${DateTime.fromJSDate(c.shiftEndsAt, { zone: c.timeZone }).toFormat('HH:mm')}` : 'on shift';
  return [...skills, load, shift].join(', ');
}

/**
 * Ranks a team's agents for a ticket needing `need`. `chosen` is null when nobody qualifies; the explanation then
 * says why each agent was skipped, which is what the ticket waits on.
 */
export function rankCandidates(candidates: readonly Candidate[], need: readonly NamedSkill[], opts: { tier?: Tier } = {}): RankingResult {
  const skipped: Skipped[] = [];
  const eligible: Candidate[] = [];
  for (const c of candidates) {
    const skip = skipReason(c, need, opts.tier);
    if (skip) skipped.push(skip);
    else eligible.push(c);
  }
  const ranked = eligible.sort(compareCandidates);
  const chosen = ranked[0] ?? null;
  // Those who could have taken it but for their availability come first: they say what the ticket waits on.
  skipped.sort((a, b) => SKIP_ORDER.indexOf(a.reason) - SKIP_ORDER.indexOf(b.reason));
  const skips = skipped.slice(0, NAMED_IN_TEXT).map((s) => `${s.candidate.name} (${SKIP_TEXT[s.reason]}${s.detail ? `: ${s.detail}` : ''})`);
  if (skipped.length > NAMED_IN_TEXT) skips.push(`${skipped.length - NAMED_IN_TEXT} more (${countRest(skipped.slice(NAMED_IN_TEXT))})`);
  const explanation = chosen
    ? `assigned to ${chosen.name}: ${describeChoice(chosen, need)}${skips.length ? `; skipped ${skips.join(', ')}` : ''}`
    : `no agent available${need.length ? ` with ${need.map((s) => `${s.name} ${s.level}`).join(', ')}` : ''}; waiting in the team queue${skips.length ? `: ${skips.join(', ')}` : ''}`;
  return { ranked, chosen, skipped, explanation };
}
