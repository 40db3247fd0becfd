import { z } from 'zod';
import { AGENT_ROLES } from '../../domain/principal.js';
import { TIERS } from '../../domain/ticket.js';
import { LANGUAGES } from '../../usecases/directory/rules.js';
import { AvailabilitySummaryJson } from './availability.js';
import { IsoDate, Level, Limit, Uuid } from './common.js';

export const IdParams = z.object({ id: Uuid });

const Name = z.string().trim().min(1).max(200);
const Email = z.email().max(320);
const Language = z.enum(LANGUAGES);
const TimeZone = z.string().trim().min(1).max(64).describe('IANA time zone name, e.g. Europe/Paris');
const Password = z.string().min(1).max(256).describe('At least 10 characters');
const Phone = z.string().trim().min(1).max(40).describe('Phone number, e.g. +33 1 23 45 67 89');
const Search = z.string().trim().min(1).max(200);
const Cursor = z.string().max(500);

// Requesters

export const CreateRequesterBody = z.strictObject({
  name: Name,
  email: Email,
  password: Password.optional().describe('Gives the requester access to the portal'),
  phone: Phone.optional(),
  phones: z.array(Phone).max(10).optional(),
  organization_id: Uuid.nullable().optional(),
  language: Language.optional(),
  time_zone: TimeZone.optional(),
});

const NewIdentity = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), value: Email, primary: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('phone'), value: Phone, primary: z.boolean().optional() }),
]);

export const UpdateRequesterBody = z.strictObject({
  name: Name.optional(),
  organization_id: Uuid.nullable().optional(),
  language: Language.optional(),
  time_zone: TimeZone.optional(),
  add_identities: z.array(NewIdentity).max(20).optional(),
  remove_identity_ids: z.array(Uuid).max(20).optional(),
});

export const ListRequestersQuery = z.strictObject({
  q: Search.optional().describe('Part of the name, email address or phone number'),
  organization: Uuid.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});

export const IdentityJson = z.object({ id: Uuid, kind: z.enum(['email', 'phone']), value: z.string(), primary: z.boolean() });

export const RequesterJson = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string().nullable().describe('Primary email address'),
  organization: z.object({ id: Uuid, name: z.string() }).nullable(),
  language: z.string(),
  time_zone: z.string(),
  portal_access: z.boolean().describe('Whether the requester has a password for the portal'),
  identities: z.array(IdentityJson),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const RequesterList = z.object({ data: z.array(RequesterJson), next_cursor: z.string().nullable() });

// Organizations

const Domain = z
  .string()
  .trim()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](-*[a-z0-9])*)(\.[a-z0-9](-*[a-z0-9])*)+$/i, 'a domain name such as client.fr');

export const CreateOrganizationBody = z.strictObject({
  name: Name,
  domain: Domain.nullable().optional(),
  requesters_see_org_tickets: z.boolean().optional().describe("Members see each other's tickets in the portal"),
});
export const UpdateOrganizationBody = CreateOrganizationBody.partial();
export const ListOrganizationsQuery = z.strictObject({ q: Search.optional(), limit: Limit, cursor: Cursor.optional() });

export const OrganizationJson = z.object({
  id: Uuid,
  name: z.string(),
  domain: z.string().nullable(),
  requesters_see_org_tickets: z.boolean(),
  requester_count: z.number().int(),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const OrganizationList = z.object({ data: z.array(OrganizationJson), next_cursor: z.string().nullable() });

// Agents

const Skill = z.strictObject({ skill_id: Uuid, level: Level });
const Skills = z.array(Skill).max(50);

export const CreateAgentBody = z.strictObject({
  name: Name,
  email: Email,
  password: Password.optional(),
  role: z.enum(AGENT_ROLES),
  tier: z.enum(TIERS).optional(),
  language: Language.optional(),
  time_zone: TimeZone.optional(),
  team_ids: z.array(Uuid).max(50).optional(),
  skills: Skills.optional(),
});

export const UpdateAgentBody = z.strictObject({
  name: Name.optional(),
  language: Language.optional(),
  time_zone: TimeZone.optional(),
  password: Password.optional(),
  current_password: z.string().max(256).optional().describe('Required to change your own password'),
  role: z.enum(AGENT_ROLES).optional().describe('Administrators only'),
  tier: z.enum(TIERS).optional().describe('Administrators only'),
  team_ids: z.array(Uuid).max(50).optional().describe('Administrators only; replaces the memberships'),
  active: z.boolean().optional().describe('Administrators only; false signs the agent out everywhere'),
  skills: Skills.optional().describe('Administrators only; replaces the list: skills from /api/v1/skills, level 1 basic to 3 expert'),
});

export const ListAgentsQuery = z.strictObject({
  team: Uuid.optional(),
  role: z.enum(AGENT_ROLES).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  q: Search.optional(),
});

export const AgentJson = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string(),
  role: z.enum(AGENT_ROLES),
  tier: z.enum(TIERS),
  language: z.string(),
  time_zone: z.string(),
  active: z.boolean(),
  team_ids: z.array(Uuid),
  skills: z.array(z.object({ skill_id: Uuid, kind: z.enum(['domain', 'brand']), name_en: z.string(), name_fr: z.string(), level: Level })),
  availability: AvailabilitySummaryJson.describe('Details and changes: /api/v1/agents/{id}/availability'),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const AgentList = z.object({ data: z.array(AgentJson) });
