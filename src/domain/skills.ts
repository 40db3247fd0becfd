import type { Level } from './priority.js';

/**
 * An agent's competence, e.g. { name: 'Cisco', level: 3 }. A placeholder for the skill catalogue that
 * skill-based routing will bring: free names for now, levels 1 (basic) to 3 (expert).
 */
export interface AgentSkill {
  name: string;
  level: Level;
}

/** How skill names compare: accents, case and spacing ignored ('Réseau' is 'reseau'). */
export const skillKey = (name: string): string => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');
const key = skillKey;

/** Trims names, keeps one entry per name (accents and case ignored) at its highest level, sorted by name. */
export function normalizeSkills(skills: readonly AgentSkill[]): AgentSkill[] {
  const byKey = new Map<string, AgentSkill>();
  for (const s of skills) {
    const name = s.name.trim().replace(/\s+/g, ' ');
    if (!name) continue;
    const k = key(name);
    const known = byKey.get(k);
    if (!known || s.level > known.level) byKey.set(k, { name, level: s.level });
  }
  return [...byKey.values()].sort((a, b) => key(a.name).localeCompare(key(b.name)));
}
