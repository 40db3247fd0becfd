/**
 * Routing rules (issue 6): ordered and editable; the first active rule whose conditions all hold decides the
 * team, the tier, the skills an agent needs, a priority adjustment and tags. Pure: the caller passes the ticket's
 * facts (its category's path, its text) in.
 */
import { findAnyPhrase, foldText } from '../automation/text-match.js';
import type { Level, Priority } from '../priority.js';
import type { SkillRef } from '../skills.js';
import type { Channel, Tier } from '../ticket.js';

export interface RoutingConditions {
  channels?: Channel[];
  /** A category matches its sub-categories too. */
  category_ids?: string[];
  organization_ids?: string[];
  /** Words or phrases in the subject or the description, French or English, whole words, accents ignored. */
  keywords?: string[];
  /** Equipment brands (Cisco, Dell, HP …), accents and case ignored. */
  brands?: string[];
  priorities?: Priority[];
}

export interface RoutingOutcome {
  team_id: string | null;
  tier: Tier | null;
  /** What the assignee must know, each at least at its level. */
  required_skills: SkillRef[];
  /** Moves the urgency one step up (raise) or down (lower); priority follows through the matrix. */
  priority_adjust: 'raise' | 'lower' | null;
  tags: string[];
}

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: RoutingConditions;
  outcome: RoutingOutcome;
}

export interface RoutingFacts {
  channel: Channel;
  categoryPath: string | null;
  organizationId: string | null;
  subject: string;
  description: string;
  equipmentBrand: string | null;
  priority: Priority;
}

export interface RoutingMatch {
  rule: RoutingRule;
  /** What matched, in English, for the timeline ("keyword «switch»", "brand Cisco"). */
  matched: string[];
  reason: string;
}

/** Which conditions of a rule hold (their descriptions), or null as soon as one does not. */
function matchConditions(c: RoutingConditions, f: RoutingFacts): string[] | null {
  const why: string[] = [];
  if (c.channels?.length) {
    if (!c.channels.includes(f.channel)) return null;
    why.push(`channel ${f.channel}`);
  }
  if (c.priorities?.length) {
    if (!c.priorities.includes(f.priority)) return null;
    why.push(`priority ${f.priority}`);
  }
  if (c.organization_ids?.length) {
    if (!f.organizationId || !c.organization_ids.includes(f.organizationId)) return null;
    why.push('organization');
  }
  if (c.category_ids?.length) {
    if (!c.category_ids.some((id) => (f.categoryPath ?? '').includes(`/${id}/`))) return null;
    why.push('category');
  }
  if (c.brands?.length) {
    const brand = f.equipmentBrand ? foldText(f.equipmentBrand).trim() : '';
    const hit = c.brands.find((b) => foldText(b).trim() === brand);
    if (!hit) return null;
    why.push(`brand ${f.equipmentBrand}`);
  }
  if (c.keywords?.length) {
    const hit = findAnyPhrase(`${f.subject}\n${f.description}`, c.keywords);
    if (!hit) return null;
    why.push(`keyword «${hit}»`);
  }
  return why;
}

/**
 * The first active rule, in position order, whose conditions all hold; null when none does (the caller then
 * uses its default: the L1 service desk). A rule without conditions matches everything, so it is the usual last.
 */
export function matchRoutingRule(rules: readonly RoutingRule[], facts: RoutingFacts): RoutingMatch | null {
  const ordered = rules.filter((r) => r.active).sort((a, b) => a.position - b.position);
  for (const rule of ordered) {
    const matched = matchConditions(rule.conditions, facts);
    if (matched === null) continue;
    const reason = matched.length
      ? `routing rule «${rule.name}» (${matched.join(', ')})`
      : `routing rule «${rule.name}» (no conditions: the default rule)`;
    return { rule, matched, reason };
  }
  return null;
}

export interface RoutingProblem {
  path: string;
  message: string;
}

/** Checks what a schema cannot: skill levels, duplicate skills, empty keyword lists (the caller checks the skills exist). */
export function validateRoutingRule(r: Pick<RoutingRule, 'conditions' | 'outcome'>): RoutingProblem[] {
  const problems: RoutingProblem[] = [];
  const seen = new Set<string>();
  r.outcome.required_skills.forEach((s, i) => {
    if (![1, 2, 3].includes(s.level as Level)) problems.push({ path: `outcome.required_skills.${i}.level`, message: 'a level from 1 to 3' });
    const k = s.skill_id;
    if (seen.has(k)) problems.push({ path: `outcome.required_skills.${i}`, message: 'the same skill twice' });
    seen.add(k);
  });
  r.conditions.keywords?.forEach((w, i) => {
    if (!foldText(w).trim()) problems.push({ path: `conditions.keywords.${i}`, message: 'an empty keyword' });
  });
  return problems;
}
