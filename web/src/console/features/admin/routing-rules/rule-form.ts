import { CHANNELS, PRIORITIES, type Channel, type Priority } from '../../../../shared/api/types';
import type { RoutingOutcome, RoutingRule, RoutingRuleBody } from './api';

/**
 * The routing rule editor's model: condition lists as the API has them, the outcome with '' for "unchanged", the
 * required skills as rows (a key each, so React keeps a row's focus when one above is removed), and the
 * conversions to the API.
 */
export { CHANNELS, PRIORITIES };
export const TIERS = ['L1', 'L2', 'L3'] as const satisfies readonly NonNullable<RoutingOutcome['tier']>[];
export type RuleTier = (typeof TIERS)[number];
export const LEVELS = [1, 2, 3] as const;
export type SkillLevel = (typeof LEVELS)[number];
export const ADJUSTS = ['raise', 'lower'] as const satisfies readonly NonNullable<RoutingOutcome['priority_adjust']>[];
export type Adjust = (typeof ADJUSTS)[number];

/** The server's limits (schemas/routing-rules.ts). */
export const MAX_WORDS = 50;
export const MAX_WORD_LENGTH = 100;
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 50;

export interface SkillRow {
  key: number;
  skillId: string;
  level: SkillLevel;
}

export interface RuleDraft {
  name: string;
  description: string;
  active: boolean;
  channels: Channel[];
  priorities: Priority[];
  categoryIds: string[];
  organizationIds: string[];
  keywords: string[];
  brands: string[];
  /** '' = the team chosen at creation stays. */
  teamId: string;
  tier: RuleTier | '';
  skills: SkillRow[];
  adjust: Adjust | '';
  tags: string[];
}

let nextKey = 0;

export const newSkillRow = (): SkillRow => ({ key: ++nextKey, skillId: '', level: 1 });

export const emptyRuleDraft = (): RuleDraft => ({
  name: '', description: '', active: true, channels: [], priorities: [], categoryIds: [], organizationIds: [], keywords: [],
  brands: [], teamId: '', tier: '', skills: [], adjust: '', tags: [],
});

export function ruleDraftOf(r: RoutingRule): RuleDraft {
  const c = r.conditions;
  const o = r.outcome;
  return {
    name: r.name, description: r.description, active: r.active,
    channels: [...c.channels], priorities: [...c.priorities], categoryIds: [...c.category_ids], organizationIds: [...c.organization_ids],
    keywords: [...c.keywords], brands: [...c.brands],
    teamId: o.team_id ?? '', tier: o.tier ?? '', adjust: o.priority_adjust ?? '', tags: [...o.tags],
    skills: o.required_skills.map((s) => ({ key: ++nextKey, skillId: s.skill_id, level: s.level })),
  };
}

/** The API body: every list sent (an empty one matches every ticket), so a PATCH replaces the conditions as a whole. */
export function ruleBodyOf(d: RuleDraft): RoutingRuleBody {
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    active: d.active,
    conditions: {
      channels: d.channels, priorities: d.priorities, category_ids: d.categoryIds, organization_ids: d.organizationIds,
      keywords: d.keywords, brands: d.brands,
    },
    outcome: {
      team_id: d.teamId || null,
      tier: d.tier || null,
      required_skills: d.skills.map((s) => ({ skill_id: s.skillId, level: s.level })),
      priority_adjust: d.adjust || null,
      tags: d.tags,
    },
  };
}

/** What the form finds before asking the server, keyed like the server's paths; values are message ids. */
export function checkRuleDraft(d: RuleDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.name.trim()) out.name = 'common.required';
  const seen = new Set<string>();
  d.skills.forEach((s, i) => {
    if (!s.skillId) out[`outcome.required_skills.${i}.skill_id`] = 'common.required';
    else if (seen.has(s.skillId)) out[`outcome.required_skills.${i}.skill_id`] = 'routingRules.form.duplicateSkill';
    seen.add(s.skillId);
  });
  return out;
}
