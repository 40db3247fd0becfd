import { z } from 'zod';
import { TIERS } from '../../domain/ticket.js';
import { IsoDate, Level, Uuid } from './common.js';

const Kind = z.enum(['domain', 'brand']).describe('domain: a field of competence (networking, Windows …); brand: an equipment brand (Cisco, Dell …)');
const SkillName = z.string().trim().min(1).max(80);

export const SkillJson = z.object({
  id: Uuid,
  kind: Kind,
  name_en: z.string(),
  name_fr: z.string(),
  active: z.boolean().describe('Inactive skills stay on the agents and rules that have them but are not offered for new ones'),
  agent_count: z.number().int().describe('How many active agents hold it'),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const SkillList = z.object({ data: z.array(SkillJson) });

export const ListSkillsQuery = z.strictObject({
  kind: Kind.optional(),
  active: z.enum(['true', 'false', 'all']).default('all'),
  q: z.string().trim().min(1).max(80).optional().describe('Part of the English or French name, accents ignored'),
});

export const CreateSkillBody = z.strictObject({
  kind: Kind,
  name_en: SkillName,
  name_fr: SkillName,
  active: z.boolean().optional(),
});

export const UpdateSkillBody = z.strictObject({
  kind: Kind.optional(),
  name_en: SkillName.optional(),
  name_fr: SkillName.optional(),
  active: z.boolean().optional().describe('false retires the skill without taking it from anyone'),
});

export const SkillAgentsJson = z.object({
  skill: SkillJson,
  data: z.array(z.object({
    id: Uuid,
    name: z.string(),
    email: z.string(),
    tier: z.enum(TIERS),
    active: z.boolean(),
    availability: z.enum(['online', 'away', 'offline']),
    team_ids: z.array(Uuid),
    level: Level,
  })),
});
