import type { z } from 'zod';
import type { SkillHolderRow, SkillListRow } from '../../store/skills.js';
import type { SkillAgentsJson, SkillJson } from '../schemas/skills.js';

export function presentSkill(s: SkillListRow): z.infer<typeof SkillJson> {
  return {
    id: s.id, kind: s.kind, name_en: s.name_en, name_fr: s.name_fr, active: s.active, agent_count: s.agent_count,
    created_at: s.created_at.toISOString(), updated_at: s.updated_at.toISOString(),
  };
}

export function presentSkillHolder(a: SkillHolderRow): z.infer<typeof SkillAgentsJson>['data'][number] {
  return { id: a.id, name: a.name, email: a.email, tier: a.tier, active: a.active, availability: a.availability, team_ids: a.team_ids, level: a.level };
}
