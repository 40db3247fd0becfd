import { z } from 'zod';
import { PRIORITIES } from '../../domain/priority.js';
import { TOKEN_SCOPES } from '../../domain/principal.js';
import { TIERS } from '../../domain/ticket.js';
import { IsoDate, Limit, Uuid } from './common.js';

// Teams

const ASSIGNMENT_MODES = ['push', 'pull'] as const;

export const CreateTeamBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).optional(),
  calendar_id: Uuid.nullable().optional().describe('Business-hours calendar; null = the default calendar'),
  lead_id: Uuid.nullable().optional().describe('Team lead: an active member of the team (so set it once agents joined)'),
  assignment_mode: z.enum(ASSIGNMENT_MODES).optional().describe('push (default): Relais assigns tickets; pull: agents take the next ticket'),
  tier: z.enum(TIERS).nullable().optional().describe('The support level the team works at; null: outside the L1 → L2 → L3 ladder'),
});
export const UpdateTeamBody = CreateTeamBody.partial();

export const TeamJson = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string(),
  member_count: z.number().int().describe('Active members'),
  calendar_id: Uuid.nullable().describe('null: the default calendar applies'),
  lead_id: Uuid.nullable(),
  assignment_mode: z.enum(ASSIGNMENT_MODES),
  tier: z.enum(TIERS).nullable(),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const TeamDetailJson = TeamJson.extend({
  members: z.array(
    z.object({ id: Uuid, name: z.string(), email: z.string(), role: z.string(), tier: z.enum(TIERS), active: z.boolean() }),
  ),
});
export const TeamList = z.object({ data: z.array(TeamJson) });

// Categories

const CategoryName = z.string().trim().min(1).max(100);
export const CreateCategoryBody = z.strictObject({
  name_fr: CategoryName,
  name_en: CategoryName,
  parent_id: Uuid.nullable().optional(),
});
export const UpdateCategoryBody = z.strictObject({
  name_fr: CategoryName.optional(),
  name_en: CategoryName.optional(),
  parent_id: Uuid.nullable().optional().describe('Moves the category and its subcategories; null = root'),
});

export const CategoryJson = z.object({
  id: Uuid,
  parent_id: Uuid.nullable(),
  name_fr: z.string(),
  name_en: z.string(),
  depth: z.number().int().describe('0 for a root category'),
  path_names: z.object({ fr: z.array(z.string()), en: z.array(z.string()) }).describe('Root first'),
  full_name: z.object({ fr: z.string(), en: z.string() }).describe('e.g. Réseau › VPN'),
  created_at: IsoDate,
});
export const CategoryList = z.object({ data: z.array(CategoryJson) });

// Settings

export const PriorityMatrixJson = z.object({
  matrix: z.array(z.array(z.enum(PRIORITIES))).describe('matrix[urgency - 1][impact - 1]; 1 is the highest'),
  is_default: z.boolean(),
});
export const PutPriorityMatrixBody = z.strictObject({
  matrix: z.array(z.array(z.string())).describe('3 rows (urgency 1–3) of 3 cells (impact 1–3), each P1–P4'),
});

// API tokens

export const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  expires_at: IsoDate.nullable().optional(),
});
export const ListTokensQuery = z.strictObject({
  all: z.enum(['true', 'false']).default('false').describe("Administrators: every agent's tokens"),
});

export const TokenJson = z.object({
  id: Uuid,
  agent_id: Uuid,
  name: z.string(),
  prefix: z.string().describe('First characters of the secret, to recognise it'),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  active: z.boolean(),
  created_at: IsoDate,
  expires_at: IsoDate.nullable(),
  last_used_at: IsoDate.nullable(),
  revoked_at: IsoDate.nullable(),
});
export const IssuedTokenJson = TokenJson.extend({
  token: z.string().describe('The secret: shown once, send it as Authorization: Bearer …'),
});
export const TokenList = z.object({ data: z.array(TokenJson) });

// Audit log

export const AuditQuery = z.strictObject({
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, 'an action such as token.issued, or a family such as auth.*')
    .max(100)
    .optional(),
  actor: Uuid.optional(),
  target: z.string().max(100).optional(),
  limit: Limit,
  cursor: z.string().max(500).optional(),
});
export const AuditEntryJson = z.object({
  id: Uuid,
  seq: z.number().int(),
  at: IsoDate,
  actor_kind: z.string().nullable(),
  actor_id: Uuid.nullable(),
  action: z.string(),
  target_kind: z.string().nullable(),
  target_id: z.string().nullable(),
  ip: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export const AuditList = z.object({ data: z.array(AuditEntryJson), next_cursor: z.string().nullable() });
