import type { Level } from './priority.js';

/**
 * Competences come from the skill catalogue (`skills`: domains such as networking or Windows, and equipment brands
 * such as Cisco or Dell); agents hold them at a level, 1 (basic) to 3 (expert), and routing asks for them at a
 * minimum level.
 */
export type SkillKind = 'domain' | 'brand';

/** A skill at a level, as held or required: `{ skill_id, level }` (stored and sent in this form). */
export interface SkillRef {
  skill_id: string;
  level: Level;
}

/** The same with the skill's name, for explanations ("Cisco level 3"). */
export interface NamedSkill extends SkillRef {
  name: string;
}

/** One entry per skill at its highest level, in a stable order. */
export function normalizeSkillRefs(skills: readonly SkillRef[]): SkillRef[] {
  const best = new Map<string, Level>();
  for (const s of skills) best.set(s.skill_id, Math.max(best.get(s.skill_id) ?? 0, s.level) as Level);
  return [...best].map(([skill_id, level]) => ({ skill_id, level })).sort((a, b) => a.skill_id.localeCompare(b.skill_id));
}

/** How skill names compare: accents, case and spacing ignored ('Réseau' is 'reseau'). */
export const skillKey = (name: string): string => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');
