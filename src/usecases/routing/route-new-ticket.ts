/**
 * Routing on arrival (issue 6): a ticket that comes in without a team (portal, e-mail, API) goes where the first
 * matching routing rule says — team, level, required skills, a priority step, tags — before it is written, so the
 * SLA starts on the routed priority and team calendar. The rule and what matched go on the timeline.
 */
import { lowerPriority, priorityFor, raisePriority, type Level, type PriorityMatrix } from '../../domain/priority.js';
import { matchRoutingRule, type RoutingMatch } from '../../domain/routing/rules.js';
import type { SkillRef } from '../../domain/skills.js';
import { normalizeTags, type Channel, type Tier } from '../../domain/ticket.js';
import type { NewTimelineEntry } from '../../domain/timeline.js';
import type { Sql } from '../../store/db.js';
import { listActiveRoutingRules } from '../../store/routing-rules.js';
import { namedSkills } from '../../store/routing.js';
import { categoryPath } from '../../store/sla-policies.js';
import { findTeam } from '../../store/teams.js';

export interface RoutableFields {
  subject: string;
  description: string;
  channel: Channel;
  categoryId: string | null;
  organizationId: string | null;
  equipmentBrand: string | null;
  urgency: Level;
  impact: Level;
  teamId: string | null;
  tier: Tier;
  tags: string[];
}

export interface RoutingDecision<F extends RoutableFields> {
  fields: F;
  requiredSkills: SkillRef[];
  /** The `ticket.routed` entry to write once the ticket exists; null when no rule applied. */
  entry: NewTimelineEntry | null;
}

/** Applies the first matching rule to a ticket about to be created without a team or an assignee. */
export async function routeNewTicket<F extends RoutableFields>(
  sql: Sql, matrix: PriorityMatrix, f: F, opts: { assigneeId: string | null },
): Promise<RoutingDecision<F>> {
  const unchanged = { fields: f, requiredSkills: [], entry: null };
  if (f.teamId || opts.assigneeId) return unchanged;
  const rules = await listActiveRoutingRules(sql);
  if (!rules.length) return unchanged;
  const match = matchRoutingRule(rules, {
    channel: f.channel, categoryPath: await categoryPath(sql, f.categoryId), organizationId: f.organizationId,
    subject: f.subject, description: f.description, equipmentBrand: f.equipmentBrand, priority: priorityFor(matrix, f.urgency, f.impact),
  });
  if (!match) return unchanged;
  const o = match.rule.outcome;
  const step = o.priority_adjust === 'raise' ? raisePriority(matrix, f.urgency, f.impact)
    : o.priority_adjust === 'lower' ? lowerPriority(matrix, f.urgency, f.impact) : null;
  // A rule's team may have been deleted since: the ticket then stays without a team, and the entry says so.
  const team = o.team_id ? await findTeam(sql, o.team_id) : undefined;
  const fields: F = {
    ...f,
    teamId: team?.id ?? null,
    tier: o.tier ?? f.tier,
    tags: normalizeTags([...f.tags, ...o.tags]),
    ...(step ? { urgency: step.urgency, impact: step.impact } : {}),
  };
  return { fields, requiredSkills: o.required_skills, entry: await routedEntry(sql, match, fields, team?.name ?? null, step !== null) };
}

async function routedEntry(sql: Sql, m: RoutingMatch, f: RoutableFields, teamName: string | null, stepped: boolean): Promise<NewTimelineEntry> {
  const o = m.rule.outcome;
  const skills = await namedSkills(sql, o.required_skills);
  const parts = [
    teamName ? `team ${teamName}` : o.team_id ? 'its team no longer exists' : null,
    `level ${f.tier}`,
    skills.length ? `needs ${skills.map((s) => `${s.name} ${s.level}`).join(', ')}` : null,
    stepped ? `priority ${o.priority_adjust === 'raise' ? 'raised' : 'lowered'} one step` : null,
    o.tags.length ? `tags ${o.tags.join(', ')}` : null,
  ].filter((p): p is string => p !== null);
  return {
    kind: 'ticket.routed', actor: { kind: 'system', id: null }, visibility: 'internal', body: null,
    reason: `Routed by ${m.reason}: ${parts.join('; ')}.`,
    data: {
      rule: { id: m.rule.id, name: m.rule.name }, matched: m.matched, team_id: f.teamId, tier: f.tier,
      required_skills: skills, priority_adjust: stepped ? o.priority_adjust : null, tags: o.tags,
    },
  };
}
