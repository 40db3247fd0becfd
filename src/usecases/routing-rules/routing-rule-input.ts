import { wordsOf } from '../../domain/automation/text-match.js';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { validateRoutingRule, type RoutingConditions, type RoutingOutcome, type RoutingRule } from '../../domain/routing/rules.js';
import { normalizeTags } from '../../domain/ticket.js';
import { findReferenceNames } from '../../store/automations.js';
import type { Sql } from '../../store/db.js';
import { findRoutingRuleByName } from '../../store/routing-rules.js';
import { findTeam } from '../../store/teams.js';
import { checkSkillRefs } from '../skills/check-skills.js';

/** A rule as the API gives it (already shaped by the HTTP schema): the domain rule without id and position. */
export type RoutingRuleInput = Omit<RoutingRule, 'id' | 'position'> & { description: string };

const invalid = (details: ErrorDetail[]) => new DomainError('INVALID_ROUTING_RULE', 'The routing rule is not valid.', details);

/** Each value once (the first spelling), in the order given. */
const unique = <T>(list: readonly T[], key: (v: T) => string = String): T[] => {
  const seen = new Set<string>();
  return list.filter((v) => !seen.has(key(v)) && Boolean(seen.add(key(v))));
};

const fold = (s: string) => wordsOf(s).join(' ');

/** Conditions as stored: no empty list (an absent key matches every ticket), no value twice. */
function tidyConditions(c: RoutingConditions): RoutingConditions {
  const out: RoutingConditions = {};
  if (c.channels?.length) out.channels = unique(c.channels);
  if (c.priorities?.length) out.priorities = unique(c.priorities);
  if (c.category_ids?.length) out.category_ids = unique(c.category_ids);
  if (c.organization_ids?.length) out.organization_ids = unique(c.organization_ids);
  if (c.keywords?.length) out.keywords = unique(c.keywords.map((k) => k.trim()), fold);
  if (c.brands?.length) out.brands = unique(c.brands.map((b) => b.trim()), fold);
  return out;
}

/**
 * Checks what the schema cannot — skill levels and duplicates (domain), keywords and brands that contain a word,
 * and that the team, categories, organizations and skills the rule names exist — and returns the rule as stored:
 * empty condition lists dropped, keywords and brands once each, tags normalized.
 */
export async function checkRoutingRule(sql: Sql, input: RoutingRuleInput, selfId: string | null): Promise<RoutingRuleInput> {
  const problems: ErrorDetail[] = validateRoutingRule(input).map((x) => ({ ...x }));
  for (const key of ['keywords', 'brands'] as const) {
    input.conditions[key]?.forEach((w, i) => {
      if (w.trim() && !wordsOf(w).length) problems.push({ path: `conditions.${key}.${i}`, message: 'needs at least one letter or digit' });
    });
  }
  if (problems.length) throw invalid(problems);
  const { outcome } = input;
  if (outcome.team_id && !(await findTeam(sql, outcome.team_id))) {
    throw new DomainError('TEAM_NOT_FOUND', 'No such team.', [{ path: 'outcome.team_id', message: 'unknown team' }]);
  }
  const refs = [
    ...(input.conditions.organization_ids ?? []).map((id, i) => ({ path: `conditions.organization_ids.${i}`, kind: 'organization' as const, id })),
    ...(input.conditions.category_ids ?? []).map((id, i) => ({ path: `conditions.category_ids.${i}`, kind: 'category' as const, id })),
  ];
  if (refs.length) {
    const found = new Set((await findReferenceNames(sql, {
      organization: refs.filter((r) => r.kind === 'organization').map((r) => r.id),
      category: refs.filter((r) => r.kind === 'category').map((r) => r.id),
    })).map((r) => `${r.kind}:${r.id}`));
    const missing = refs.filter((r) => !found.has(`${r.kind}:${r.id}`)).map((r) => ({ path: r.path, message: `unknown ${r.kind}` }));
    if (missing.length) throw invalid(missing);
  }
  // The domain refused a skill given twice, so the admin's order is kept (the most important skill first).
  await checkSkillRefs(sql, outcome.required_skills, 'outcome.required_skills');
  const same = await findRoutingRuleByName(sql, input.name);
  if (same && same.id !== selfId) {
    throw new DomainError('CONFLICT', 'A routing rule with this name already exists.', [{ path: 'name', message: 'already used' }]);
  }
  const tidyOutcome: RoutingOutcome = { ...outcome, tags: normalizeTags(outcome.tags) };
  return { ...input, name: input.name.trim(), conditions: tidyConditions(input.conditions), outcome: tidyOutcome };
}
